import { ConnectionAccessClientError } from '@amazon-channel/platform-auth';
import { AccessTokenCache, LwaClient, RefreshTokenAccessTokenProvider, UndiciHttpTransport } from '@amazon-channel/sp-api';
import type { ConnectionGrant, ConnectionGrants } from './connection-grants';
import type { SellerAccount } from './seller-account';

/**
 * Grants minted straight from a Login with Amazon endpoint with a refresh token: tests and benchmarks
 * use it against the sandbox's LWA (real tokens, no stub). Production code uses
 * {@link AuthConnectionsGrants}, because refresh tokens live only in auth-connections.
 */
export class LwaGrants implements ConnectionGrants {
  private readonly lwa: LwaClient;
  private readonly cache = new AccessTokenCache();
  private readonly connections = new Map<string, { account: SellerAccount; refreshToken: string }>();

  constructor(tokenUrl: string, credentials: { clientId: string; clientSecret: string }) {
    this.lwa = new LwaClient(new UndiciHttpTransport(), tokenUrl, credentials);
  }

  /** Registers a connection of a tenant for a seller account. */
  add(account: SellerAccount, refreshToken: string): this {
    this.connections.set(account.connectionId, { account, refreshToken });
    return this;
  }

  async forConnection(connectionId: string, tenantId: string): Promise<ConnectionGrant> {
    const known = this.connections.get(connectionId);
    if (!known || known.account.tenantId !== tenantId) {
      throw new ConnectionAccessClientError('CONNECTION_NOT_FOUND', `Connection ${connectionId} does not exist`, { connectionId });
    }
    const accessTokens = new RefreshTokenAccessTokenProvider(this.lwa, this.cache, known.refreshToken);
    // Fail early, as auth-connections does, when the authorization is gone.
    await accessTokens.getAccessToken();
    return { account: known.account, accessTokens };
  }
}
