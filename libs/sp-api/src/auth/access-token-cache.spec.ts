import { inspect } from 'node:util';
import { AuthorizationRevokedError, SpApiErrorCode } from '../errors/sp-api-error';
import { FakeTransport } from '../testing/fake-transport';
import { AccessTokenCache, tokenCacheKey } from './access-token-cache';
import { GrantlessAccessTokenProvider, RefreshTokenAccessTokenProvider } from './access-token-provider';
import { LwaClient } from './lwa-client';

const REFRESH = 'Atzr|fake-test-token';
const SECRET = 'client-secret-value';

function lwaFake(expiresIn = 3600) {
  let issued = 0;
  const transport = new FakeTransport(async (req) => {
    await new Promise((r) => setTimeout(r, 5)); // a real round trip, so concurrent callers overlap
    const form = new URLSearchParams(req.body);
    if (form.get('refresh_token') === 'Atzr|revoked')
      return { status: 400, body: { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' } };
    issued++;
    return { status: 200, body: { access_token: `Atza|token-${issued}`, token_type: 'bearer', expires_in: expiresIn } };
  });
  const lwa = new LwaClient(transport, 'http://lwa.test/auth/o2/token', { clientId: 'amzn1.application-oa2-client.x', clientSecret: SECRET });
  return { transport, lwa };
}

describe('RefreshTokenAccessTokenProvider + AccessTokenCache', () => {
  it('merges 100 concurrent calls with an expired token into exactly 1 LWA request', async () => {
    let now = 0;
    const { transport, lwa } = lwaFake();
    const cache = new AccessTokenCache({ now: () => now });
    const provider = new RefreshTokenAccessTokenProvider(lwa, cache, REFRESH, () => now);
    await provider.getAccessToken();
    now += 3600_000; // expired
    const tokens = await Promise.all(Array.from({ length: 100 }, () => provider.getAccessToken()));
    expect(transport.requests).toHaveLength(2);
    expect(new Set(tokens)).toEqual(new Set(['Atza|token-2']));
  });

  it('sends the refresh-token grant as a form with the client credentials', async () => {
    const { transport, lwa } = lwaFake();
    const provider = new RefreshTokenAccessTokenProvider(lwa, new AccessTokenCache(), REFRESH);
    await provider.getAccessToken();
    const req = transport.requests[0];
    expect(req?.method).toBe('POST');
    expect(req?.headers['content-type']).toContain('application/x-www-form-urlencoded');
    const form = new URLSearchParams(req?.body);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: REFRESH,
      client_id: 'amzn1.application-oa2-client.x',
      client_secret: SECRET,
    });
  });

  it('renews 60 s before expiry, not earlier', async () => {
    let now = 0;
    const { transport, lwa } = lwaFake(3600);
    const provider = new RefreshTokenAccessTokenProvider(lwa, new AccessTokenCache({ now: () => now }), REFRESH, () => now);
    await provider.getAccessToken();
    now = 3600_000 - 61_000;
    await provider.getAccessToken();
    expect(transport.requests).toHaveLength(1);
    now = 3600_000 - 59_000;
    await expect(provider.getAccessToken()).resolves.toBe('Atza|token-2');
    expect(transport.requests).toHaveLength(2);
  });

  it('invalidates only the token that failed, so late 403s do not trigger extra refreshes', async () => {
    const { transport, lwa } = lwaFake();
    const provider = new RefreshTokenAccessTokenProvider(lwa, new AccessTokenCache(), REFRESH);
    const first = await provider.getAccessToken();
    provider.invalidate(first);
    const second = await provider.getAccessToken();
    provider.invalidate(first); // a stale 403 for the old token
    await expect(provider.getAccessToken()).resolves.toBe(second);
    expect(transport.requests).toHaveLength(2);
  });

  it('keys the cache by a hash: the refresh token never appears in keys or JSON', () => {
    const { lwa } = lwaFake();
    const provider = new RefreshTokenAccessTokenProvider(lwa, new AccessTokenCache(), REFRESH);
    expect(provider.cacheKey).toMatch(/^refresh:[0-9a-f]{32}$/);
    expect(JSON.stringify(provider)).not.toContain('secret-refresh');
    expect(inspect(provider, { depth: 5 })).not.toContain('secret-refresh');
    expect(`${JSON.stringify(lwa)} ${inspect(lwa, { depth: 5 })}`).not.toContain(SECRET);
    expect(tokenCacheKey('refresh', 'a', 'b')).not.toBe(tokenCacheKey('refresh', 'a', 'c'));
  });

  it('turns invalid_grant into AuthorizationRevokedError without leaking secrets', async () => {
    const { lwa } = lwaFake();
    const provider = new RefreshTokenAccessTokenProvider(lwa, new AccessTokenCache(), 'Atzr|revoked');
    const error = await provider.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationRevokedError);
    expect((error as AuthorizationRevokedError).code).toBe(SpApiErrorCode.AuthorizationRevoked);
    const printed = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`;
    expect(printed).not.toContain('Atzr|revoked');
    expect(printed).not.toContain(SECRET);
  });

  it('retries a failed refresh on the next call instead of caching the failure', async () => {
    let fail = true;
    const transport = new FakeTransport(() =>
      fail ? { status: 503, body: {} } : { status: 200, body: { access_token: 'Atza|ok', expires_in: 3600, token_type: 'bearer' } },
    );
    const lwa = new LwaClient(transport, 'http://lwa.test/token', { clientId: 'c', clientSecret: 's' });
    const provider = new RefreshTokenAccessTokenProvider(lwa, new AccessTokenCache(), REFRESH);
    await expect(provider.getAccessToken()).rejects.toMatchObject({ code: SpApiErrorCode.LwaRequestFailed, retryable: true });
    fail = false;
    await expect(provider.getAccessToken()).resolves.toBe('Atza|ok');
  });
});

describe('LwaClient grants', () => {
  it('exchanges an authorization code and returns the refresh token', async () => {
    const transport = new FakeTransport(() => ({
      status: 200,
      body: { access_token: 'Atza|a', refresh_token: 'Atzr|new', token_type: 'bearer', expires_in: 3600 },
    }));
    const lwa = new LwaClient(transport, 'http://lwa.test/token', { clientId: 'c', clientSecret: 's' });
    const res = await lwa.exchangeAuthorizationCode('code-1', 'https://app.example/cb');
    expect(res.refreshToken).toBe('Atzr|new');
    expect(Object.fromEntries(new URLSearchParams(transport.requests[0]?.body))).toMatchObject({
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: 'https://app.example/cb',
    });
  });

  it('reports a used authorization code as an LWA failure, not a revoked seller', async () => {
    const transport = new FakeTransport(() => ({ status: 400, body: { error: 'invalid_grant' } }));
    const lwa = new LwaClient(transport, 'http://lwa.test/token', { clientId: 'c', clientSecret: 's' });
    await expect(lwa.exchangeAuthorizationCode('used')).rejects.toMatchObject({ code: SpApiErrorCode.LwaRequestFailed, amazonCode: 'invalid_grant' });
  });

  it('caches grantless tokens per scope', async () => {
    const transport = new FakeTransport(() => ({ status: 200, body: { access_token: 'Atza|g', expires_in: 3600, token_type: 'bearer' } }));
    const lwa = new LwaClient(transport, 'http://lwa.test/token', { clientId: 'c', clientSecret: 's' });
    const provider = new GrantlessAccessTokenProvider(lwa, new AccessTokenCache(), 'sellingpartnerapi::notifications');
    await Promise.all([provider.getAccessToken(), provider.getAccessToken()]);
    await provider.getAccessToken();
    expect(transport.requests).toHaveLength(1);
    expect(new URLSearchParams(transport.requests[0]?.body).get('scope')).toBe('sellingpartnerapi::notifications');
  });
});
