import type { AccessTokenProvider, SpApiRegion } from '@amazon-channel/sp-api';
import { request } from 'undici';
import { z } from 'zod';
import type { ConnectionAccess, ConnectionTokenProvider } from './connection-token.provider';
import { ConnectionAccessError } from './connection-access.error';

/**
 * Body of auth-connections' `GET /internal/connections/:id/access-token`: the JSON twin of the
 * gRPC `Connections.GetAccessToken` answer (libs/contracts/src/proto/connections.proto).
 */
const accessTokenResponse = z.object({
  accessToken: z.string().min(1),
  /** Unix epoch seconds (as in the proto) or an ISO date-time. */
  expiresAt: z.union([z.number(), z.string()]),
  endpoint: z.string().nullish(),
  region: z.enum(['NA', 'EU', 'FE']),
  marketplaceId: z.string().min(1),
  sellingPartnerId: z.string().min(1),
  /** The connection's tenant, when auth-connections sends it: checked against the job's. */
  tenantId: z.string().min(1).optional(),
});
type AccessTokenResponse = z.infer<typeof accessTokenResponse>;

/** Renew this long before expiry so a token never expires in flight. */
const EARLY_RENEW_MS = 60_000;

function expiryMs(value: number | string): number {
  return typeof value === 'number' ? value * 1000 : Date.parse(value);
}

/** Calls auth-connections' internal route (with `x-internal-token`) for a connection's access token. */
export class HttpConnectionTokenProvider implements ConnectionTokenProvider {
  constructor(
    private readonly baseUrl: string,
    private readonly internalToken: string,
  ) {}

  async forConnection(connectionId: string, tenantId?: string): Promise<ConnectionAccess> {
    const first = await this.fetchToken(connectionId);
    // A tenant must not import or link another tenant's seller account by naming its connection id.
    if (tenantId !== undefined && first.tenantId !== undefined && first.tenantId !== tenantId) {
      throw new ConnectionAccessError('CONNECTION_NOT_FOUND', `Connection ${connectionId} does not exist`);
    }
    let current: { token: string; expiresAt: number } | null = { token: first.accessToken, expiresAt: expiryMs(first.expiresAt) };
    const accessTokens: AccessTokenProvider = {
      getAccessToken: async () => {
        if (current && current.expiresAt - EARLY_RENEW_MS > Date.now()) return current.token;
        const next = await this.fetchToken(connectionId);
        current = { token: next.accessToken, expiresAt: expiryMs(next.expiresAt) };
        return current.token;
      },
      invalidate: (token: string) => {
        if (current?.token === token) current = null;
      },
    };
    return {
      sellingPartnerId: first.sellingPartnerId,
      region: first.region as SpApiRegion,
      marketplaceId: first.marketplaceId,
      endpoint: first.endpoint ?? null,
      accessTokens,
    };
  }

  private async fetchToken(connectionId: string): Promise<AccessTokenResponse> {
    const url = `${this.baseUrl.replace(/\/$/, '')}/internal/connections/${encodeURIComponent(connectionId)}/access-token`;
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(url, { method: 'GET', headers: { 'x-internal-token': this.internalToken, accept: 'application/json' }, headersTimeout: 15_000, bodyTimeout: 15_000 });
    } catch (error) {
      throw new ConnectionAccessError('AUTH_CONNECTIONS_UNREACHABLE', `auth-connections is not reachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await res.body.text();
    if (res.statusCode === 404) throw new ConnectionAccessError('CONNECTION_NOT_FOUND', `Connection ${connectionId} does not exist`);
    if (res.statusCode >= 400) {
      // auth-connections answers a revoked or failed authorization with a 4xx naming the reason.
      let message = text.slice(0, 300);
      try {
        message = String((JSON.parse(text) as { message?: unknown }).message ?? message);
      } catch {
        // Not JSON: keep the text.
      }
      throw new ConnectionAccessError('ACCESS_TOKEN_UNAVAILABLE', `No access token for connection ${connectionId} (HTTP ${res.statusCode}): ${message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const body = accessTokenResponse.safeParse(parsed);
    if (!body.success) throw new ConnectionAccessError('ACCESS_TOKEN_UNAVAILABLE', `auth-connections answered an unexpected body for connection ${connectionId}`);
    return body.data;
  }
}
