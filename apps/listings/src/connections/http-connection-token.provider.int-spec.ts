import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpConnectionTokenProvider } from './http-connection-token.provider';

const INTERNAL_TOKEN = 'internal-token-for-this-test-0000000000001';

/**
 * The client side of auth-connections' internal route `GET /internal/connections/:id/access-token`
 * (the JSON twin of gRPC Connections.GetAccessToken), against a local HTTP server that answers as
 * that route is specified; auth-connections' own tests cover the server side.
 */
describe('HttpConnectionTokenProvider', () => {
  let server: Server;
  let baseUrl: string;
  const requests: IncomingMessage[] = [];
  let expiresAt = Math.floor(Date.now() / 1000) + 3600;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req);
      if (req.headers['x-internal-token'] !== INTERNAL_TOKEN) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'INTERNAL_TOKEN_INVALID', message: 'Internal routes need a valid x-internal-token' }));
        return;
      }
      const match = /^\/internal\/connections\/([^/]+)\/access-token$/.exec(req.url ?? '');
      if (!match || match[1] === 'missing') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'CONNECTION_NOT_FOUND', message: 'no such connection' }));
        return;
      }
      if (match[1] === 'revoked') {
        res.writeHead(409, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'AUTH_FAILED', message: 'The seller revoked the authorization' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ accessToken: `Atza|token-${requests.length}`, expiresAt, endpoint: 'http://127.0.0.1:4010', region: 'NA', marketplaceId: 'ATVPDKIKX0DER', sellingPartnerId: 'A1SELLER', tenantId: 'tenant-a' }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('returns the seller account and reuses the token until it nears expiry', async () => {
    const provider = new HttpConnectionTokenProvider(baseUrl, INTERNAL_TOKEN);
    const access = await provider.forConnection('conn-1', 'tenant-a');
    expect(access).toMatchObject({ sellingPartnerId: 'A1SELLER', region: 'NA', marketplaceId: 'ATVPDKIKX0DER', endpoint: 'http://127.0.0.1:4010' });
    const token = await access.accessTokens.getAccessToken();
    expect(await access.accessTokens.getAccessToken()).toBe(token);
    await access.accessTokens.invalidate(token);
    expect(await access.accessTokens.getAccessToken()).not.toBe(token);
    expiresAt = Math.floor(Date.now() / 1000) + 30;
    const soon = await provider.forConnection('conn-1');
    const first = await soon.accessTokens.getAccessToken();
    expect(await soon.accessTokens.getAccessToken()).not.toBe(first);
  });

  it('refuses another tenant\'s connection and names missing or revoked connections', async () => {
    const provider = new HttpConnectionTokenProvider(baseUrl, INTERNAL_TOKEN);
    await expect(provider.forConnection('conn-1', 'tenant-b')).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
    await expect(provider.forConnection('missing')).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
    await expect(provider.forConnection('revoked')).rejects.toMatchObject({ code: 'ACCESS_TOKEN_UNAVAILABLE', message: expect.stringMatching(/revoked the authorization/) });
    await expect(new HttpConnectionTokenProvider(baseUrl, 'wrong-token-wrong-token-wrong-token-000').forConnection('conn-1')).rejects.toMatchObject({ code: 'ACCESS_TOKEN_UNAVAILABLE' });
    await expect(new HttpConnectionTokenProvider('http://127.0.0.1:1', INTERNAL_TOKEN).forConnection('conn-1')).rejects.toMatchObject({ code: 'AUTH_CONNECTIONS_UNREACHABLE' });
  });
});
