import { request } from 'undici';
import { z } from 'zod';
import { ConnectionAccessClientError } from './connection-access.error';

/** SP-API selling regions (the lib does not depend on libs/sp-api; the values are Amazon's). */
export type ConnectionRegion = 'NA' | 'EU' | 'FE';

/**
 * Body of auth-connections' `GET /internal/connections/:id/access-token`: the JSON twin of the
 * gRPC `Connections.GetAccessToken` answer (libs/contracts/src/proto/connections.proto) plus the
 * connection's tenant.
 */
const accessTokenBody = z.object({
  accessToken: z.string().min(1),
  /** ISO 8601, or Unix epoch seconds as in the proto. */
  expiresAt: z.union([z.number(), z.string().min(1)]),
  endpoint: z.string().min(1).nullish(),
  region: z.enum(['NA', 'EU', 'FE']),
  marketplaceId: z.string().min(1),
  sellingPartnerId: z.string().min(1),
  /** The connection's tenant: an answer without it is refused (the tenant check fails closed). */
  tenantId: z.string().min(1),
});

/** One access token of a connection and the seller account behind it. */
export interface ConnectionAccessGrant {
  connectionId: string;
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAtMs: number;
  /** SP-API base URL auth-connections names for the connection (the sandbox in development), else null. */
  endpoint: string | null;
  region: ConnectionRegion;
  marketplaceId: string;
  sellingPartnerId: string;
  /** The connection's tenant. */
  tenantId: string;
}

/** Structurally libs/sp-api's `AccessTokenProvider`: what an SP-API client asks for its calls. */
export interface ConnectionAccessTokens {
  getAccessToken(): Promise<string>;
  invalidate(accessToken: string): void;
}

/** Settings of {@link ConnectionAccessClient}. */
export interface ConnectionAccessClientOptions {
  /** Base URL of auth-connections (`AUTH_CONNECTIONS_URL`). */
  baseUrl: string;
  /** Sent as `x-internal-token` (`INTERNAL_API_TOKEN`). */
  internalToken: string;
  /** Renew a token this long before it expires, so none expires in flight (default 60 s). */
  renewBeforeMs?: number;
  /** Header and body timeout of one request (default 15 s). */
  timeoutMs?: number;
  now?: () => number;
}

function expiryMs(value: number | string): number {
  return typeof value === 'number' ? value * 1000 : Date.parse(value);
}

/**
 * The client of auth-connections' internal access-token route, shared by every service that calls
 * Amazon for a connection (refresh tokens never leave auth-connections). Tokens are cached per
 * connection until `renewBeforeMs` before they expire, concurrent callers of one connection share
 * one request, and a caller that names its tenant is refused another tenant's connection as if it
 * did not exist; a call without a tenant, or an answer without one, is refused (fails closed). Failures are {@link ConnectionAccessClientError}s with stable codes.
 *
 * @example
 * const connections = new ConnectionAccessClient({ baseUrl: config.AUTH_CONNECTIONS_URL, internalToken: config.INTERNAL_API_TOKEN });
 * const grant = await connections.get(job.connectionId, job.tenantId);
 * const client = factory.forSeller({ sellingPartnerId: grant.sellingPartnerId, region: grant.region, accessTokens: connections.accessTokens(job.connectionId, job.tenantId) });
 */
export class ConnectionAccessClient {
  private readonly cache = new Map<string, ConnectionAccessGrant>();
  private readonly inflight = new Map<string, Promise<ConnectionAccessGrant>>();
  private readonly baseUrl: string;
  private readonly renewBeforeMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: ConnectionAccessClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.renewBeforeMs = options.renewBeforeMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * A currently valid access token of `connectionId` and its seller account.
   * @param tenantId - the tenant the caller acts for: another tenant's connection is CONNECTION_NOT_FOUND.
   */
  async get(connectionId: string, tenantId: string | undefined): Promise<ConnectionAccessGrant> {
    // Fails closed: a caller that cannot say whose connection it uses gets nothing.
    if (!tenantId) throw new ConnectionAccessClientError('CONNECTION_NOT_FOUND', `Connection ${connectionId} does not exist`, { connectionId });
    const cached = this.cache.get(connectionId);
    const grant = cached && cached.expiresAtMs - this.renewBeforeMs > this.now() ? cached : await this.fetchShared(connectionId);
    // A tenant must not reach another tenant's seller account by naming its connection id.
    if (grant.tenantId !== tenantId) {
      throw new ConnectionAccessClientError('CONNECTION_NOT_FOUND', `Connection ${connectionId} does not exist`, { connectionId });
    }
    return grant;
  }

