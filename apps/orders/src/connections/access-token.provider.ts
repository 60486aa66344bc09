import type { SpApiRegion } from '@amazon-channel/sp-api';

/** What orders needs to call Amazon for one connection: a current access token, the seller account and the connection's marketplace. */
export interface ConnectionAccess {
  accessToken: string;
  sellingPartnerId: string;
  region: SpApiRegion;
  /** The connection's marketplace: one authorization can back several connections (US and CA), one per marketplace. */
  marketplaceId: string;
}

/**
 * Port: access tokens for a connection. Only auth-connections holds refresh tokens, so production
 * asks it over HTTP ({@link HttpAccessTokenProvider}); tests can mint tokens from the sandbox's LWA.
 */
export interface AccessTokenProvider {
  /**
   * A currently valid token and the seller account behind `connectionId`.
   * @param tenantId - the tenant the caller acts for; a provider that knows the connection's tenant
   *   refuses another tenant's connection (CONNECTION_NOT_FOUND).
   */
  forConnection(connectionId: string, tenantId?: string): Promise<ConnectionAccess>;
  /** Amazon refused `accessToken`: the next call must not return it. */
  invalidate(connectionId: string, accessToken: string): void;
}

/** DI token of the {@link AccessTokenProvider}. */
export const ACCESS_TOKEN_PROVIDER = Symbol('ACCESS_TOKEN_PROVIDER');
