import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectionAccessClient } from './connection-access.client';
import { ConnectionAccessClientError } from './connection-access.error';

const INTERNAL_TOKEN = 'internal-token-for-this-test-0000000000001';

/**
 * The client side of auth-connections' internal route `GET /internal/connections/:id/access-token`,
 * against a local HTTP server that answers as that route does (auth-connections' own tests cover
 * the server side, and listings' and orders' adapters are thin mappings over this client).
 */
describe('ConnectionAccessClient', () => {
  let server: Server;
  let baseUrl: string;
  const requests: IncomingMessage[] = [];
  let issued = 0;
  let expiresInSeconds = 3600;

  const asked = (connectionId: string) => requests.filter((r) => r.url === `/internal/connections/${connectionId}/access-token`).length;
  const client = (internalToken = INTERNAL_TOKEN, url = baseUrl) => new ConnectionAccessClient({ baseUrl: url, internalToken });
  const answer = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req);
      if (req.headers['x-internal-token'] !== INTERNAL_TOKEN)
        return answer(res, 401, { code: 'INTERNAL_TOKEN_INVALID', message: 'Internal routes need a valid x-internal-token' });
      const id = /^\/internal\/connections\/([^/]+)\/access-token$/.exec(req.url ?? '')?.[1];
      const expiresAt = new Date(Date.now() + expiresInSeconds * 1000);
      switch (id) {
        case 'conn-1':
          // Slow enough that concurrent callers overlap.
          setTimeout(
            () =>
              answer(res, 200, {
                connectionId: id,
                accessToken: `Atza|fake-token-${++issued}`,
                expiresAt: expiresAt.toISOString(),
                expiresAtEpochSeconds: Math.floor(expiresAt.getTime() / 1000),
                endpoint: 'http://127.0.0.1:4010',
                region: 'NA',
                marketplaceId: 'ATVPDKIKX0DER',
                sellingPartnerId: 'A1SELLER',
                tenantId: 'tenant-a',
              }),
            50,
          );
          return;
        case 'conn-untenanted':
          // An older auth-connections: epoch seconds, no endpoint, no tenant.
          return answer(res, 200, {
            accessToken: `Atza|fake-token-${++issued}`,
            expiresAt: Math.floor(expiresAt.getTime() / 1000),
            region: 'EU',
            marketplaceId: 'A1PA6795UKMFR9',
            sellingPartnerId: 'A2SELLER',
          });
        case 'revoked':
          return answer(res, 409, {
            code: 'CONNECTION_AUTH_FAILED',
            message: 'Amazon refused the authorization of connection revoked; the seller must authorize again',
          });
        case 'amazon-down':
          return answer(res, 503, { code: 'AMAZON_UNAVAILABLE', message: 'Login with Amazon did not issue a token' });
        case 'garbled':
          return answer(res, 200, '{"accessToken":"","region":"MARS"}');
        case undefined:
        default:
          return answer(res, 404, { code: 'CONNECTION_NOT_FOUND', message: `No connection ${id ?? ''}` });
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    requests.length = 0;
    expiresInSeconds = 3600;
  });

  it('returns the token and seller account, shares one request among concurrent callers and caches until expiry', async () => {
    const connections = client();
    const [a, b] = await Promise.all([connections.get('conn-1', 'tenant-a'), connections.get('conn-1', 'tenant-a')]);
    expect(a).toMatchObject({
      connectionId: 'conn-1',
      sellingPartnerId: 'A1SELLER',
      region: 'NA',
      marketplaceId: 'ATVPDKIKX0DER',
      endpoint: 'http://127.0.0.1:4010',
      tenantId: 'tenant-a',
    });
    expect(a.accessToken).toMatch(/^Atza\|fake-token-\d+$/);
    expect(a.expiresAtMs).toBeGreaterThan(Date.now() + 3_500_000);
    expect(b).toEqual(a);
    expect((await connections.get('conn-1', 'tenant-a')).accessToken).toBe(a.accessToken);
    expect(asked('conn-1')).toBe(1);
    expect(requests[0].headers['x-internal-token']).toBe(INTERNAL_TOKEN);

    connections.invalidate('conn-1', 'Atza|not-the-current-one');
    expect((await connections.get('conn-1', 'tenant-a')).accessToken).toBe(a.accessToken);
    connections.invalidate('conn-1', a.accessToken);
    const renewed = await connections.get('conn-1', 'tenant-a');
    expect(renewed.accessToken).not.toBe(a.accessToken);
    expect(asked('conn-1')).toBe(2);
  });

  it('asks again for a token that expires within a minute, so none expires in flight', async () => {
    const connections = client();
    expiresInSeconds = 30;
    const first = await connections.get('conn-1', 'tenant-a');
    const second = await connections.get('conn-1', 'tenant-a');
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(asked('conn-1')).toBe(2);
  });

  it('serves an SP-API access-token provider per connection that honours invalidation', async () => {
    const connections = client();
    const tokens = connections.accessTokens('conn-1', 'tenant-a');
    const token = await tokens.getAccessToken();
    expect(await tokens.getAccessToken()).toBe(token);
    tokens.invalidate(token);
    expect(await tokens.getAccessToken()).not.toBe(token);
    await expect(connections.accessTokens('conn-1', 'tenant-b').getAccessToken()).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
  });

  it("refuses another tenant's connection as if it did not exist, cached or not", async () => {
    const connections = client();
    await expect(connections.get('conn-1', 'tenant-b')).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND', message: 'Connection conn-1 does not exist' });
    await connections.get('conn-1', 'tenant-a');
    await expect(connections.get('conn-1', 'tenant-b')).rejects.toBeInstanceOf(ConnectionAccessClientError);
  });

  it('fails closed: an answer without the tenant, or a call that names none, gets no token', async () => {
    const connections = client();
    await expect(connections.get('conn-untenanted', 'tenant-b')).rejects.toMatchObject({
      code: 'ACCESS_TOKEN_UNAVAILABLE',
      message: expect.stringMatching(/unexpected body/),
    });
    const before = asked('conn-1');
    await expect(connections.get('conn-1', undefined)).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
    await expect(connections.get('conn-1', '')).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
    await expect(connections.accessTokens('conn-1', undefined).getAccessToken()).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
    expect(asked('conn-1')).toBe(before);
  });

  it("turns every refusal into a stable code with auth-connections' reason, and caches none of them", async () => {
    const connections = client();
    await expect(connections.get('missing', 'tenant-a')).rejects.toMatchObject({
      code: 'CONNECTION_NOT_FOUND',
      details: { status: 404, upstreamCode: 'CONNECTION_NOT_FOUND' },
    });
    await expect(connections.get('revoked', 'tenant-a')).rejects.toMatchObject({
      code: 'ACCESS_TOKEN_UNAVAILABLE',
      message: expect.stringMatching(/HTTP 409 CONNECTION_AUTH_FAILED\): Amazon refused the authorization/),
      details: { upstreamCode: 'CONNECTION_AUTH_FAILED' },
    });
    await expect(connections.get('revoked', 'tenant-a')).rejects.toMatchObject({ code: 'ACCESS_TOKEN_UNAVAILABLE' });
    expect(asked('revoked')).toBe(2);
    await expect(connections.get('amazon-down', 'tenant-a')).rejects.toMatchObject({
      code: 'ACCESS_TOKEN_UNAVAILABLE',
      details: { status: 503, upstreamCode: 'AMAZON_UNAVAILABLE' },
    });
    await expect(connections.get('garbled', 'tenant-a')).rejects.toMatchObject({
      code: 'ACCESS_TOKEN_UNAVAILABLE',
      message: expect.stringMatching(/unexpected body/),
    });
    await expect(client('wrong-token-wrong-token-wrong-token-000').get('conn-1', 'tenant-a')).rejects.toMatchObject({
      code: 'ACCESS_TOKEN_UNAVAILABLE',
      details: { status: 401, upstreamCode: 'INTERNAL_TOKEN_INVALID' },
    });
    await expect(client(INTERNAL_TOKEN, 'http://127.0.0.1:1').get('conn-1', 'tenant-a')).rejects.toMatchObject({ code: 'AUTH_CONNECTIONS_UNREACHABLE' });
  });
});