  /** Amazon refused `accessToken`: the next {@link get} asks auth-connections again. */
  invalidate(connectionId: string, accessToken: string): void {
    if (this.cache.get(connectionId)?.accessToken === accessToken) this.cache.delete(connectionId);
  }

  /** The connection's tokens as an SP-API client's access-token provider (libs/sp-api `AccessTokenProvider`). */
  accessTokens(connectionId: string, tenantId: string | undefined): ConnectionAccessTokens {
    return {
      getAccessToken: async () => (await this.get(connectionId, tenantId)).accessToken,
      invalidate: (accessToken) => this.invalidate(connectionId, accessToken),
    };
  }

  private fetchShared(connectionId: string): Promise<ConnectionAccessGrant> {
    let pending = this.inflight.get(connectionId);
    if (!pending) {
      pending = this.fetch(connectionId).finally(() => this.inflight.delete(connectionId));
      this.inflight.set(connectionId, pending);
    }
    return pending;
  }

  private async fetch(connectionId: string): Promise<ConnectionAccessGrant> {
    const url = `${this.baseUrl}/internal/connections/${encodeURIComponent(connectionId)}/access-token`;
    let status: number;
    let text: string;
    try {
      const res = await request(url, {
        method: 'GET',
        headers: { 'x-internal-token': this.options.internalToken, accept: 'application/json' },
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (error) {
      throw new ConnectionAccessClientError(
        'AUTH_CONNECTIONS_UNREACHABLE',
        `auth-connections is not reachable: ${error instanceof Error ? error.message : String(error)}`,
        { connectionId },
      );
    }
    if (status >= 400) throw this.refusal(connectionId, status, text);
    const body = accessTokenBody.safeParse(parseJson(text));
    const expiresAtMs = body.success ? expiryMs(body.data.expiresAt) : NaN;
    if (!body.success || Number.isNaN(expiresAtMs)) {
      throw new ConnectionAccessClientError('ACCESS_TOKEN_UNAVAILABLE', `auth-connections answered an unexpected body for connection ${connectionId}`, {
        connectionId,
        status,
      });
    }
    const grant: ConnectionAccessGrant = {
      connectionId,
      accessToken: body.data.accessToken,
      expiresAtMs,
      endpoint: body.data.endpoint ?? null,
      region: body.data.region,
      marketplaceId: body.data.marketplaceId,
      sellingPartnerId: body.data.sellingPartnerId,
      tenantId: body.data.tenantId,
    };
    this.cache.set(connectionId, grant);
    return grant;
  }

  /** auth-connections answers `{ code, message }` (never a token) with a 4xx or 5xx. */
  private refusal(connectionId: string, status: number, text: string): ConnectionAccessClientError {
    const body = parseJson(text) as { code?: unknown; message?: unknown } | undefined;
    const upstreamCode = typeof body?.code === 'string' ? body.code : undefined;
    if (status === 404)
      return new ConnectionAccessClientError('CONNECTION_NOT_FOUND', `Connection ${connectionId} does not exist`, { connectionId, status, upstreamCode });
    const message = typeof body?.message === 'string' ? body.message : text.slice(0, 300);
    return new ConnectionAccessClientError(
      'ACCESS_TOKEN_UNAVAILABLE',
      `No access token for connection ${connectionId} (HTTP ${status}${upstreamCode ? ` ${upstreamCode}` : ''}): ${message}`,
      { connectionId, status, upstreamCode },
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
