import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import type { RunningService } from '@amazon-channel/platform-service';
import {
  createTestDatabase,
  freePort,
  kafkaBrokers,
  startSandbox,
  type SandboxAppCredentials,
  type SandboxHandle,
  type TestDatabase,
} from '@amazon-channel/testing';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import {
  call,
  consent,
  counter,
  eventually,
  grpcClient,
  INTERNAL_TOKEN,
  KEY_1,
  KEY_2,
  query,
  redirectOf,
  tenant,
  CapturedLog,
  JWT_SECRET,
} from '../testing/auth-connections-harness';
import { startAuthConnections } from '../bootstrap';
import { AUTH_CONNECTIONS_SERVICE } from '../service';
import { ConnectionsGrpcServer } from './grpc/connections-grpc.server';
import { LifecycleService } from './lifecycle.service';

/** What one test file runs against: the sandbox, a database, Kafka and the service in-process. */
interface Harness {
  sandbox: SandboxHandle;
  app: SandboxAppCredentials;
  database: TestDatabase;
  service: RunningService;
  url: string;
  grpcPort: number;
  log: CapturedLog;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the sandbox (with a registered draft app whose redirect URI is this service's callback
 * and whose login URI is its /oauth/login), migrates a fresh database and boots the service on
 * Kafka. Access tokens live 63 s in the sandbox, so the service's cache (renewing 60 s early)
 * sees them expire after 3 s: expiry is testable without waiting an hour.
 */
async function startHarness(name: string): Promise<Harness> {
  const [sandbox, database, brokers, port] = await Promise.all([startSandbox({ tokenTtlSeconds: 63 }), createTestDatabase(name), kafkaBrokers(), freePort()]);
  const url = `http://127.0.0.1:${port}`;
  const app = await sandbox.admin.createApp({ redirectUris: [`${url}/oauth/callback`], loginUri: `${url}/oauth/login`, draft: true });
  const migrationSource = createServiceDataSource({ url: database.url, ...AUTH_CONNECTIONS_SERVICE });
  await runServiceMigrations(migrationSource);
  await migrationSource.destroy();
  const log = new CapturedLog();
  const env = {
    PORT: String(port),
    GRPC_PORT: '0',
    GRPC_HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    BUS_DRIVER: 'kafka',
    KAFKA_BROKERS: brokers,
    CONSUMER_GROUP_PREFIX: `t${randomBytes(4).toString('hex')}-`,
    LOG_LEVEL: 'debug',
    OUTBOX_POLL_MS: '50',
    AUTH_JWT_SECRET: JWT_SECRET,
    INTERNAL_API_TOKEN: INTERNAL_TOKEN,
    FIELD_ENCRYPTION_KEYS: `${KEY_1},${KEY_2}`,
    FIELD_ENCRYPTION_ACTIVE_KEY_ID: 'k1',
    SP_API_ENDPOINT: sandbox.baseUrl,
    LWA_TOKEN_URL: sandbox.lwaTokenUrl,
    LWA_CLIENT_ID: app.clientId,
    LWA_CLIENT_SECRET: app.clientSecret,
    LWA_APPLICATION_ID: app.applicationId,
    LWA_CLIENT_SECRET_ISSUED_AT: new Date(Date.now() - 200 * 86_400_000).toISOString(),
    AUTH_CONNECTIONS_PUBLIC_URL: url,
    REAUTHORIZATION_SCAN_MS: '0',
  };
  const service = await startAuthConnections(env, log);
  await service.connected;
  const grpcPort = service.app.get(ConnectionsGrpcServer).port;
  return {
    sandbox,
    app,
    database,
    service,
    url,
    grpcPort,
    log,
    env,
    close: async () => {
      await service.close();
      await Promise.all([sandbox.stop(), database.drop()]);
    },
  };
}

const DEMO = 'A1DEMOSELLER00';
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const MX = 'A1AM78C64UM0Y8';
const DE = 'A1PA6795UKMFR9';
const OTHER_SELLER = 'A2OTHERSELLER1';
const REVOKED_SELLER = 'A2REVOKEDSELL1';
const APPSTORE_SELLER = 'A3APPSTORESEL1';
const LONE_SELLER = 'A3LONESELLER01';

let h: Harness;
let a: Record<string, string>;
let b: Record<string, string>;
let grpc: ReturnType<typeof grpcClient>;
/** Every refresh token the sandbox issued during the run (scanned for in the logs at the end). */
const refreshTokens: string[] = [];

async function createConnection(headers: Record<string, string>, body: Record<string, unknown>): Promise<string> {
  const res = await call('POST', `${h.url}/connections`, headers, body);
  expect(res.status).toBe(201);
  return res.body['id'] as string;
}

/** The website flow as a seller's browser walks it; returns the callback's status and body. */
async function authorizeInBrowser(connectionId: string, headers: Record<string, string>, sellingPartnerId = DEMO) {
  const start = await call('POST', `${h.url}/connections/${connectionId}/authorize`, headers);
  expect(start.status).toBe(200);
  const callbackUrl = await consent(start.body['consentUrl'] as string, { sellingPartnerId });
  return { callbackUrl, ...(await call('GET', callbackUrl)) };
}

async function outbox(type: string, connectionId: string): Promise<Array<{ published_at: Date | null; payload: { data: Record<string, unknown> } }>> {
  return query(
    h.database.url,
    "SELECT published_at, payload FROM auth_connections.outbox_events WHERE event_type = $1 AND payload->>'connectionId' = $2 ORDER BY sequence",
    [type, connectionId],
  );
}

beforeAll(async () => {
  h = await startHarness('auth_connections');
  a = await tenant('tenant-a');
  b = await tenant('tenant-b');
  grpc = grpcClient(h.grpcPort);
  for (const sellingPartnerId of [OTHER_SELLER, REVOKED_SELLER, APPSTORE_SELLER, LONE_SELLER]) {
    const seller = await h.sandbox.admin.createSeller({
      sellingPartnerId,
      region: 'NA',
      marketplaceIds: [US],
      listingCount: 1,
      orderCount: 0,
      clientId: h.app.clientId,
    });
    refreshTokens.push(seller.refreshToken);
  }
}, 120_000);

afterAll(async () => {
  grpc?.close();
  await h?.close();
});

describe('website authorization', () => {
  let connectionId: string;

  it('connects a seller end to end: consent page, callback, encrypted token, ConnectionAuthorized on Kafka', async () => {
    const marketplaces = await call('GET', `${h.url}/marketplaces`, a);
    expect((marketplaces.body as unknown as Array<{ region: string }>).map((g) => g.region)).toEqual(['NA', 'EU', 'FE']);

    connectionId = await createConnection(a, { name: 'My Amazon US', marketplaceId: US, sellingPartnerId: DEMO });
    expect((await call('GET', `${h.url}/connections/${connectionId}`, a)).body).toMatchObject({
      status: 'PENDING_AUTHORIZATION',
      region: 'NA',
      authorizedAt: null,
    });

    const start = await call('POST', `${h.url}/connections/${connectionId}/authorize`, a);
    const consentUrl = new URL(start.body['consentUrl'] as string);
    expect(consentUrl.origin + consentUrl.pathname).toBe(`${h.sandbox.baseUrl}/apps/authorize/consent`);
    expect(consentUrl.searchParams.get('application_id')).toBe(h.app.applicationId);
    expect(consentUrl.searchParams.get('version')).toBe('beta');
    expect(consentUrl.searchParams.get('redirect_uri')).toBe(`${h.url}/oauth/callback`);
    expect(consentUrl.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const ttl = Date.parse(start.body['expiresAt'] as string) - Date.now();
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);

    const callbackUrl = await consent(consentUrl.toString(), { sellingPartnerId: DEMO });
    const res = await fetch(callbackUrl, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).toContain(DEMO);

    const connection = (await call('GET', `${h.url}/connections/${connectionId}`, a)).body;
    expect(connection).toMatchObject({ status: 'ACTIVE', sellingPartnerId: DEMO, reauthorizationDue: false });
    const authorizedAt = Date.parse(connection['authorizedAt'] as string);
    expect(Date.parse(connection['reauthorizationDueAt'] as string) - authorizedAt).toBe(365 * 86_400_000);
    expect(JSON.stringify(connection)).not.toMatch(/Atzr|refresh/i);

    const [credential] = await query<{ refresh_token_ciphertext: string }>(
      h.database.url,
      'SELECT refresh_token_ciphertext FROM auth_connections.credentials WHERE selling_partner_id = $1',
      [DEMO],
    );
    expect(credential.refresh_token_ciphertext).toMatch(/^v1\.k1\./);
    expect(credential.refresh_token_ciphertext).not.toContain('Atzr');

    const events = await eventually(async () => {
      const rows = await outbox('connections.connection-authorized', connectionId);
      expect(rows).toHaveLength(1);
      expect(rows[0].published_at).not.toBeNull();
      return rows;
    });
    expect(events[0].payload.data).toMatchObject({ connectionId, sellingPartnerId: DEMO, marketplaceId: US, region: 'NA' });
    expect(JSON.stringify(events[0].payload)).not.toContain('Atz');
  });

  it('tests the connection against getMarketplaceParticipations and records the outcome', async () => {
    const res = await call('POST', `${h.url}/connections/${connectionId}/test`, a);
    expect(res.body).toMatchObject({ outcome: 'PASSED' });
    expect(res.body['participatingMarketplaceIds']).toEqual(expect.arrayContaining([US, CA]));
    expect((await call('GET', `${h.url}/connections/${connectionId}`, a)).body['lastTest']).toMatchObject({ outcome: 'PASSED', at: res.body['testedAt'] });
  });

  it('adds a marketplace on the same authorization without a second consent, and refuses wrong ones', async () => {
    const offered = await call('GET', `${h.url}/connections/${connectionId}/marketplaces`, a);
    expect(offered.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ marketplaceId: US, connectionId }),
        expect.objectContaining({ marketplaceId: CA, participating: true, connectionId: null }),
      ]),
    );
    const added = await call('POST', `${h.url}/connections/${connectionId}/marketplaces`, a, { marketplaceId: CA });
    expect(added.status).toBe(201);
    const source = (await call('GET', `${h.url}/connections/${connectionId}`, a)).body;
    expect(added.body).toMatchObject({ status: 'ACTIVE', marketplaceId: CA, sellingPartnerId: DEMO, authorizationId: source['authorizationId'] });
    const token = await call('GET', `${h.url}/internal/connections/${added.body['id'] as string}/access-token`, { 'x-internal-token': INTERNAL_TOKEN });
    expect(token.body).toMatchObject({ marketplaceId: CA, sellingPartnerId: DEMO, region: 'NA', endpoint: h.sandbox.baseUrl });

