import { DEFAULTS } from '../state/sandbox-state';
import { SandboxHarness, op } from '../testing/sandbox-harness';

const participations = op('getMarketplaceParticipations');

/** Submits the consent page's form the way a browser does when the named button is pressed. */
async function pressButton(baseUrl: string, html: string, button: 'authorize' | 'cancel', sellerId?: string): Promise<Response> {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  expect(action).toBe('/apps/authorize/consent');
  const hidden = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
  const selected = /<option value="([^"]+)" selected>/.exec(html)?.[1];
  const form = new URLSearchParams({ ...hidden, selling_partner_id: sellerId ?? selected ?? '', decision: button });
  return fetch(`${baseUrl}${action}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
}

describe('Consent page and authorization workflows', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await SandboxHarness.start();
  });
  afterAll(async () => h.stop('consent'));

  const client = { client_id: DEFAULTS.clientId, client_secret: DEFAULTS.clientSecret };
  const redirectUri = 'https://app.example.test/amazon/callback';

  async function consentUrl(params: Record<string, string>): Promise<Response> {
    return fetch(`${h.baseUrl}/apps/authorize/consent?${new URLSearchParams(params).toString()}`, { redirect: 'manual' });
  }

  it('serves a usable page whose Authorize button redirects with state, selling_partner_id, spapi_oauth_code and mws_auth_token', async () => {
    const page = await consentUrl({ application_id: DEFAULTS.applicationId, state: 'st-123', redirect_uri: redirectUri });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('<button type="submit" name="decision" value="authorize" id="authorize">Authorize</button>');

    const redirect = await pressButton(h.baseUrl, html, 'authorize');
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location') as string);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('st-123');
    expect(location.searchParams.get('selling_partner_id')).toBe(DEFAULTS.sellingPartnerId);
    expect(location.searchParams.get('mws_auth_token')).toMatch(/^amzn\.mws\./);
    const code = location.searchParams.get('spapi_oauth_code') as string;

    const exchanged = await h.lwa({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...client });
    expect(exchanged.status).toBe(200);
    const tokens = exchanged.json as { access_token: string; refresh_token: string };
    expect(tokens.refresh_token).toMatch(/^Atzr\|/);
    expect((await h.call(participations, { token: tokens.access_token })).status).toBe(200);
    expect((await h.lwa({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, ...client })).status).toBe(200);
    // Single use.
    expect((await h.lwa({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...client })).json).toMatchObject({ error: 'invalid_grant' });
  });

  it('expires codes after five minutes and checks the redirect URI on exchange', async () => {
    const html = await (await consentUrl({ application_id: DEFAULTS.applicationId, state: 's2', redirect_uri: redirectUri })).text();
    const code1 = new URL((await pressButton(h.baseUrl, html, 'authorize')).headers.get('location') as string).searchParams.get('spapi_oauth_code') as string;
    expect((await h.lwa({ grant_type: 'authorization_code', code: code1, redirect_uri: 'https://other.example.test/cb', ...client })).json).toMatchObject({
      error: 'invalid_grant',
    });
    const html2 = await (await consentUrl({ application_id: DEFAULTS.applicationId, state: 's3', redirect_uri: redirectUri })).text();
    const code2 = new URL((await pressButton(h.baseUrl, html2, 'authorize')).headers.get('location') as string).searchParams.get('spapi_oauth_code') as string;
    await h.advance(301);
    expect((await h.lwa({ grant_type: 'authorization_code', code: code2, redirect_uri: redirectUri, ...client })).json).toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('redirects with error=access_denied when the seller cancels', async () => {
    const html = await (await consentUrl({ application_id: DEFAULTS.applicationId, state: 'st-c', redirect_uri: redirectUri })).text();
    const location = new URL((await pressButton(h.baseUrl, html, 'cancel')).headers.get('location') as string);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('spapi_oauth_code')).toBeNull();
  });

  it('shows Seller Central errors: unknown app, draft app without version=beta (MD1000), unregistered redirect URI (MD5101)', async () => {
    const app = (
      await h.admin<{ applicationId: string; clientId: string; clientSecret: string }>('POST', '/apps', {
        redirectUris: ['https://registered.example.test/cb'],
        draft: true,
      })
    ).json;
    expect((await consentUrl({ application_id: 'amzn1.sp.solution.unknown', state: 's' })).status).toBe(400);
    const draft = await consentUrl({ application_id: app.applicationId, state: 's' });
    expect(draft.status).toBe(400);
    expect(await draft.text()).toContain('MD1000');
    const mismatch = await consentUrl({ application_id: app.applicationId, state: 's', version: 'beta', redirect_uri: 'https://evil.example.test/cb' });
    expect(await mismatch.text()).toContain('MD5101');
    // Without redirect_uri the first registered one is used.
    const html = await (await consentUrl({ application_id: app.applicationId, state: 's', version: 'beta' })).text();
    const location = (await pressButton(h.baseUrl, html, 'authorize')).headers.get('location') as string;
    expect(location.startsWith('https://registered.example.test/cb?')).toBe(true);
  });

  it('runs the Appstore-initiated flow: login URI with amazon_callback_uri/amazon_state, then back to the redirect URI with a code', async () => {
    const app = (
      await h.admin<{ applicationId: string; clientId: string; clientSecret: string }>('POST', '/apps', {
        redirectUris: ['https://app2.example.test/cb'],
        loginUri: 'https://app2.example.test/login',
      })
    ).json;
    const start = await fetch(`${h.baseUrl}/apps/authorize/start?application_id=${app.applicationId}&selling_partner_id=${DEFAULTS.sellingPartnerId}`, {
      redirect: 'manual',
    });
    expect(start.status).toBe(302);
    const login = new URL(start.headers.get('location') as string);
    expect(`${login.origin}${login.pathname}`).toBe('https://app2.example.test/login');
    expect(login.searchParams.get('selling_partner_id')).toBe(DEFAULTS.sellingPartnerId);
    const callback = new URL(login.searchParams.get('amazon_callback_uri') as string);
    callback.searchParams.set('amazon_state', login.searchParams.get('amazon_state') as string);
    callback.searchParams.set('state', 'app-state');
    callback.searchParams.set('redirect_uri', 'https://app2.example.test/cb');
    const back = await fetch(callback, { redirect: 'manual' });
    expect(back.status).toBe(302);
    const final = new URL(back.headers.get('location') as string);
    expect(final.searchParams.get('state')).toBe('app-state');
    const code = final.searchParams.get('spapi_oauth_code') as string;
    const tokens = await h.lwa({ grant_type: 'authorization_code', code, client_id: app.clientId, client_secret: app.clientSecret });
    expect(tokens.status).toBe(200);
    // amazon_state is single use.
    expect((await fetch(callback, { redirect: 'manual' })).status).toBe(400);
  });
});
