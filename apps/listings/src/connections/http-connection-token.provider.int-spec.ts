import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectionAccessError } from './connection-access.error';
import { HttpConnectionTokenProvider } from './http-connection-token.provider';

const INTERNAL_TOKEN = 'internal-token-for-this-test-0000000000001';

/**
 * Listings' adapter over the shared ConnectionAccessClient (whose own spec covers caching, single
 * flight and the route's answers): the seller account listings needs, and its own error codes.
 */
describe('HttpConnectionTokenProvider', () => {
  let server: Server;
  let baseUrl: string;
  let issued = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const id = /^\/internal\/connections\/([^/]+)\/access-token$/.exec(req.url ?? '')?.[1];
      const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.headers['x-internal-token'] !== INTERNAL_TOKEN) return reply(401, { code: 'INTERNAL_TOKEN_INVALID', message: 'no' });
      if (id === 'revoked') return reply(409, { code: 'CONNECTION_AUTH_FAILED', message: 'The seller revoked the authorization' });
      if (id !== 'conn-1') return reply(404, { code: 'CONNECTION_NOT_FOUND', message: 'no such connection' });
      const expiresAt = new Date(Date.now() + 3_600_000);
      return reply(200, {
        connectionId: id,
        accessToken: `Atza|fake-token-${++issued}`,
        expiresAt: expiresAt.toISOString(),
        expiresAtEpochSeconds: Math.floor(expiresAt.getTime() / 1000),
        endpoint: 'http://127.0.0.1:4010',
        region: 'NA',
        marketplaceId: 'ATVPDKIKX0DER',
        sellingPartnerId: 'A1SELLER',
        tenantId: 'tenant-a',
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('returns the seller account with tokens that renew after Amazon refuses one', async () => {
    const access = await new HttpConnectionTokenProvider(baseUrl, INTERNAL_TOKEN).forConnection('conn-1', 'tenant-a');
    expect(access).toMatchObject({ sellingPartnerId: 'A1SELLER', region: 'NA', marketplaceId: 'ATVPDKIKX0DER', endpoint: 'http://127.0.0.1:4010' });
    const token = await access.accessTokens.getAccessToken();
    expect(await access.accessTokens.getAccessToken()).toBe(token);
    await access.accessTokens.invalidate(token);
    expect(await access.accessTokens.getAccessToken()).not.toBe(token);
  });

  it('answers in ConnectionAccessError codes: another tenant, missing, revoked, unreachable', async () => {
    const provider = new HttpConnectionTokenProvider(baseUrl, INTERNAL_TOKEN);
    const foreign = provider.forConnection('conn-1', 'tenant-b');
    await expect(foreign).rejects.toBeInstanceOf(ConnectionAccessError);
    await expect(foreign).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
    await expect(provider.forConnection('missing')).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
    await expect(provider.forConnection('revoked')).rejects.toMatchObject({ code: 'ACCESS_TOKEN_UNAVAILABLE', message: expect.stringMatching(/revoked the authorization/) });
    await expect(new HttpConnectionTokenProvider('http://127.0.0.1:1', INTERNAL_TOKEN).forConnection('conn-1')).rejects.toMatchObject({ code: 'AUTH_CONNECTIONS_UNREACHABLE' });
  });
});
