import { ConnectionAccessClient, ConnectionAccessClientError } from '@amazon-channel/platform-auth';
import type { AccessTokenProvider } from '@amazon-channel/sp-api';
import type { ConnectionAccess, ConnectionTokenProvider } from './connection-token.provider';
import { ConnectionAccessError } from './connection-access.error';

/** The shared client's failures in this module's own error (same code names). */
function asAccessError(error: unknown): unknown {
  return error instanceof ConnectionAccessClientError ? new ConnectionAccessError(error.code, error.message) : error;
}

/**
 * Asks auth-connections for a connection's seller account and access tokens through the shared
 * {@link ConnectionAccessClient} (cache, single flight, tenant check), one client per process.
 */
export class HttpConnectionTokenProvider implements ConnectionTokenProvider {
  private readonly client: ConnectionAccessClient;

  constructor(baseUrl: string, internalToken: string) {
    this.client = new ConnectionAccessClient({ baseUrl, internalToken });
  }

  async forConnection(connectionId: string, tenantId?: string): Promise<ConnectionAccess> {
    const grant = await this.client.get(connectionId, tenantId).catch((error: unknown) => {
      throw asAccessError(error);
    });
    const tokens = this.client.accessTokens(connectionId, tenantId);
    const accessTokens: AccessTokenProvider = {
      getAccessToken: () =>
        tokens.getAccessToken().catch((error: unknown) => {
          throw asAccessError(error);
        }),
      invalidate: (token) => tokens.invalidate(token),
    };
    return { sellingPartnerId: grant.sellingPartnerId, region: grant.region, marketplaceId: grant.marketplaceId, endpoint: grant.endpoint, accessTokens };
  }
}
