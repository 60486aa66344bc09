import { createHash } from 'node:crypto';
import { inspect } from 'node:util';

/** A cached access token and when it stops being usable. */
export interface CachedAccessToken {
  accessToken: string;
  /** Epoch ms at which LWA says the token expires. */
  expiresAt: number;
}

/** Options for {@link AccessTokenCache}. */
export interface AccessTokenCacheOptions {
  /** Renew this long before expiry (ms). Default 60 s. */
  renewBeforeMs?: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/**
 * In-process access-token cache with single-flight refresh.
 *
 * Why: 100 concurrent calls hitting an expired token must cost one LWA request, not 100 (LWA is
 * rate limited too, and parallel refreshes are what the public SDKs get wrong). Keys are hashes,
 * so a logged key never reveals a refresh token.
 */
export class AccessTokenCache {
  private readonly entries = new Map<string, CachedAccessToken>();
  private readonly inflight = new Map<string, Promise<CachedAccessToken>>();
  private readonly renewBeforeMs: number;
  private readonly now: () => number;

  constructor(options: AccessTokenCacheOptions = {}) {
    this.renewBeforeMs = options.renewBeforeMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Returns a token valid for at least `renewBeforeMs`, calling `load` at most once per key at a
   * time however many callers ask concurrently.
   */
  async get(key: string, load: () => Promise<CachedAccessToken>): Promise<string> {
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt - this.renewBeforeMs > this.now()) return cached.accessToken;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = load()
        .then((token) => {
          this.entries.set(key, token);
          return token;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return (await pending).accessToken;
  }

  /**
   * Drops the cached token if it is still the one the caller used; a token another caller already
   * renewed is kept, so a burst of 403s triggers one refresh.
   */
  invalidate(key: string, accessToken?: string): void {
    const cached = this.entries.get(key);
    if (cached && (accessToken === undefined || cached.accessToken === accessToken)) this.entries.delete(key);
  }

  /** Number of cached entries (for metrics/tests). */
  get size(): number {
    return this.entries.size;
  }

  /** Access tokens are credentials: loggers only ever see the entry count. */
  toJSON(): Record<string, number> {
    return { entries: this.entries.size };
  }

  [inspect.custom](): string {
    return `AccessTokenCache { entries: ${this.entries.size} }`;
  }
}

/**
 * Stable, non-reversible cache key for a credential (refresh token, or client id + scope).
 *
 * @example tokenCacheKey('refresh', clientId, refreshToken) // 'refresh:3f1c…'
 */
export function tokenCacheKey(kind: string, ...parts: string[]): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p).update('\u0000');
  return `${kind}:${hash.digest('hex').slice(0, 32)}`;
}