    expect((await call('POST', `${h.url}/connections/${connectionId}/marketplaces`, a, { marketplaceId: CA })).body.code).toBe('CONNECTION_EXISTS');
    const germany = await call('POST', `${h.url}/connections/${connectionId}/marketplaces`, a, { marketplaceId: DE });
    expect([germany.status, germany.body.code]).toEqual([422, 'MARKETPLACE_REGION_MISMATCH']);
    const mexico = await call('POST', `${h.url}/connections/${connectionId}/marketplaces`, a, { marketplaceId: MX });
    expect([mexico.status, mexico.body.code]).toEqual([422, 'MARKETPLACE_NOT_PARTICIPATING']);
  });

  it('refuses to move an authorized connection to a marketplace of another region', async () => {
    const res = await call('PATCH', `${h.url}/connections/${connectionId}`, a, { marketplaceId: DE });
    expect([res.status, res.body.code]).toEqual([422, 'MARKETPLACE_REGION_MISMATCH']);
    const renamed = await call('PATCH', `${h.url}/connections/${connectionId}`, a, { name: 'Renamed' });
    expect(renamed.body).toMatchObject({ name: 'Renamed', marketplaceId: US });
  });

  describe('token service', () => {
    it('answers gRPC GetAccessToken with token, expiry, endpoint, region, marketplace and seller, and the HTTP twin agrees', async () => {
      const res = await grpc.getAccessToken(connectionId);
      expect(res.ok).toBe(true);
      const value = (res as { value: Record<string, unknown> }).value;
      expect(value).toMatchObject({ endpoint: h.sandbox.baseUrl, region: 'NA', marketplaceId: US, sellingPartnerId: DEMO, tenantId: 'tenant-a' });
      expect(value['accessToken']).toMatch(/^Atza\|/);
      expect(Number(value['expiresAt'])).toBeGreaterThan(Date.now() / 1000);
      const http = await call('GET', `${h.url}/internal/connections/${connectionId}/access-token`, { 'x-internal-token': INTERNAL_TOKEN });
      expect(http.body).toMatchObject({
        accessToken: value['accessToken'],
        expiresAtEpochSeconds: value['expiresAt'],
        sellingPartnerId: DEMO,
        tenantId: 'tenant-a',
      });
    });

    it('merges 100 concurrent GetAccessToken calls for an expired token into one LWA request', async () => {
      await grpc.getAccessToken(connectionId);
      // The sandbox issues 63-second tokens and the cache renews 60 s early: after 3 s the cached token is due.
      await new Promise((r) => setTimeout(r, 3300));
      const before = await counter(h.url, 'auth_connections_lwa_requests_total', { grant: 'refresh_token' });
      const answers = await Promise.all(Array.from({ length: 100 }, () => grpc.getAccessToken(connectionId)));
      const after = await counter(h.url, 'auth_connections_lwa_requests_total', { grant: 'refresh_token' });
      expect(after - before).toBe(1);
      expect(answers.every((x) => x.ok)).toBe(true);
      expect(new Set(answers.map((x) => (x as { value: Record<string, unknown> }).value['accessToken'])).size).toBe(1);
    });

    it('refuses callers without the internal token, and tenants on internal routes', async () => {
      expect(await grpc.getAccessToken(connectionId, 'wrong-token')).toMatchObject({ ok: false, code: 16, errorCode: 'INTERNAL_TOKEN_INVALID' });
      const http = await call('GET', `${h.url}/internal/connections/${connectionId}/access-token`, a);
      expect([http.status, http.body.code]).toEqual([401, 'INTERNAL_TOKEN_INVALID']);
      expect(await grpc.getAccessToken('00000000-0000-4000-8000-000000000000')).toMatchObject({ ok: false, code: 5, errorCode: 'CONNECTION_NOT_FOUND' });
    });

    it('reports the LWA client secret age against the 180-day rotation', async () => {
      expect(await counter(h.url, 'auth_connections_lwa_client_secret_age_days', { region: 'NA' })).toBe(200);
      const apps = await call('GET', `${h.url}/internal/lwa-apps`, { 'x-internal-token': INTERNAL_TOKEN });
      expect(apps.body).toEqual(expect.arrayContaining([expect.objectContaining({ region: 'NA', secretAgeDays: 200, rotationDueInDays: -20 })]));
      expect(JSON.stringify(apps.body)).not.toContain(h.app.clientSecret);
      const health = await call('GET', `${h.url}/health/lwa`);
      expect(health.body).toMatchObject({
        status: 'rotation-due',
        apps: expect.arrayContaining([{ region: 'EU', secretAgeDays: 200, rotationDueInDays: -20 }]) as unknown,
      });
    });
  });

  it('flags re-authorization 30 days ahead and emits ConnectionReauthorizationDue once', async () => {
    await query(h.database.url, "UPDATE auth_connections.connections SET reauthorization_due_at = now() + interval '10 days' WHERE id = $1", [connectionId]);
    expect((await call('GET', `${h.url}/connections/${connectionId}`, a)).body['reauthorizationDue']).toBe(true);
    const lifecycle = h.service.app.get(LifecycleService);
    await lifecycle.scan();
    await lifecycle.scan();
    expect(await outbox('connections.connection-reauthorization-due', connectionId)).toHaveLength(1);
    expect(await counter(h.url, 'auth_connections_connections', { status: 'ACTIVE' })).toBeGreaterThanOrEqual(2);
  });
});

