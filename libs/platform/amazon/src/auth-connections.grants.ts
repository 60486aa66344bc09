import { ConnectionAccessClient } from '@amazon-channel/platform-auth';
import type { ConnectionGrant, ConnectionGrants } from './connection-grants';

/**
 * Grants from auth-connections' internal access-token route through the shared
 * {@link ConnectionAccessClient} (cache, single flight, tenant check). Failures are its
 * `ConnectionAccessClientError`s: CONNECTION_NOT_FOUND, ACCESS_TOKEN_UNAVAILABLE, AUTH_CONNECTIONS_UNREACHABLE.
 */
export class AuthConnectionsGrants implements ConnectionGrants {
  private readonly client: ConnectionAccessClient;

  constructor(options: { baseUrl: string; internalToken: string; now?: () => number }) {
    this.client = new ConnectionAccessClient(options);
  }

  async forConnection(connectionId: string, tenantId: string): Promise<ConnectionGrant> {
    const grant = await this.client.get(connectionId, tenantId);
    return {
      account: {
        connectionId,
        tenantId,
        sellingPartnerId: grant.sellingPartnerId,
        region: grant.region,
        marketplaceId: grant.marketplaceId,
        endpoint: grant.endpoint,
      },
      accessTokens: this.client.accessTokens(connectionId, tenantId),
    };
  }
}
