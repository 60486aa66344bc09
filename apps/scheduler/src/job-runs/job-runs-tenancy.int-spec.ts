import { ConnectionChangedV1, createEnvelope, type ConnectionSnapshot } from '@amazon-channel/contracts';
import { ConnectionsProjectionRebuild } from '@amazon-channel/platform-auth';
import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import type { RunningService } from '@amazon-channel/platform-service';
import { createTestDatabase, freePort, kafkaBrokers, type TestDatabase } from '@amazon-channel/testing';
import { SignJWT } from 'jose';
import { Kafka, logLevel } from 'kafkajs';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { PassThrough } from 'node:stream';
import { Client } from 'pg';
import { startScheduler } from '../bootstrap';
import { SCHEDULER_SERVICE } from '../service';

const JWT_SECRET = 'scheduler-test-jwt-secret-scheduler-test-jwt-secret';
const INTERNAL_TOKEN = 'scheduler-test-internal-token-00000000000001';
const REBUILT = randomUUID();
const EVENTED = randomUUID();

function snapshot(connectionId: string, tenantId: string, revision: number, status: ConnectionSnapshot['status'] = 'ACTIVE'): ConnectionSnapshot {
  return { connectionId, tenantId, sellingPartnerId: 'A1SELLER0001', region: 'NA', marketplaceId: 'ATVPDKIKX0DER', status, revision };
}

/** Polls `probe` until it returns a value, with a deadline (never a fixed sleep). */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The scheduler's connections projection and the tenant check on `/job-runs`: rebuilt from
 * auth-connections' internal listing (served here by a plain HTTP server speaking that route, started
 * late on purpose), fed by ConnectionChanged on the real Kafka broker, checked before any write.
 */