const CHROMIUM = '/usr/bin/chromium';
/**
 * The consent page as a person uses it, in Debian's headless Chromium (installed by .ci/run). Where
 * the browser cannot be installed the test is reported as skipped with this reason in its title.
 */
const withBrowser = fs.existsSync(CHROMIUM) ? it : it.skip;
const BROWSER_SELLER = 'A3BROWSERSELL1';
const BROWSER_TEST_TIMEOUT_MS = 180_000;

describe(`website authorization in a real browser${fs.existsSync(CHROMIUM) ? '' : ' (skipped: /usr/bin/chromium is not installed)'}`, () => {
  withBrowser(
    'a seller picks their account on the consent page, clicks Authorize and lands on the connected page',
    async () => {
      const { chromium } = await import('playwright-core');
      const seller = await h.sandbox.admin.createSeller({
        sellingPartnerId: BROWSER_SELLER,
        region: 'NA',
        marketplaceIds: [US],
        listingCount: 1,
        orderCount: 0,
        clientId: h.app.clientId,
      });
      refreshTokens.push(seller.refreshToken);
      const id = await createConnection(a, { name: 'Browser US', marketplaceId: US, sellingPartnerId: BROWSER_SELLER });
      const start = await call('POST', `${h.url}/connections/${id}/authorize`, a);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        timeout: BROWSER_TEST_TIMEOUT_MS / 4,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await browser.newPage();
        // Within the test's own timeout, so a slow step fails naming itself rather than as a Jest timeout.
        page.setDefaultTimeout(BROWSER_TEST_TIMEOUT_MS / 4);
        await page.goto(start.body['consentUrl'] as string);
        await page.selectOption('#selling_partner_id', BROWSER_SELLER);
        await Promise.all([page.waitForURL(/\/oauth\/callback/), page.click('#authorize')]);
        expect(page.url()).toContain(`${h.url}/oauth/callback`);
        expect((await page.textContent('body'))?.toLowerCase()).toContain('connected');
      } finally {
        await browser.close();
      }
      const connection = await call('GET', `${h.url}/connections/${id}`, a);
      expect(connection.body['status']).toBe('ACTIVE');
      // A browser start and three page loads: seconds on a quiet machine, far more on a loaded 2-core one.
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});

describe('bad OAuth input leaves nothing half-written', () => {
  it('refuses a missing, forged, replayed and expired state with stable codes', async () => {
    expect((await call('GET', `${h.url}/oauth/callback?spapi_oauth_code=x&selling_partner_id=${DEMO}`)).body.code).toBe('OAUTH_STATE_MISSING');
    const forged = await call('GET', `${h.url}/oauth/callback?state=${'A'.repeat(43)}&spapi_oauth_code=x&selling_partner_id=${DEMO}`);
    expect([forged.status, forged.body.code]).toEqual([400, 'OAUTH_STATE_INVALID']);

    const id = await createConnection(a, { name: 'Replay', marketplaceId: US });
    const first = await authorizeInBrowser(id, a);
    expect(first.status).toBe(200);
    const replay = await call('GET', first.callbackUrl);
    expect([replay.status, replay.body.code]).toEqual([409, 'OAUTH_STATE_REPLAYED']);

    const late = await createConnection(a, { name: 'Late', marketplaceId: US });
    const start = await call('POST', `${h.url}/connections/${late}/authorize`, a);
    const callbackUrl = await consent(start.body['consentUrl'] as string);
    await query(h.database.url, "UPDATE auth_connections.oauth_states SET expires_at = now() - interval '1 second' WHERE connection_id = $1", [late]);
    const expired = await call('GET', callbackUrl);
    expect([expired.status, expired.body.code]).toEqual([400, 'OAUTH_STATE_EXPIRED']);
    expect((await call('GET', `${h.url}/connections/${late}`, a)).body['status']).toBe('PENDING_AUTHORIZATION');
  });

  it('refuses a foreign state: issued for a connection that was deleted meanwhile', async () => {
    const id = await createConnection(a, { name: 'Gone', marketplaceId: US });
    const start = await call('POST', `${h.url}/connections/${id}/authorize`, a);
    const callbackUrl = await consent(start.body['consentUrl'] as string);
    expect((await call('DELETE', `${h.url}/connections/${id}`, a)).status).toBe(204);
    const res = await call('GET', callbackUrl);
    expect([res.status, res.body.code]).toEqual([403, 'OAUTH_STATE_FOREIGN']);
    expect(await outbox('connections.connection-authorized', id)).toHaveLength(0);
  });

  it('refuses a failed code exchange and a seller other than the expected one, storing no token', async () => {
    const credentialsBefore = await query(h.database.url, 'SELECT id FROM auth_connections.credentials');
    const id = await createConnection(a, { name: 'Bad code', marketplaceId: US });
    const start = await call('POST', `${h.url}/connections/${id}/authorize`, a);
    const callbackUrl = new URL(await consent(start.body['consentUrl'] as string, { sellingPartnerId: LONE_SELLER }));
    callbackUrl.searchParams.set('spapi_oauth_code', 'not-a-code-amazon-issued');
    const bad = await call('GET', callbackUrl.toString());
    expect([bad.status, bad.body.code]).toEqual([400, 'CODE_EXCHANGE_FAILED']);

    const expecting = await createConnection(a, { name: 'Expects demo', marketplaceId: US, sellingPartnerId: DEMO });
    const mismatch = await authorizeInBrowser(expecting, a, OTHER_SELLER);
    expect([mismatch.status, mismatch.body.code]).toEqual([409, 'SELLER_MISMATCH']);

    const denied = await call('POST', `${h.url}/connections/${expecting}/authorize`, a);
    const cancelled = await call('GET', await consent(denied.body['consentUrl'] as string, { decision: 'cancel' }));
    expect([cancelled.status, cancelled.body.code]).toEqual([400, 'OAUTH_DENIED']);

    for (const connection of [id, expecting]) {
      expect((await call('GET', `${h.url}/connections/${connection}`, a)).body).toMatchObject({ status: 'PENDING_AUTHORIZATION', authorizationId: null });
      expect(await outbox('connections.connection-authorized', connection)).toHaveLength(0);
    }
    expect(await query(h.database.url, 'SELECT id FROM auth_connections.credentials')).toHaveLength(credentialsBefore.length);
  });
});

describe('connections API', () => {
  it('keeps tenants apart', async () => {
    const id = await createConnection(a, { name: 'Private', marketplaceId: US });
    for (const [method, path, body] of [
      ['GET', `/connections/${id}`],
      ['PATCH', `/connections/${id}`, { name: 'Hijacked' }],
      ['POST', `/connections/${id}/authorize`],
      ['POST', `/connections/${id}/setup-link`],
      ['POST', `/connections/${id}/disable`],
      ['DELETE', `/connections/${id}`],
    ] as const) {
      const res = await call(method, `${h.url}${path}`, b, body);
      expect([method, path, res.status, res.body.code]).toEqual([method, path, 404, 'CONNECTION_NOT_FOUND']);
    }
    const listed = (await call('GET', `${h.url}/connections`, b)).body as unknown as unknown[];
    expect(listed).toEqual([]);
    expect((await call('GET', `${h.url}/connections/${id}`, a)).body['name']).toBe('Private');
  });

  it('refuses missing and bad JWTs and bad input with stable codes', async () => {
    expect((await call('GET', `${h.url}/connections`)).body.code).toBe('AUTH_TOKEN_MISSING');
    const bad = await call('GET', `${h.url}/connections`, { authorization: 'Bearer not.a.jwt' });
    expect([bad.status, bad.body.code]).toEqual([401, 'AUTH_TOKEN_INVALID']);
    expect((await call('GET', `${h.url}/marketplaces`)).status).toBe(401);
    const unknown = await call('POST', `${h.url}/connections`, a, { name: 'X', marketplaceId: 'NOPE' });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'UNKNOWN_MARKETPLACE']);
    const wrongRegion = await call('POST', `${h.url}/connections`, a, { name: 'X', marketplaceId: DE, region: 'NA' });
    expect([wrongRegion.status, wrongRegion.body.code]).toEqual([422, 'MARKETPLACE_REGION_MISMATCH']);
    const noName = await call('POST', `${h.url}/connections`, a, { marketplaceId: US });
    expect([noName.status, noName.body.code, noName.body['details']]).toEqual([400, 'INVALID_REQUEST', [{ field: 'name', reason: expect.any(String) }]]);
    expect((await call('GET', `${h.url}/connections/not-a-uuid`, a)).body).toMatchObject({ code: 'INVALID_ID', details: [{ field: 'params.id' }] });
    expect((await call('GET', `${h.url}/health/live`)).status).toBe(200);
  });

  it('disables, enables, revokes and deletes; a disabled or revoked connection gets no token', async () => {
    const id = await createConnection(a, { name: 'Lifecycle', marketplaceId: US, sellingPartnerId: LONE_SELLER });
    expect((await authorizeInBrowser(id, a, LONE_SELLER)).body['outcome']).toBe('CONNECTED');
    expect((await call('POST', `${h.url}/connections/${id}/disable`, a)).body['status']).toBe('DISABLED');
    expect((await call('POST', `${h.url}/connections/${id}/authorize`, a)).body.code).toBe('INVALID_STATUS_TRANSITION');
    expect(await grpc.getAccessToken(id)).toMatchObject({ ok: false, code: 9, errorCode: 'CONNECTION_NOT_ACTIVE' });
    expect((await call('POST', `${h.url}/connections/${id}/enable`, a)).body['status']).toBe('ACTIVE');
    expect((await grpc.getAccessToken(id)).ok).toBe(true);
    const revoked = await call('POST', `${h.url}/connections/${id}/revoke`, a);
    expect(revoked.body).toMatchObject({ status: 'REVOKED', authorizationId: null });
    expect(await query(h.database.url, 'SELECT id FROM auth_connections.credentials WHERE selling_partner_id = $1', [LONE_SELLER])).toHaveLength(0);
    expect(await grpc.getAccessToken(id)).toMatchObject({ ok: false, code: 9, errorCode: 'CONNECTION_NOT_ACTIVE' });
    expect((await call('DELETE', `${h.url}/connections/${id}`, a)).status).toBe(204);
    expect((await call('GET', `${h.url}/connections/${id}`, a)).status).toBe(404);
    expect(await outbox('connections.connection-revoked', id)).toHaveLength(2);
  });
});

