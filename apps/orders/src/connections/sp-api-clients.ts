import { SpApiClientFactory, type RateLimitStore, type SpApiClient, type SpApiObserver } from '@amazon-channel/sp-api';
import type { AccessTokenProvider, ConnectionAccess } from './access-token.provider';

/** A client for a connection's seller account, with the account and marketplace it acts for. */
export interface ConnectionClient {
  client: SpApiClient;
  account: Omit<ConnectionAccess, 'accessToken'>;
}

/**
 * SP-API clients per connection, sharing one transport and one rate limiter per process so every
 * job of a seller queues in the same buckets; with a PostgreSQL bucket store the budget also holds
 * across replicas. Access tokens come from the {@link AccessTokenProvider}.
 */
export class SpApiClients {
  private readonly factory: SpApiClientFactory;

  constructor(
    private readonly tokens: AccessTokenProvider,
    endpoint: string | undefined,
    options: { observer?: SpApiObserver; rateLimitStore?: RateLimitStore } = {},
  ) {
    this.factory = new SpApiClientFactory({ baseUrls: endpoint ? { NA: endpoint, EU: endpoint, FE: endpoint } : undefined, observer: options.observer, rateLimitStore: options.rateLimitStore });
  }

  /**
   * A client for the seller account behind `connectionId`, with that account and the connection's marketplace.
   * @param tenantId - the tenant the caller acts for (a job's `tenantId`): another tenant's
   *   connection is refused as CONNECTION_NOT_FOUND.
   */
  async forConnection(connectionId: string, tenantId?: string): Promise<ConnectionClient> {
    const first = await this.tokens.forConnection(connectionId, tenantId);
    const account = { sellingPartnerId: first.sellingPartnerId, region: first.region, marketplaceId: first.marketplaceId };
    const client = this.factory.forSeller({
      sellingPartnerId: first.sellingPartnerId,
      region: first.region,
      accessTokens: {
        getAccessToken: async () => (await this.tokens.forConnection(connectionId, tenantId)).accessToken,
        invalidate: (token: string) => this.tokens.invalidate(connectionId, token),
      },
    });
    return { client, account };
  }
}

/** DI token of {@link SpApiClients}. */
export const SP_API_CLIENTS = Symbol('SP_API_CLIENTS');
