import { randomToken } from '../core/rng';

/** A registered SP-API application (LWA client). */
export interface AppRecord {
  clientId: string;
  clientSecret: string;
  applicationId: string;
  /** Registered OAuth redirect URIs; empty = any http(s) URI on localhost/127.0.0.1 (sandbox default app). */
  redirectUris: string[];
  /** Login URI Amazon opens in the Appstore-initiated flow. */
  loginUri?: string;
  /** Draft apps require `version=beta` on the consent URL (Amazon error MD1000 otherwise). */
  draft: boolean;
}

/** A refresh token: one seller's authorisation of one app. */
export interface RefreshTokenRecord {
  token: string;
  sellingPartnerId: string;
  clientId: string;
  revoked: boolean;
}

/** An LWA access token or a restricted data token. */
export interface AccessTokenRecord {
  token: string;
  clientId: string;
  /** Null for grantless (client_credentials) tokens. */
  sellingPartnerId: string | null;
  refreshToken?: string;
  scope?: string;
  expiresMs: number;
  /** RDTs only: the restricted resources they unlock (method + path). */
  restricted?: Array<{ method: string; path: string }>;
}

/** An `spapi_oauth_code`: single use, five minutes. */
export interface AuthCodeRecord {
  code: string;
  clientId: string;
  applicationId: string;
  sellingPartnerId: string;
  redirectUri: string;
  expiresMs: number;
  used: boolean;
}

/** An `amazon_state` of the Appstore-initiated flow. */
export interface AmazonStateRecord {
  amazonState: string;
  applicationId: string;
  sellingPartnerId: string;
  expiresMs: number;
  used: boolean;
}

/** A rendered consent page waiting for the seller's decision. */
export interface PendingConsentRecord {
  app: AppRecord;
  state: string;
  redirectUri: string;
  expiresMs: number;
}

/** Lifetime of an authorization code (Amazon: five minutes). */
export const AUTH_CODE_TTL_MS = 5 * 60_000;

/** Everything LWA and the consent page remember. */
export class AuthStore {
  readonly apps = new Map<string, AppRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly codes = new Map<string, AuthCodeRecord>();
  readonly amazonStates = new Map<string, AmazonStateRecord>();
  readonly pendingConsents = new Map<string, PendingConsentRecord>();

  appByApplicationId(applicationId: string): AppRecord | undefined {
    for (const app of this.apps.values()) if (app.applicationId === applicationId) return app;
    return undefined;
  }

  /** Issues a fresh refresh token for a seller + app. */
  issueRefreshToken(sellingPartnerId: string, clientId: string, token = `Atzr|${randomToken(48)}`): RefreshTokenRecord {
    const record = { token, sellingPartnerId, clientId, revoked: false };
    this.refreshTokens.set(token, record);
    return record;
  }

  /** Issues an access token; expired tokens are swept on the way so the map stays small. */
  issueAccessToken(record: Omit<AccessTokenRecord, 'token'>, nowMs: number, prefix = 'Atza|'): AccessTokenRecord {
    if (this.accessTokens.size > 10_000) {
      for (const [t, r] of this.accessTokens) if (r.expiresMs < nowMs) this.accessTokens.delete(t);
    }
    const full = { ...record, token: `${prefix}${randomToken(64)}` };
    this.accessTokens.set(full.token, full);
    return full;
  }

  /** Revokes a refresh token and every access token minted from it. */
  revokeRefreshToken(token: string): boolean {
    const record = this.refreshTokens.get(token);
    if (!record) return false;
    record.revoked = true;
    for (const [t, a] of this.accessTokens) if (a.refreshToken === token) this.accessTokens.delete(t);
    return true;
  }

  /** Revokes every authorisation a seller gave (all apps), as when the seller removes the app. */
  revokeSeller(sellingPartnerId: string): number {
    let n = 0;
    for (const r of this.refreshTokens.values()) {
      if (r.sellingPartnerId === sellingPartnerId && !r.revoked && this.revokeRefreshToken(r.token)) n++;
    }
    return n;
  }
}