describe('scheduler: connections projection and tenant check', () => {
  let database: TestDatabase;
  let service: RunningService;
  let sql: Client;
  let kafka: Kafka;
  let authPort: number;
  let authServer: Server | undefined;
  const listingCalls: string[] = [];

  const token = (tenantId: string) =>
    new SignJWT({ tenant_id: tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(createSecretKey(Buffer.from(JWT_SECRET)));
  async function http(tenantId: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await token(tenantId)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  const runsOf = async (connectionId: string) =>
    Number((await sql.query('SELECT COUNT(*)::int AS n FROM scheduler.job_runs WHERE connection_id = $1', [connectionId])).rows[0].n);

  async function publish(data: ConnectionChangedV1, id: string = randomUUID()): Promise<string> {
    const envelope = createEnvelope(ConnectionChangedV1, data, {
      id,
      producer: 'auth-connections',
      tenantId: data.tenantId,
      correlationId: 'test',
      connectionId: data.connectionId,
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: ConnectionChangedV1.topic, acks: -1, messages: [{ key: data.connectionId, value: JSON.stringify(envelope) }] });
    await producer.disconnect();
    return id;
  }

  beforeAll(async () => {
    let brokers: string;
    [database, brokers, authPort] = await Promise.all([createTestDatabase('scheduler_tenancy'), kafkaBrokers(), freePort()]);
    kafka = new Kafka({ clientId: 'scheduler-tenancy-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    const migrator = createServiceDataSource({ url: database.url, ...SCHEDULER_SERVICE });
    await runServiceMigrations(migrator);
    await migrator.destroy();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    service = await startScheduler(
      {
        PORT: '0',
        DATABASE_URL: database.url,
        BUS_DRIVER: 'kafka',
        KAFKA_BROKERS: brokers,
        CONSUMER_GROUP_PREFIX: `scheduler-test-${randomBytes(4).toString('hex')}-`,
        AUTH_JWT_SECRET: JWT_SECRET,
        INTERNAL_API_TOKEN: INTERNAL_TOKEN,
        // Nothing listens there yet: the rebuild must retry while the service starts and serves.
        AUTH_CONNECTIONS_URL: `http://127.0.0.1:${authPort}`,
        LOG_LEVEL: 'warn',
        OUTBOX_POLL_MS: '50',
        // No ticker: it would publish the PII system run on the broker every test file shares.
        SCHEDULER_TICK_EVERY_MS: '0',
      },
      new PassThrough().resume(),
    );
    await service.connected;
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    authServer?.closeAllConnections();
    await new Promise((resolve) => (authServer ? authServer.close(resolve) : resolve(undefined)));
    await sql?.end();
    await database?.drop();
  }, 60_000);

  it('starts while auth-connections is down, then rebuilds the projection from its paged internal route', async () => {
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
    expect((await http('tenant-a', 'POST', '/job-runs', { operation: 'get-orders', connectionId: REBUILT })).status).toBe(404);
    // Two pages: the second is asked for with the first page's last id.
    authServer = createServer((req, res) => {
      listingCalls.push(req.url ?? '');
      if (req.headers['x-internal-token'] !== INTERNAL_TOKEN) return void res.writeHead(401).end('{}');
      const after = new URL(req.url ?? '/', 'http://x').searchParams.get('after');
      const body = after
        ? { items: [snapshot(REBUILT, 'tenant-a', 2)], nextAfter: null }
        : { items: [snapshot(randomUUID(), 'tenant-b', 1)], nextAfter: 'page-1-last' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => authServer?.listen(authPort, '127.0.0.1', resolve));
    await service.app.get(ConnectionsProjectionRebuild).done;
    expect(listingCalls.some((url) => url.includes('after=page-1-last'))).toBe(true);
    const rows = await sql.query('SELECT tenant_id, revision FROM scheduler.connections WHERE id = $1', [REBUILT]);
    expect(rows.rows).toEqual([{ tenant_id: 'tenant-a', revision: 2 }]);
  }, 120_000);

  it("refuses another tenant's connection with 404 on POST and GET /job-runs before writing, and never shows the owner's run", async () => {
    const own = await http('tenant-a', 'POST', '/job-runs', { operation: 'get-orders', connectionId: REBUILT });
    expect(own.status).toBe(201);
    const before = await runsOf(REBUILT);
    const foreign = await http('tenant-b', 'POST', '/job-runs', { operation: 'get-orders', connectionId: REBUILT });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'CONNECTION_NOT_FOUND']);
    expect(JSON.stringify(foreign.body)).not.toContain(own.body.id);
    expect(await runsOf(REBUILT)).toBe(before);
    expect((await http('tenant-b', 'GET', `/job-runs?connectionId=${REBUILT}`)).status).toBe(404);
    expect((await http('tenant-b', 'GET', `/job-runs/${own.body.id}`)).status).toBe(404);
    expect((await http('tenant-a', 'GET', `/job-runs?connectionId=${REBUILT}`)).body).toHaveLength(before);
  });

  it('accepts only operations some service runs, with a coded 400 naming operation', async () => {
    const res = await http('tenant-a', 'POST', '/job-runs', { operation: 'reindex-everything', connectionId: REBUILT });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_REQUEST', details: [expect.objectContaining({ field: 'operation' })] });
  });

  it('applies ConnectionChanged once and in any order: an older revision or a redelivery changes nothing, a deletion locks the owner out', async () => {
    const at = new Date().toISOString();
    const newest = await publish({ ...snapshot(EVENTED, 'tenant-a', 3), change: 'AUTHORIZED', at });
    // Older than what was applied (a reordering): it must not hand the connection to tenant-b.
    const older = await publish({ ...snapshot(EVENTED, 'tenant-b', 2), change: 'CREATED', at });
    await publish({ ...snapshot(EVENTED, 'tenant-a', 3), change: 'AUTHORIZED', at }, newest);
    await eventually(async () => {
      const { rows } = await sql.query('SELECT event_id FROM scheduler.inbox_messages WHERE event_id = ANY($1)', [[newest, older]]);
      return rows.length === 2 ? true : undefined;
    }, 'both events in the inbox');
    expect((await sql.query('SELECT tenant_id, revision FROM scheduler.connections WHERE id = $1', [EVENTED])).rows).toEqual([
      { tenant_id: 'tenant-a', revision: 3 },
    ]);
    expect((await sql.query('SELECT COUNT(*)::int AS n FROM scheduler.inbox_messages WHERE event_id = $1', [newest])).rows[0].n).toBe(1);
    expect((await http('tenant-b', 'POST', '/job-runs', { operation: 'get-orders', connectionId: EVENTED })).status).toBe(404);
    expect((await http('tenant-a', 'POST', '/job-runs', { operation: 'link-listings', connectionId: EVENTED })).status).toBe(201);

    await publish({ ...snapshot(EVENTED, 'tenant-a', 4, 'DELETED'), change: 'DELETED', at });
    await eventually(
      async () => ((await sql.query("SELECT 1 FROM scheduler.connections WHERE id = $1 AND status = 'DELETED'", [EVENTED])).rows.length ? true : undefined),
      'the tombstone',
    );
    expect((await http('tenant-a', 'POST', '/job-runs', { operation: 'get-orders', connectionId: EVENTED })).status).toBe(404);
  }, 120_000);
});
