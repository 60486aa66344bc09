import type { SpApiRegion } from '@amazon-channel/sp-api';
import { OrdersError } from '../orders/orders.error';
import type { AccessTokenProvider, ConnectionAccess } from './access-token.provider';

interface Cached {
  access: ConnectionAccess;
  expiresAtMs: number;
}

const RENEW_BEFORE_MS = 60_000;
const REGIONS: readonly SpApiRegion[] = ['NA', 'EU', 'FE'];

/**
 * Asks auth-connections for a connection's access token:
 * `GET {AUTH_CONNECTIONS_URL}/internal/connections/:id/access-token` with `x-internal-token`,
 * answering `{ accessToken, expiresAt?, sellingPartnerId, region }`. Tokens are cached until a
 * minute before they expire; concurrent callers share one request.
 */
export class HttpAccessTokenProvider implements AccessTokenProvider {
  private readonly cache = new Map<string, Cached>();
  private readonly inflight = new Map<string, Promise<ConnectionAccess>>();

  constructor(
    private readonly baseUrl: string,
    private readonly internalToken: string,
    private readonly now: () => number = Date.now,
  ) {}

  forConnection(connectionId: string): Promise<ConnectionAccess> {
    const cached = this.cache.get(connectionId);
    if (cached && cached.expiresAtMs - RENEW_BEFORE_MS > this.now()) return Promise.resolve(cached.access);
    let pending = this.inflight.get(connectionId);
    if (!pending) {
      pending = this.fetch(connectionId).finally(() => this.inflight.delete(connectionId));
      this.inflight.set(connectionId, pending);
    }
    return pending;
  }

  invalidate(connectionId: string, accessToken: string): void {
    if (this.cache.get(connectionId)?.access.accessToken === accessToken) this.cache.delete(connectionId);
  }

  private async fetch(connectionId: string): Promise<ConnectionAccess> {
    const url = `${this.baseUrl.replace(/\/$/, '')}/internal/connections/${encodeURIComponent(connectionId)}/access-token`;
    let res: Response;
    try {
      res = await fetch(url, { headers: { 'x-internal-token': this.internalToken, accept: 'application/json' } });
    } catch (error) {
      throw new OrdersError('CONNECTION_UNAVAILABLE', `auth-connections did not answer (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!res.ok) {
      // The body is auth-connections' `{ code, message }`; it never holds a token.
      const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
      throw new OrdersError(res.status === 404 ? 'CONNECTION_NOT_FOUND' : 'CONNECTION_UNAVAILABLE', `No access token for connection ${connectionId}: ${body.code ?? res.status} ${body.message ?? ''}`.trim());
    }
    const body = (await res.json()) as { accessToken?: string; expiresAt?: string; sellingPartnerId?: string; region?: string };
    if (!body.accessToken || !body.sellingPartnerId || !REGIONS.includes(body.region as SpApiRegion)) {
      throw new OrdersError('CONNECTION_UNAVAILABLE', `auth-connections answered without accessToken, sellingPartnerId or region for ${connectionId}`);
    }
    const access: ConnectionAccess = { accessToken: body.accessToken, sellingPartnerId: body.sellingPartnerId, region: body.region as SpApiRegion };
    const expiresAtMs = body.expiresAt ? Date.parse(body.expiresAt) : this.now() + 5 * 60_000;
    this.cache.set(connectionId, { access, expiresAtMs });
    return access;
  }
}
