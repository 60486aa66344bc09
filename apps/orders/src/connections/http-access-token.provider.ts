import { ConnectionAccessClient, ConnectionAccessClientError } from '@amazon-channel/platform-auth';
import { OrdersError } from '../orders/orders.error';
import type { AccessTokenProvider, ConnectionAccess } from './access-token.provider';

/**
 * Asks auth-connections for a connection's access token through the shared
 * {@link ConnectionAccessClient} (cached until a minute before expiry, one request per connection
 * at a time, tenant check), and answers in orders' codes: CONNECTION_NOT_FOUND for a missing or
 * foreign connection, CONNECTION_UNAVAILABLE for everything else.
 */
export class HttpAccessTokenProvider implements AccessTokenProvider {
  private readonly client: ConnectionAccessClient;

  constructor(baseUrl: string, internalToken: string, now: () => number = Date.now) {
    this.client = new ConnectionAccessClient({ baseUrl, internalToken, now });
  }

  async forConnection(connectionId: string, tenantId?: string): Promise<ConnectionAccess> {
    try {
      const grant = await this.client.get(connectionId, tenantId);
      return { accessToken: grant.accessToken, sellingPartnerId: grant.sellingPartnerId, region: grant.region, marketplaceId: grant.marketplaceId };
    } catch (error) {
      if (!(error instanceof ConnectionAccessClientError)) throw error;
      throw new OrdersError(error.code === 'CONNECTION_NOT_FOUND' ? 'CONNECTION_NOT_FOUND' : 'CONNECTION_UNAVAILABLE', error.message, { connectionId });
    }
  }

  invalidate(connectionId: string, accessToken: string): void {
    this.client.invalidate(connectionId, accessToken);
  }
}
