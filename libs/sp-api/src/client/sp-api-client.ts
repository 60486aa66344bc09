import type { AccessTokenProvider } from '../auth/access-token-provider';
import type { SpApiRegion } from '../config/regions';
import { resolveEndpoint } from '../config/regions';
import type { SpApiObserver } from '../observability/sp-api-observer';
import type { LimiterClock, RateLimiter } from '../rate-limit/rate-limiter';
import type { HttpTransport } from '../transport/http-transport';
import { UndiciHttpTransport } from '../transport/undici-http-transport';
import { CatalogItemsApi } from '../operations/catalog-items-api';
import { FeedsApi } from '../operations/feeds-api';
import { ListingsItemsApi } from '../operations/listings-items-api';
import { ListingsRestrictionsApi } from '../operations/listings-restrictions-api';
import { OrdersApi } from '../operations/orders-api';
import { OrdersV0Api } from '../operations/orders-v0-api';
import { ProductTypeDefinitionsApi } from '../operations/product-type-definitions-api';
import { ReportsApi } from '../operations/reports-api';
import { SellersApi } from '../operations/sellers-api';
import { TokensApi } from '../operations/tokens-api';
import type { RetryPolicy } from './retry-policy';
import { SpApiHttpClient } from './sp-api-http-client';

/** Configuration of a client for one seller account (selling partner id + region). */
export interface SpApiClientOptions {
  region: SpApiRegion;
  /** The seller's selling_partner_id (also the `sellerId` of Listings paths). */
  sellingPartnerId: string;
  /** Access tokens: a `RefreshTokenAccessTokenProvider` in auth-connections, a gRPC-backed one elsewhere. */
  accessTokens: AccessTokenProvider;
  /** SP-API base URL override (sandbox app, Amazon sandbox hosts, production default). */
  baseUrl?: string;
  /** Use Amazon's sandbox hosts when no `baseUrl` is given. */
  sandbox?: boolean;
  /** Shared transport (one keep-alive pool per process). Default: a new {@link UndiciHttpTransport}. */
  transport?: HttpTransport;
  /** Shared limiter (one per process, PostgreSQL-backed across replicas). Default: private in-memory. */
  rateLimiter?: RateLimiter;
  retry?: Partial<RetryPolicy>;
  observer?: SpApiObserver;
  userAgent?: string;
  /** Per-attempt deadline of API calls (ms). Default 30 s. */
  timeoutMs?: number;
  clock?: LimiterClock;
  random?: () => number;
}

/**
 * Typed SP-API client for one seller account.
 *
 * @example
 * const client = new SpApiClient({ region: 'NA', sellingPartnerId, accessTokens, rateLimiter, transport, baseUrl });
 * const { data, requestId } = await client.orders.getOrder('123-1234567-1234567', ['FULFILLMENT']);
 */
export class SpApiClient {
  /** The executor behind every operation (for custom calls via `buildRequest`). */
  readonly http: SpApiHttpClient;
  readonly sellers: SellersApi;
  readonly reports: ReportsApi;
  readonly feeds: FeedsApi;
  readonly listings: ListingsItemsApi;
  /** Listings Restrictions 2021-08-01 (brand gating before publishing). */
  readonly restrictions: ListingsRestrictionsApi;
  readonly catalog: CatalogItemsApi;
  readonly definitions: ProductTypeDefinitionsApi;
  /** Orders 2026-01-01 (reads). */
  readonly orders: OrdersApi;
  /** Orders v0 (confirmShipment, updateShipmentStatus). */
  readonly ordersV0: OrdersV0Api;
  readonly tokens: TokensApi;

  constructor(options: SpApiClientOptions) {
    const { baseUrl } = resolveEndpoint(options.region, { baseUrl: options.baseUrl, sandbox: options.sandbox });
    this.http = new SpApiHttpClient({
      region: options.region,
      sellingPartnerId: options.sellingPartnerId,
      baseUrl,
      accessTokens: options.accessTokens,
      transport: options.transport ?? new UndiciHttpTransport(),
      rateLimiter: options.rateLimiter,
      retry: options.retry,
      observer: options.observer,
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs,
      clock: options.clock,
      random: options.random,
    });
    this.sellers = new SellersApi(this.http);
    this.reports = new ReportsApi(this.http);
    this.feeds = new FeedsApi(this.http);
    this.listings = new ListingsItemsApi(this.http);
    this.restrictions = new ListingsRestrictionsApi(this.http);
    this.catalog = new CatalogItemsApi(this.http);
    this.definitions = new ProductTypeDefinitionsApi(this.http);
    this.orders = new OrdersApi(this.http);
    this.ordersV0 = new OrdersV0Api(this.http);
    this.tokens = new TokensApi(this.http);
  }
}
