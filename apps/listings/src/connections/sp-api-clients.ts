import { rowsQuery } from '@amazon-channel/platform-persistence';
import { PostgresRateLimitStore, SpApiClient, SpApiClientFactory, type RateLimitStore, type SpApiObserver } from '@amazon-channel/sp-api';
import type { DataSource } from 'typeorm';
import { LISTINGS_SCHEMA } from '../service-schema';
import type { ConnectionAccess } from './connection-token.provider';

/** Options of {@link SpApiClients}. */
export interface SpApiClientsOptions {
  /**
   * Where the token buckets live. The service passes a `PostgresRateLimitStore` on its own schema so
   * every replica spends one budget per seller; without one (benchmarks, tests without a database)
   * the buckets are in memory and hold for this process only.
   */
  rateLimitStore?: RateLimitStore;
  /** Sees every SP-API call (metrics, tests counting 429s). */
  observer?: SpApiObserver;
}

/**
 * Builds SP-API clients that share one keep-alive transport and one rate limiter per process, so
 * every job of this replica queues in the same per-seller buckets; with a PostgreSQL bucket store
 * the budget also holds across replicas.
 */
export class SpApiClients {
  private readonly factory: SpApiClientFactory;

  /** @param endpointOverride - SP-API base URL for every connection (sandbox); null: the connection's or Amazon's. */
  constructor(
    private readonly endpointOverride: string | null = null,
    private readonly options: SpApiClientsOptions = {},
  ) {
    this.factory = new SpApiClientFactory({ rateLimitStore: options.rateLimitStore, observer: options.observer });
  }

  /**
   * The running service's clients: buckets in the listings schema (table from the RateLimitBuckets
   * migration), so every replica on that database spends one budget per seller and operation.
   */
  static withPostgresBuckets(dataSource: DataSource, endpointOverride: string | null, options: Omit<SpApiClientsOptions, 'rateLimitStore'> = {}): SpApiClients {
    return new SpApiClients(endpointOverride, { ...options, rateLimitStore: new PostgresRateLimitStore(rowsQuery(dataSource), { schema: LISTINGS_SCHEMA }) });
  }

  /** A client for the connection's seller account. */
  forAccess(access: ConnectionAccess): SpApiClient {
    return new SpApiClient({
      region: access.region,
      sellingPartnerId: access.sellingPartnerId,
      accessTokens: access.accessTokens,
      baseUrl: this.endpointOverride ?? access.endpoint ?? undefined,
      transport: this.factory.transport,
      rateLimiter: this.factory.rateLimiter,
      observer: this.options.observer,
    });
  }
}