describe('revocation', () => {
  it('turns invalid_grant into AUTH_FAILED, ConnectionAuthFailed and a typed error; re-authorizing recovers', async () => {
    const id = await createConnection(a, { name: 'Revoked', marketplaceId: US, sellingPartnerId: REVOKED_SELLER });
    expect((await authorizeInBrowser(id, a, REVOKED_SELLER)).body['outcome']).toBe('CONNECTED');
    await h.sandbox.admin.injectFault({ revokeSellers: [REVOKED_SELLER] });

    const answers = await Promise.all(Array.from({ length: 5 }, () => grpc.getAccessToken(id)));
    for (const answer of answers) expect(answer).toMatchObject({ ok: false, code: 9, errorCode: 'CONNECTION_AUTH_FAILED' });
    expect((await call('GET', `${h.url}/connections/${id}`, a)).body).toMatchObject({ status: 'AUTH_FAILED' });
    const http = await call('GET', `${h.url}/internal/connections/${id}/access-token`, { 'x-internal-token': INTERNAL_TOKEN });
    expect([http.status, http.body.code]).toEqual([409, 'CONNECTION_AUTH_FAILED']);
    expect(await outbox('connections.connection-auth-failed', id)).toHaveLength(1);
    const tested = await call('POST', `${h.url}/connections/${id}/test`, a);
    expect(tested.body).toMatchObject({ outcome: 'FAILED' });

    expect((await authorizeInBrowser(id, a, REVOKED_SELLER)).body['outcome']).toBe('CONNECTED');
    expect((await grpc.getAccessToken(id)).ok).toBe(true);
  });
});

