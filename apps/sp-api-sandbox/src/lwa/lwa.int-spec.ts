import { DEFAULTS } from '../state/sandbox-state';
import { SandboxHarness, op } from '../testing/sandbox-harness';

const participations = op('getMarketplaceParticipations');

describe('Login with Amazon token endpoint', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await SandboxHarness.start({ tokenTtlSeconds: 60 });
  });
  afterAll(async () => h.stop('lwa'));

  const client = { client_id: DEFAULTS.clientId, client_secret: DEFAULTS.clientSecret };

  it('exchanges the demo refresh token for a bearer access token that expires after the configured TTL', async () => {
    const res = await h.lwa({ grant_type: 'refresh_token', refresh_token: DEFAULTS.refreshToken, ...client });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
    const body = res.json as { access_token: string; token_type: string; expires_in: number; refresh_token: string };
    expect(body.access_token).toMatch(/^Atza\|/);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 60, refresh_token: DEFAULTS.refreshToken });
    expect((await h.call(participations, { token: body.access_token })).status).toBe(200);
    await h.advance(61);
    const expired = await h.call<{ errors: Array<{ code: string; details: string }> }>(participations, { token: body.access_token });
    expect(expired.status).toBe(403);
    expect(expired.json.errors[0]).toMatchObject({ code: 'Unauthorized', details: expect.stringMatching(/expired/) });
  });

  it('answers in OAuth error shape for a wrong secret, an unknown grant, a missing parameter and an unknown refresh token', async () => {
    const wrongSecret = await h.lwa({ grant_type: 'refresh_token', refresh_token: DEFAULTS.refreshToken, client_id: DEFAULTS.clientId, client_secret: 'nope' });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.json).toMatchObject({ error: 'invalid_client', error_description: expect.any(String) });
    expect((await h.lwa({ grant_type: 'password', ...client })).json).toMatchObject({ error: 'unsupported_grant_type' });
    expect((await h.lwa({ ...client })).json).toMatchObject({ error: 'invalid_request' });
    expect((await h.lwa({ grant_type: 'refresh_token', ...client })).json).toMatchObject({ error: 'invalid_request' });
    const unknown = await h.lwa({ grant_type: 'refresh_token', refresh_token: 'Atzr|not-a-token', ...client });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ error: 'invalid_grant' });
  });

  it('grants grantless tokens for known scopes only, and they do not open seller operations', async () => {
    expect((await h.lwa({ grant_type: 'client_credentials', ...client })).json).toMatchObject({ error: 'invalid_request' });
    expect((await h.lwa({ grant_type: 'client_credentials', scope: 'sellingpartnerapi::everything', ...client })).json).toMatchObject({
      error: 'invalid_scope',
    });
    const ok = await h.lwa({ grant_type: 'client_credentials', scope: 'sellingpartnerapi::notifications', ...client });
    expect(ok.status).toBe(200);
    const token = (ok.json as { access_token: string; refresh_token?: string }).access_token;
    expect((ok.json as { refresh_token?: string }).refresh_token).toBeUndefined();
    expect((await h.call(participations, { token })).status).toBe(403);
  });

  it('revokes a refresh token: no new access tokens, and the ones minted from it stop working', async () => {
    const seller = await h.admin<{ refreshToken: string }>('POST', '/sellers', {
      sellingPartnerId: 'A2REVOKE000001',
      region: 'NA',
      marketplaceIds: ['ATVPDKIKX0DER'],
      listingCount: 1,
      orderCount: 0,
    });
    expect(seller.status).toBe(201);
    const access = await h.accessToken(seller.json.refreshToken);
    expect((await h.call(participations, { token: access })).status).toBe(200);
    const revoked = await h.admin<{ revoked: number }>('POST', '/faults', { revokeRefreshTokens: [seller.json.refreshToken] });
    expect(revoked.json.revoked).toBe(1);
    expect((await h.lwa({ grant_type: 'refresh_token', refresh_token: seller.json.refreshToken, ...client })).json).toMatchObject({ error: 'invalid_grant' });
    expect((await h.call(participations, { token: access })).status).toBe(403);
  });

  it('accepts client credentials by HTTP Basic authentication too', async () => {
    const res = await fetch(`${h.baseUrl}/auth/o2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${DEFAULTS.clientId}:${DEFAULTS.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: DEFAULTS.refreshToken }).toString(),
    });
    expect(res.status).toBe(200);
  });
});
