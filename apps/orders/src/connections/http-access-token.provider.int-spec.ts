import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OrdersError } from '../orders/orders.error';
import { HttpAccessTokenProvider } from './http-access-token.provider';

const INTERNAL = 'internal-token-for-this-test-0000000000001';

describe('HttpAccessTokenProvider (auth-connections internal route)', () => {
  let server: Server;
  let baseUrl: string;
  const calls: Array<{ url: string; token: string | undefined }> = [];
  let issued = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      calls.push({ url: req.url ?? '', token: req.headers['x-internal-token'] as string | undefined });
      if (req.headers['x-internal-token'] !== INTERNAL) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'INTERNAL_TOKEN_INVALID', message: 'no' }));
        return;
      }
      if (req.url === '/internal/connections/conn-a/access-token') {
        // Slow enough that concurrent callers overlap.
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({ accessToken: `Atza|token-${++issued}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), sellingPartnerId: 'A1SELLER', region: 'EU' }),
          );
        }, 50);
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'CONNECTION_NOT_FOUND', message: 'No connection' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('fetches once for concurrent callers, caches until expiry and refetches after invalidate', async () => {
    const provider = new HttpAccessTokenProvider(baseUrl, INTERNAL);
    const [a, b] = await Promise.all([provider.forConnection('conn-a'), provider.forConnection('conn-a')]);
    expect(a).toEqual({ accessToken: 'Atza|token-1', sellingPartnerId: 'A1SELLER', region: 'EU' });
    expect(b).toEqual(a);
    expect((await provider.forConnection('conn-a')).accessToken).toBe('Atza|token-1');
    expect(calls.filter((c) => c.url.includes('conn-a'))).toHaveLength(1);
    expect(calls[0].token).toBe(INTERNAL);
    provider.invalidate('conn-a', 'Atza|token-1');
    expect((await provider.forConnection('conn-a')).accessToken).toBe('Atza|token-2');
  });

  it('turns an unknown connection and a refused token into stable error codes', async () => {
    await expect(new HttpAccessTokenProvider(baseUrl, INTERNAL).forConnection('conn-missing')).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
    const refused = new HttpAccessTokenProvider(baseUrl, 'wrong-token').forConnection('conn-a');
    await expect(refused).rejects.toBeInstanceOf(OrdersError);
    await expect(refused).rejects.toMatchObject({ code: 'CONNECTION_UNAVAILABLE' });
  });
});