describe('Appstore-initiated authorization and setup links', () => {
  async function fromAppstore(sellingPartnerId: string) {
    const start = await redirectOf(
      `${h.sandbox.baseUrl}/apps/authorize/start?application_id=${encodeURIComponent(h.app.applicationId)}&selling_partner_id=${sellingPartnerId}&version=beta`,
    );
    expect(start.location).toContain(`${h.url}/oauth/login?`);
    const login = await redirectOf(start.location as string);
    expect(login.status).toBe(302);
    const back = new URL(login.location as string);
    expect(back.searchParams.get('redirect_uri')).toBe(`${h.url}/oauth/callback`);
    expect(back.searchParams.get('version')).toBe('beta');
    const confirm = await redirectOf(back.toString());
    return call('GET', confirm.location as string);
  }

  it('never attaches an Appstore authorization to a pending connection by its public seller id: the seller gets a claim code', async () => {
    // Tenant B names the (public) seller id of someone else's account on a pending connection.
    const squatter = await createConnection(b, { name: 'Squatter', marketplaceId: US, sellingPartnerId: APPSTORE_SELLER });
    const res = await fromAppstore(APPSTORE_SELLER);
    expect(res.body).toMatchObject({ outcome: 'PENDING_CLAIM', sellingPartnerId: APPSTORE_SELLER });
    expect((await call('GET', `${h.url}/connections/${squatter}`, b)).body['status']).toBe('PENDING_AUTHORIZATION');
    const claimed = await call('POST', `${h.url}/connections/claim`, a, { claimCode: res.body['claimCode'], name: 'Mine', marketplaceId: US });
    expect(claimed.body).toMatchObject({ status: 'ACTIVE', sellingPartnerId: APPSTORE_SELLER });
  });

  it('records the seller that authorized a connection created without a seller id and refuses a second seller', async () => {
    const id = await createConnection(a, { name: 'No seller named', marketplaceId: US });
    const first = await authorizeInBrowser(id, a, LONE_SELLER);
    expect(first.body).toMatchObject({ outcome: 'CONNECTED', sellingPartnerId: LONE_SELLER });
    const second = await authorizeInBrowser(id, a, OTHER_SELLER);
    expect([second.status, second.body.code]).toEqual([409, 'SELLER_MISMATCH']);
    expect((await call('GET', `${h.url}/connections/${id}`, a)).body['sellingPartnerId']).toBe(LONE_SELLER);
  });

  it('keeps an unexpected authorization for the platform to claim once with its code', async () => {
    const res = await fromAppstore(OTHER_SELLER);
    expect(res.body).toMatchObject({ outcome: 'PENDING_CLAIM', sellingPartnerId: OTHER_SELLER, region: 'NA' });
    const claimCode = res.body['claimCode'] as string;
    const wrongRegion = await call('POST', `${h.url}/connections/claim`, b, { claimCode, name: 'Claimed', marketplaceId: DE });
    expect(wrongRegion.body.code).toBe('MARKETPLACE_REGION_MISMATCH');
    const claimed = await call('POST', `${h.url}/connections/claim`, b, { claimCode, name: 'Claimed', marketplaceId: US });
    expect(claimed.body).toMatchObject({ status: 'ACTIVE', sellingPartnerId: OTHER_SELLER, marketplaceId: US });
    expect((await grpc.getAccessToken(claimed.body['id'] as string)).ok).toBe(true);
    expect((await call('POST', `${h.url}/connections/claim`, a, { claimCode, name: 'Again', marketplaceId: US })).body.code).toBe('CLAIM_CODE_INVALID');
  });

  it('refuses an Appstore login that would redirect anywhere but Seller Central', async () => {
    const res = await call(
      'GET',
      `${h.url}/oauth/login?amazon_callback_uri=${encodeURIComponent('https://evil.example/cb')}&amazon_state=x&selling_partner_id=${DEMO}`,
    );
    expect([res.status, res.body.code]).toEqual([400, 'INVALID_REQUEST']);
  });

  it('lets the account owner authorize through a signed, expiring setup link without a platform login', async () => {
    const id = await createConnection(a, { name: 'Shared link', marketplaceId: US });
    const link = await call('POST', `${h.url}/connections/${id}/setup-link`, a);
    expect(Date.parse(link.body['expiresAt'] as string)).toBeGreaterThan(Date.now() + 71 * 3_600_000);
    const opened = await redirectOf(link.body['url'] as string);
    expect(opened.status).toBe(302);
    const result = await call('GET', await consent(opened.location as string, { sellingPartnerId: LONE_SELLER }));
    expect(result.body).toMatchObject({ outcome: 'CONNECTED', connectionId: id });
    const forged = await call('GET', `${(link.body['url'] as string).slice(0, -3)}abc`);
    expect([forged.status, forged.body.code]).toEqual([400, 'SETUP_LINK_INVALID']);
  });
});

