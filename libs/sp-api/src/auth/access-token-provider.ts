import { inspect } from 'node:util';
import type { LwaClient, LwaGrantlessScope } from './lwa-client';
import type { AccessTokenCache } from './access-token-cache';
import { tokenCacheKey } from './access-token-cache';

/**
 * Where the client gets the `x-amz-access-token` for one seller account.
 *
 * Why a port: only auth-connections holds refresh tokens; other services implement this with a
 * gRPC call to `Connections.GetAccessToken` and still get the client's 403-refresh behaviour.
 */
export interface AccessTokenProvider {
  /** Returns a currently valid access token. */
  getAccessToken(): Promise<string>;
  /** Called when Amazon rejected `accessToken` as expired/invalid; the next get must not return it. */
  invalidate(accessToken: string): void | Promise<void>;
}

/**
 * Access tokens from a seller's refresh token via LWA, cached and single-flighted.
 *
 * @example new RefreshTokenAccessTokenProvider(lwa, cache, refreshToken)
 */
export class RefreshTokenAccessTokenProvider implements AccessTokenProvider {
  private readonly key: string;

  constructor(
    private readonly lwa: LwaClient,
    private readonly cache: AccessTokenCache,
    private readonly refreshToken: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = tokenCacheKey('refresh', lwa.clientId, refreshToken);
  }

  getAccessToken(): Promise<string> {
    return this.cache.get(this.key, async () => {
      const res = await this.lwa.refresh(this.refreshToken);
      return { accessToken: res.accessToken, expiresAt: this.now() + res.expiresIn * 1000 };
    });
  }

  invalidate(accessToken: string): void {
    this.cache.invalidate(this.key, accessToken);
  }

  /** Logs-safe identifier of this provider's cache entry. */
  get cacheKey(): string {
    return this.key;
  }

  /** Prevents JSON loggers from printing the refresh token. */
  toJSON(): Record<string, string> {
    return { cacheKey: this.key };
  }

  /** Prevents `console.log`/`util.inspect` from printing the refresh token. */
  [inspect.custom](): string {
    return `RefreshTokenAccessTokenProvider ${JSON.stringify(this.toJSON())}`;
  }
}

/** Grantless (client_credentials) tokens for one scope, cached and single-flighted. */
export class GrantlessAccessTokenProvider implements AccessTokenProvider {
  private readonly key: string;

  constructor(
    private readonly lwa: LwaClient,
    private readonly cache: AccessTokenCache,
    private readonly scope: LwaGrantlessScope,
    private readonly now: () => number = Date.now,
  ) {
    this.key = tokenCacheKey('grantless', lwa.clientId, scope);
  }

  getAccessToken(): Promise<string> {
    return this.cache.get(this.key, async () => {
      const res = await this.lwa.clientCredentials(this.scope);
      return { accessToken: res.accessToken, expiresAt: this.now() + res.expiresIn * 1000 };
    });
  }

  invalidate(accessToken: string): void {
    this.cache.invalidate(this.key, accessToken);
  }
}

/** A fixed token (e.g. a Restricted Data Token); invalidation is a no-op because it cannot be renewed here. */
export class StaticAccessTokenProvider implements AccessTokenProvider {
  constructor(private readonly token: string) {}
  getAccessToken(): Promise<string> {
    return Promise.resolve(this.token);
  }
  invalidate(): void {
    // A static token cannot be renewed; the caller sees the 403.
  }
  toJSON(): Record<string, string> {
    return { token: '<redacted>' };
  }

  [inspect.custom](): string {
    return 'StaticAccessTokenProvider { token: <redacted> }';
  }
}
