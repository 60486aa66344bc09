import { SpApiClient, SpApiClientFactory, type AccessTokenProvider, type RateLimitStore, type SpApiObserver } from '@amazon-channel/sp-api';
import type { ConnectionGrants } from './connection-grants';
import type { SellerAccount } from './seller-account';

/** Options of {@link AmazonConnections}. */
export interface AmazonConnectionsOptions {
  /** SP-API base URL for every connection (the sandbox); unset: the connection's endpoint, else Amazon's host for its region. */
  endpointOverride?: string | null;
  /**
   * Where the token buckets live: a `PostgresRateLimitStore` on the service's schema, so every
   * replica spends one budget per seller account; unset, the buckets hold for this process only.
   */
  rateLimitStore?: RateLimitStore;
  /** Sees every SP-API call (metrics, tests counting 429s). */
  observer?: SpApiObserver;
}

/** Amazon for one connection: its seller account and a client spending that account's budget. */
export interface ConnectionAmazon {
  account: SellerAccount;
  client: SpApiClient;
}

/**
 * The one way a service calls Amazon for a connection: grants (access token + seller account, with
 * the tenant check) and SP-API clients sharing one keep-alive transport and one rate limiter per
 * process, so every job of a seller queues in the same buckets.
 *
 * @example
 * const { account, client } = await amazon.forConnection(job.connectionId, job.tenantId);
 * const page = await client.orders.searchOrders({ marketplaceIds: [account.marketplaceId], ... });
 */
export class AmazonConnections {
  private readonly factory: SpApiClientFactory;

  constructor(
    private readonly grants: ConnectionGrants,
    private readonly options: AmazonConnectionsOptions = {},
  ) {
    this.factory = new SpApiClientFactory({ rateLimitStore: options.rateLimitStore, observer: options.observer });
  }

  /**
   * @param tenantId - the tenant the caller acts for (a job's or request's tenant): another tenant's
   *   connection is refused as CONNECTION_NOT_FOUND.
   */
  async forConnection(connectionId: string, tenantId: string): Promise<ConnectionAmazon> {
    const { account, accessTokens } = await this.grants.forConnection(connectionId, tenantId);
    return { account, client: this.clientFor(account, accessTokens) };
  }

  private clientFor(account: SellerAccount, accessTokens: AccessTokenProvider): SpApiClient {
    return new SpApiClient({
      region: account.region,
      sellingPartnerId: account.sellingPartnerId,
      accessTokens,
      baseUrl: this.options.endpointOverride ?? account.endpoint ?? undefined,
      transport: this.factory.transport,
      rateLimiter: this.factory.rateLimiter,
      observer: this.options.observer,
    });
  }
}