describe('connection life announced to the other services', () => {
  it('announces every change as a ConnectionChanged snapshot with a growing revision, in the same transaction', async () => {
    const id = await createConnection(a, { name: 'Announced', marketplaceId: US });
    expect((await call('PATCH', `${h.url}/connections/${id}`, a, { marketplaceId: CA })).status).toBe(200);
    expect((await call('POST', `${h.url}/connections/${id}/disable`, a)).status).toBe(200);
    expect((await call('POST', `${h.url}/connections/${id}/enable`, a)).status).toBe(200);
    expect((await call('DELETE', `${h.url}/connections/${id}`, a)).status).toBe(204);
    const events = (await outbox('connections.connection-changed', id)).map((row) => row.payload.data);
    expect(events.map((e) => [e['change'], e['status'], e['revision']])).toEqual([
      ['CREATED', 'PENDING_AUTHORIZATION', 2],
      ['MARKETPLACE_CHANGED', 'PENDING_AUTHORIZATION', 3],
      ['DISABLED', 'DISABLED', 4],
      ['ENABLED', 'PENDING_AUTHORIZATION', 5],
      ['DELETED', 'DELETED', 6],
    ]);
    expect(events[1]).toMatchObject({ tenantId: 'tenant-a', marketplaceId: CA, region: 'NA', sellingPartnerId: null });
    expect(JSON.stringify(events)).not.toMatch(/Atzr|refresh|secret/i);
  });

  it("pages every tenant's connections on the internal route, for a projection rebuild", async () => {
    const internal = { 'x-internal-token': INTERNAL_TOKEN };
    const [{ count }] = await query<{ count: number }>(h.database.url, 'SELECT COUNT(*)::int AS count FROM auth_connections.connections');
    const seen: Array<Record<string, unknown>> = [];
    let after: string | null = null;
    do {
      const page: { status: number; body: any } = await call('GET', `${h.url}/internal/connections?limit=2${after ? `&after=${after}` : ''}`, internal);
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as Array<Record<string, unknown>>));
      after = page.body.nextAfter as string | null;
    } while (after);
    expect(seen).toHaveLength(count);
    expect(new Set(seen.map((c) => c['tenantId']))).toEqual(new Set(['tenant-a', 'tenant-b']));
    expect(Object.keys(seen[0] ?? {}).sort()).toEqual(['connectionId', 'marketplaceId', 'region', 'revision', 'sellingPartnerId', 'status', 'tenantId']);
    expect((await call('GET', `${h.url}/internal/connections`, a)).status).toBe(401);
    expect((await call('GET', `${h.url}/internal/connections?limit=0`, internal)).status).toBe(400);
  });
});

