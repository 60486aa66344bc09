import type { RunningProcess } from './stack';

/**
 * Connects a sandbox seller to auth-connections the way a seller does it: the platform user creates
 * a connection, starts the website authorization, the seller's browser walks the sandbox's consent
 * page and follows Amazon's redirect back to auth-connections' callback, which stores the refresh
 * token. auth-connections must run with `SELLER_CENTRAL_URL`, `LWA_TOKEN_URL` and `SP_API_ENDPOINT`
 * pointing at the sandbox (its default LWA app is the sandbox's demo app).
 * @returns the id of the ACTIVE connection.
 */
export async function connectSandboxSeller(
  auth: RunningProcess,
  headers: Record<string, string>,
  seller: { sellingPartnerId: string; marketplaceId: string; name?: string },
): Promise<string> {
  const created = await json('POST', `${auth.url}/connections`, headers, {
    name: seller.name ?? `Amazon ${seller.sellingPartnerId}`,
    marketplaceId: seller.marketplaceId,
    sellingPartnerId: seller.sellingPartnerId,
  });
  const connectionId = String(created['id']);
  const started = await json('POST', `${auth.url}/connections/${connectionId}/authorize`, headers);
  const callback = new URL(await consent(String(started['consentUrl']), seller.sellingPartnerId));
  // The redirect names the public URL (localhost); the service listens on 127.0.0.1.
  const answer = await fetch(`${auth.url}${callback.pathname}${callback.search}`, { headers: { accept: 'application/json' }, redirect: 'manual' });
  if (answer.status !== 200) throw new Error(`OAuth callback answered ${answer.status}: ${await answer.text()}`);
  const connection = await json('GET', `${auth.url}/connections/${connectionId}`, headers);
  if (connection['status'] !== 'ACTIVE') throw new Error(`connection ${connectionId} is ${String(connection['status'])} after the consent`);
  return connectionId;
}

/** What the seller's browser does on the consent page: pick the account, Authorize, take the redirect. */
async function consent(consentUrl: string, sellingPartnerId: string): Promise<string> {
  const page = await fetch(consentUrl, { headers: { accept: 'text/html' } });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${html.slice(0, 500)}`);
  const consentId = /name="consent_id" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!consentId || !action) throw new Error(`no consent form on ${consentUrl}`);
  const form = new URLSearchParams({ consent_id: consentId, decision: 'authorize', selling_partner_id: sellingPartnerId });
  const submitted = await fetch(new URL(action, consentUrl), { method: 'POST', body: form, redirect: 'manual' });
  const location = submitted.headers.get('location');
  if (submitted.status !== 302 || !location) throw new Error(`consent submit answered ${submitted.status}: ${await submitted.text()}`);
  return location;
}

async function json(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
}
