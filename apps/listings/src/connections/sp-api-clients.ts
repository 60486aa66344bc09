import { SpApiClient, SpApiClientFactory } from '@amazon-channel/sp-api';
import type { ConnectionAccess } from './connection-token.provider';

/**
 * Builds SP-API clients that share one keep-alive transport and one rate limiter per process, so
 * every job of this replica queues in the same per-seller buckets.
 *
 * The limiter is in memory: replicas do not share budgets yet (PostgresRateLimitStore would).
 */
export class SpApiClients {
  private readonly factory = new SpApiClientFactory();

  /** @param endpointOverride - SP-API base URL for every connection (sandbox); null: the connection's or Amazon's. */
  constructor(private readonly endpointOverride: string | null = null) {}

  /** A client for the connection's seller account. */
  forAccess(access: ConnectionAccess): SpApiClient {
    return new SpApiClient({
      region: access.region,
      sellingPartnerId: access.sellingPartnerId,
      accessTokens: access.accessTokens,
      baseUrl: this.endpointOverride ?? access.endpoint ?? undefined,
      transport: this.factory.transport,
      rateLimiter: this.factory.rateLimiter,
    });
  }
}