describe('credential vault', () => {
  it('re-encrypts every stored refresh token under a new key with `cli.ts rotate-keys`, and tokens keep flowing', async () => {
    const before = await query<{ refresh_token_ciphertext: string }>(h.database.url, 'SELECT refresh_token_ciphertext FROM auth_connections.credentials');
    expect(before.length).toBeGreaterThan(0);
    const repoRoot = path.resolve(__dirname, '../../../..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(repoRoot, 'tools/run-ts.js'), path.join(repoRoot, 'apps/auth-connections/src/cli.ts'), 'rotate-keys'],
      {
        env: { ...process.env, DATABASE_URL: h.database.url, FIELD_ENCRYPTION_KEYS: `${KEY_2},${KEY_1}`, FIELD_ENCRYPTION_ACTIVE_KEY_ID: 'k2' },
      },
    );
    expect(stdout).toContain(`under key k2: ${before.length} credential(s)`);
    const after = await query<{ refresh_token_ciphertext: string }>(h.database.url, 'SELECT refresh_token_ciphertext FROM auth_connections.credentials');
    expect(after.every((row) => row.refresh_token_ciphertext.startsWith('v1.k2.'))).toBe(true);
    const [connection] = await query<{ id: string }>(h.database.url, "SELECT id FROM auth_connections.connections WHERE status = 'ACTIVE' LIMIT 1");
    expect((await grpc.getAccessToken(connection.id)).ok).toBe(true);
  }, 60_000);

  it('announces due re-authorizations from `cli.ts reauthorization-scan` (a CronJob), once', async () => {
    const [connection] = await query<{ id: string }>(
      h.database.url,
      "SELECT id FROM auth_connections.connections WHERE status = 'ACTIVE' AND reauthorization_notified_at IS NULL LIMIT 1",
    );
    await query(h.database.url, "UPDATE auth_connections.connections SET reauthorization_due_at = now() + interval '5 days' WHERE id = $1", [connection.id]);
    const repoRoot = path.resolve(__dirname, '../../../..');
    const run = () =>
      promisify(execFile)(
        process.execPath,
        [path.join(repoRoot, 'tools/run-ts.js'), path.join(repoRoot, 'apps/auth-connections/src/cli.ts'), 'reauthorization-scan'],
        {
          env: { ...process.env, DATABASE_URL: h.database.url, FIELD_ENCRYPTION_KEYS: `${KEY_2},${KEY_1}` },
        },
      );
    expect((await run()).stdout).toContain('re-authorization notices: 1');
    expect((await run()).stdout).toContain('re-authorization notices: 0');
    expect(await outbox('connections.connection-reauthorization-due', connection.id)).toHaveLength(1);
  }, 60_000);

  it('never logs a refresh token, an access token or the client secret during all of the above', () => {
    const logs = h.log.lines.join('\n');
    expect(h.log.lines.length).toBeGreaterThan(20);
    expect(logs).not.toContain('Atzr|');
    expect(logs).not.toContain('Atza|');
    expect(logs).not.toContain(h.app.clientSecret);
    for (const token of refreshTokens) expect(logs).not.toContain(token);
  });
});
