import type { AccessTokenProvider, SpApiRegion } from '@amazon-channel/sp-api';

/** What listings needs to call Amazon for one connection: the seller account and its tokens. */
export interface ConnectionAccess {
  sellingPartnerId: string;
  region: SpApiRegion;
  /** The connection's marketplace (reports use only the first one anyway). */
  marketplaceId: string;
  /** SP-API base URL for this connection when auth-connections names one (sandbox); else null. */
  endpoint: string | null;
  /** Short-lived access tokens for this seller; refresh tokens never reach this service. */
  accessTokens: AccessTokenProvider;
}

/**
 * Port: a connection's seller account and access tokens. Only auth-connections holds refresh tokens,
 * so production asks it over its internal HTTP route; tests get real tokens from the sandbox's LWA.
 */
export interface ConnectionTokenProvider {
  /**
   * @param tenantId - the tenant the caller acts for; a provider that knows the connection's
   *   tenant refuses a connection of another tenant (CONNECTION_NOT_FOUND).
   */
  forConnection(connectionId: string, tenantId?: string): Promise<ConnectionAccess>;
}

/** DI token of the {@link ConnectionTokenProvider}. */
export const CONNECTION_TOKEN_PROVIDER = Symbol('CONNECTION_TOKEN_PROVIDER');
