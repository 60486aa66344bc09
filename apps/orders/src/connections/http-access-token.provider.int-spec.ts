import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OrdersError } from '../orders/orders.error';
import { HttpAccessTokenProvider } from './http-access-token.provider';

const INTERNAL = 'internal-token-for-this-test-0000000000001';

/**
 * Orders' adapter over the shared ConnectionAccessClient (whose own spec covers caching, single
 * flight and the route's answers): the token and seller account orders needs, in OrdersError codes.
 */
describe('HttpAccessTokenProvider (auth-connections internal route)', () => {
  let server: Server;
  let baseUrl: string;
  let issued = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.headers['x-internal-token'] !== INTERNAL) return reply(401, { code: 'INTERNAL_TOKEN_INVALID', message: 'no' });
      if (req.url !== '/internal/connections/conn-a/access-token') return reply(404, { code: 'CONNECTION_NOT_FOUND', message: 'No connection' });
      const expiresAt = new Date(Date.now() + 3_600_000);
      return reply(200, {
        connectionId: 'conn-a',
        accessToken: `Atza|fake-token-${++issued}`,
        expiresAt: expiresAt.toISOString(),
        expiresAtEpochSeconds: Math.floor(expiresAt.getTime() / 1000),
        endpoint: 'http://127.0.0.1:4010',
        region: 'EU',
        marketplaceId: 'A1PA6795UKMFR9',
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

  it('returns the cached token and seller account, and a new token after invalidate', async () => {
    const provider = new HttpAccessTokenProvider(baseUrl, INTERNAL);
    const first = await provider.forConnection('conn-a', 'tenant-a');
    expect(first).toEqual({ accessToken: 'Atza|fake-token-1', sellingPartnerId: 'A1SELLER', region: 'EU', marketplaceId: 'A1PA6795UKMFR9' });
    expect(await provider.forConnection('conn-a')).toEqual(first);
    provider.invalidate('conn-a', first.accessToken);
    expect((await provider.forConnection('conn-a')).accessToken).toBe('Atza|fake-token-2');
  });

  it('answers a missing or foreign connection with CONNECTION_NOT_FOUND and any other failure with CONNECTION_UNAVAILABLE', async () => {
    const provider = new HttpAccessTokenProvider(baseUrl, INTERNAL);
    await expect(provider.forConnection('conn-missing')).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
    const foreign = provider.forConnection('conn-a', 'tenant-b');
    await expect(foreign).rejects.toBeInstanceOf(OrdersError);
    await expect(foreign).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
    const refused = new HttpAccessTokenProvider(baseUrl, 'wrong-token').forConnection('conn-a');
    await expect(refused).rejects.toBeInstanceOf(OrdersError);
    await expect(refused).rejects.toMatchObject({ code: 'CONNECTION_UNAVAILABLE', message: expect.stringMatching(/INTERNAL_TOKEN_INVALID/) });
    await expect(new HttpAccessTokenProvider('http://127.0.0.1:1', INTERNAL).forConnection('conn-a')).rejects.toMatchObject({ code: 'CONNECTION_UNAVAILABLE' });
  });
});
