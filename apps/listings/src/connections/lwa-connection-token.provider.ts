import { AccessTokenCache, LwaClient, RefreshTokenAccessTokenProvider, UndiciHttpTransport, type SpApiRegion } from '@amazon-channel/sp-api';
import type { ConnectionAccess, ConnectionTokenProvider } from './connection-token.provider';
import { ConnectionAccessError } from './connection-access.error';

/** One seller account known to {@link LwaConnectionTokenProvider}. Holds a refresh token: tests and tools only. */
export interface LwaConnection {
  sellingPartnerId: string;
  region: SpApiRegion;
  marketplaceId: string;
  endpoint: string | null;
  refreshToken: string;
}

/**
 * Gets access tokens straight from a Login with Amazon endpoint with a refresh token. Tests and the
 * benchmark use it against the sandbox's LWA (real tokens, no stub); production code must use
 * {@link HttpConnectionTokenProvider}, because refresh tokens live only in auth-connections.
 */
export class LwaConnectionTokenProvider implements ConnectionTokenProvider {
  private readonly lwa: LwaClient;
  private readonly cache = new AccessTokenCache();
  private readonly connections = new Map<string, LwaConnection>();

  constructor(tokenUrl: string, credentials: { clientId: string; clientSecret: string }) {
    this.lwa = new LwaClient(new UndiciHttpTransport(), tokenUrl, credentials);
  }

  /** Registers a connection id for a seller account. */
  add(connectionId: string, connection: LwaConnection): this {
    this.connections.set(connectionId, connection);
    return this;
  }

  async forConnection(connectionId: string): Promise<ConnectionAccess> {
    const connection = this.connections.get(connectionId);
    if (!connection) throw new ConnectionAccessError('CONNECTION_NOT_FOUND', `Connection ${connectionId} does not exist`);
    const accessTokens = new RefreshTokenAccessTokenProvider(this.lwa, this.cache, connection.refreshToken);
    // Fail early (as the HTTP provider does) when the authorization is gone.
    await accessTokens.getAccessToken();
    return { sellingPartnerId: connection.sellingPartnerId, region: connection.region, marketplaceId: connection.marketplaceId, endpoint: connection.endpoint, accessTokens };
  }
}
