import { AccessTokenCache, LwaClient, RefreshTokenAccessTokenProvider, UndiciHttpTransport, type SpApiRegion } from '@amazon-channel/sp-api';
import { OrdersError } from '../orders/orders.error';
import type { AccessTokenProvider, ConnectionAccess } from './access-token.provider';

/** A seller account known to {@link LwaAccessTokenProvider}. */
export interface LwaConnection {
  refreshToken: string;
  sellingPartnerId: string;
  region: SpApiRegion;
  /** The connection's marketplace (one authorization may back a connection per marketplace). */
  marketplaceId: string;
}

/**
 * Mints access tokens straight from an LWA endpoint with known refresh tokens. For tests and
 * benchmarks against the sandbox only: in production refresh tokens never leave auth-connections.
 */
export class LwaAccessTokenProvider implements AccessTokenProvider {
  private readonly lwa: LwaClient;
  private readonly cache = new AccessTokenCache();
  private readonly connections = new Map<string, LwaConnection>();

  constructor(tokenUrl: string, credentials: { clientId: string; clientSecret: string }) {
    this.lwa = new LwaClient(new UndiciHttpTransport(), tokenUrl, credentials);
  }

  /** Registers (or replaces) a connection. */
  add(connectionId: string, connection: LwaConnection): this {
    this.connections.set(connectionId, connection);
    return this;
  }

  async forConnection(connectionId: string): Promise<ConnectionAccess> {
    const connection = this.connections.get(connectionId);
    if (!connection) throw new OrdersError('CONNECTION_NOT_FOUND', `Unknown connection ${connectionId}`);
    const accessToken = await new RefreshTokenAccessTokenProvider(this.lwa, this.cache, connection.refreshToken).getAccessToken();
    return { accessToken, sellingPartnerId: connection.sellingPartnerId, region: connection.region, marketplaceId: connection.marketplaceId };
  }

  invalidate(connectionId: string, accessToken: string): void {
    const connection = this.connections.get(connectionId);
    if (connection) new RefreshTokenAccessTokenProvider(this.lwa, this.cache, connection.refreshToken).invalidate(accessToken);
  }
}
