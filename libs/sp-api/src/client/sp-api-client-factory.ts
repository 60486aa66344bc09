import type { AccessTokenProvider } from '../auth/access-token-provider';
import type { SpApiRegion } from '../config/regions';
import type { SpApiObserver } from '../observability/sp-api-observer';
import type { RateLimitStore } from '../rate-limit/rate-limit-store';
import { InMemoryRateLimitStore } from '../rate-limit/in-memory-rate-limit-store';
import { RateLimiter } from '../rate-limit/rate-limiter';
import type { HttpTransport } from '../transport/http-transport';
import { UndiciHttpTransport } from '../transport/undici-http-transport';
import type { RetryPolicy } from './retry-policy';
import { SpApiClient } from './sp-api-client';

/** Process-wide settings shared by every seller's client. */
export interface SpApiClientFactoryOptions {
  /** Base URL per region (sandbox/production overrides); unset regions use Amazon's production hosts. */
  baseUrls?: Partial<Record<SpApiRegion, string>>;
  /** Use Amazon's sandbox hosts for regions without a base URL. */
  sandbox?: boolean;
  /** Bucket store: in-memory (default) or `PostgresRateLimitStore` to share budgets across replicas. */
  rateLimitStore?: RateLimitStore;
  transport?: HttpTransport;
  retry?: Partial<RetryPolicy>;
  observer?: SpApiObserver;
  userAgent?: string;
  timeoutMs?: number;
}

/**
 * Builds {@link SpApiClient}s that share one keep-alive transport and one rate limiter, so every
 * caller in the process queues in the same per-seller buckets. Create one per process.
 *
 * @example
 * const factory = new SpApiClientFactory({ rateLimitStore: new PostgresRateLimitStore(pool, { schema: 'listings' }) });
 * const client = factory.forSeller({ sellingPartnerId, region: 'EU', accessTokens });
 */
export class SpApiClientFactory {
  readonly transport: HttpTransport;
  readonly rateLimiter: RateLimiter;

  constructor(private readonly options: SpApiClientFactoryOptions = {}) {
    this.transport = options.transport ?? new UndiciHttpTransport();
    this.rateLimiter = new RateLimiter(options.rateLimitStore ?? new InMemoryRateLimitStore());
  }

  /** A client for one seller account. Cheap: create one per call or cache it, both are fine. */
  forSeller(seller: { sellingPartnerId: string; region: SpApiRegion; accessTokens: AccessTokenProvider }): SpApiClient {
    return new SpApiClient({
      ...seller,
      baseUrl: this.options.baseUrls?.[seller.region],
      sandbox: this.options.sandbox,
      transport: this.transport,
      rateLimiter: this.rateLimiter,
      retry: this.options.retry,
      observer: this.options.observer,
      userAgent: this.options.userAgent,
      timeoutMs: this.options.timeoutMs,
    });
  }
}
