import type { AccessTokenProvider } from '@amazon-channel/sp-api';
import type { SellerAccount } from './seller-account';

/** A connection's seller account and the access tokens to call Amazon for it. */
export interface ConnectionGrant {
  account: SellerAccount;
  /** Short-lived access tokens; refresh tokens never leave auth-connections. */
  accessTokens: AccessTokenProvider;
}

/**
 * Port: where a service gets a connection's access tokens. Production asks auth-connections
 * ({@link AuthConnectionsGrants}); tests and benchmarks mint real tokens from the sandbox's LWA
 * ({@link LwaGrants}). Both refuse a connection the named tenant does not own as
 * `CONNECTION_NOT_FOUND`, the same as a connection that does not exist.
 */
export interface ConnectionGrants {
  forConnection(connectionId: string, tenantId: string): Promise<ConnectionGrant>;
}

/** DI token of the {@link ConnectionGrants} port. */
export const CONNECTION_GRANTS = Symbol('CONNECTION_GRANTS');
