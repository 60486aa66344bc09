import {
  ConnectionChangedV1,
  createEnvelope,
  JobCompletedV1,
  JobProgressedV1,
  JobRequestedV1,
  JobStartedV1,
  type ConnectionSnapshot,
} from '@amazon-channel/contracts';
import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import type { RunningService } from '@amazon-channel/platform-service';
import { createTestDatabase, freePort, kafkaBrokers, type TestDatabase } from '@amazon-channel/testing';
import { SignJWT } from 'jose';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startScheduler } from '../bootstrap';
import { SYSTEM_SCHEDULES } from './domain/default-schedules';
import { SCHEDULER_SERVICE } from '../service';
import { runTick } from '../tick/tick';
import { TickRepository } from '../tick/tick.repository';

const JWT_SECRET = 'scheduler-schedules-jwt-secret-scheduler-schedules-jwt';
const INTERNAL_TOKEN = 'scheduler-schedules-internal-token-000000000001';
const MINUTE = 60_000;
const TICK = { SCHEDULER_TICK_BATCH: 500, SCHEDULER_NOT_STARTED_AFTER_MINUTES: 60, JOB_RUNS_RETENTION_DAYS: 90 };

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
 * Issue 17: schedules over HTTP (tenant-checked, coded 400s), defaults when a connection is
 * authorized, pause and resume with the connection, and the tick against the real database —
 * ten at once, overlap, catch-up, NOT_STARTED, retention — with the connections projection fed by
 * ConnectionChanged and the job history by the owning services' events on the real Kafka broker.
 */
describe('scheduler: schedules and the tick', () => {
  let database: TestDatabase;
  let service: RunningService;
  let sql: Client;
  let producer: Producer;
  let tick: TickRepository;
  const revisions = new Map<string, number>();

  const token = (tenantId: string) =>
    new SignJWT({ tenant_id: tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(createSecretKey(Buffer.from(JWT_SECRET)));
  async function http(tenantId: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await token(tenantId)}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  const rows = async <T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> => (await sql.query(text, values)).rows as T[];

  async function send(topic: string, key: string, envelope: unknown): Promise<void> {
    await producer.send({ topic, acks: -1, messages: [{ key, value: JSON.stringify(envelope) }] });
  }

  /** Announces the connection's new status as auth-connections does, and waits until the projection has it. */
  async function connection(connectionId: string, tenantId: string, status: ConnectionSnapshot['status']): Promise<void> {
    const revision = (revisions.get(connectionId) ?? 0) + 1;
    revisions.set(connectionId, revision);
    const data: ConnectionChangedV1 = {
      connectionId,
      tenantId,
      sellingPartnerId: 'A1SELLER0001',
      region: 'NA',
      marketplaceId: 'ATVPDKIKX0DER',
      status,
      revision,
      change: status === 'ACTIVE' ? 'AUTHORIZED' : status === 'AUTH_FAILED' ? 'AUTH_FAILED' : 'UPDATED',
      at: new Date().toISOString(),
    };
    const envelope = createEnvelope(ConnectionChangedV1, data, { producer: 'auth-connections', tenantId, correlationId: 'test', connectionId });
    await send(ConnectionChangedV1.topic, connectionId, envelope);
    await eventually(
      async () => ((await rows('SELECT 1 FROM scheduler.connections WHERE id = $1 AND revision = $2', [connectionId, revision])).length ? true : undefined),
      `connection ${connectionId} at revision ${revision}`,
    );
  }

  const runsOf = (connectionId: string) =>
    rows<{ id: string; operation: string; status: string; summary: string | null; slot_at: Date; trigger: string }>(
      'SELECT id, operation, status, summary, slot_at, trigger FROM scheduler.job_runs WHERE connection_id = $1 ORDER BY requested_at, operation',
      [connectionId],
    );
  const requestedEvents = async (connectionId: string) =>
    Number(
      (
        await rows<{ n: number }>("SELECT COUNT(*)::int AS n FROM scheduler.outbox_events WHERE topic = $1 AND payload->'data'->>'connectionId' = $2", [
          JobRequestedV1.topic,
          connectionId,
        ])
      )[0].n,
    );

  beforeAll(async () => {
    let brokers: string;
    let authPort: number;
    [database, brokers, authPort] = await Promise.all([createTestDatabase('scheduler_schedules'), kafkaBrokers(), freePort()]);
    const migrator = createServiceDataSource({ url: database.url, ...SCHEDULER_SERVICE });
    await runServiceMigrations(migrator);
    await migrator.destroy();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    const kafka = new Kafka({ clientId: 'scheduler-schedules-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    await producer.connect();
    service = await startScheduler(
      {
        PORT: '0',
        DATABASE_URL: database.url,
        BUS_DRIVER: 'kafka',
        KAFKA_BROKERS: brokers,
        CONSUMER_GROUP_PREFIX: `scheduler-schedules-${randomBytes(4).toString('hex')}-`,
        AUTH_JWT_SECRET: JWT_SECRET,
        INTERNAL_API_TOKEN: INTERNAL_TOKEN,
        // Nothing listens there: the projection comes from ConnectionChanged alone in this file.
        AUTH_CONNECTIONS_URL: `http://127.0.0.1:${authPort}`,
        LOG_LEVEL: 'warn',
        OUTBOX_POLL_MS: '50',
        // The test drives every tick itself.
        SCHEDULER_TICK_EVERY_MS: '0',
      },
      new PassThrough().resume(),
    );
    await service.connected;
    tick = new TickRepository(service.app.get(DataSource));
    // The PII system schedule, turned off before any tick: its system run would go on the broker
    // every test file shares, where a later test's orders would replay it (system runs pass every
    // stack's ownership check) and erase that test's buyer data early.
    await sql.query(
      "INSERT INTO scheduler.schedules (id, tenant_id, connection_id, operation, interval, time_zone, enabled, system, anchor_at, next_due_at) VALUES ($1, 'system', '*', 'pii-redaction', 'P1D', 'UTC', false, true, now(), now())",
      [SYSTEM_SCHEDULES[0].id],
    );
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    await producer?.disconnect();
    await sql?.end();
    await database?.drop();
  }, 60_000);

  it('gives an authorized connection the default schedules and requests their first runs once', async () => {
    const connectionId = `conn-${randomUUID()}`;
    await connection(connectionId, 'tenant-a', 'ACTIVE');
    const outcome = await runTick(tick, TICK);
    // At least this connection's four: the broker's connection topics are shared by the run's other specs, whose ACTIVE connections this service also projects.
    expect(outcome.seeded).toBeGreaterThanOrEqual(4);

    const list = await http('tenant-a', 'GET', `/schedules?connectionId=${connectionId}`);
    expect(list.status).toBe(200);
    expect(list.body.map((s: any) => [s.operation, s.interval, s.state])).toEqual([
      ['get-orders', 'PT15M', 'ACTIVE'],
      ['link-listings', 'P1D', 'ACTIVE'],
      ['sync-listings', 'PT30M', 'ACTIVE'],
      ['sync-orders', 'PT15M', 'ACTIVE'],
    ]);
    expect((await runsOf(connectionId)).map((r) => [r.operation, r.status, r.trigger])).toEqual([
      ['get-orders', 'REQUESTED', 'SCHEDULE'],
      ['link-listings', 'REQUESTED', 'SCHEDULE'],
      ['sync-listings', 'REQUESTED', 'SCHEDULE'],
      ['sync-orders', 'REQUESTED', 'SCHEDULE'],
    ]);
    expect(await requestedEvents(connectionId)).toBe(4);
    // PII redaction is the system's daily schedule: seeded once (here turned off, so it requests nothing), never listed for a tenant.
    expect(await rows("SELECT tenant_id, connection_id, interval, enabled FROM scheduler.schedules WHERE operation = 'pii-redaction'")).toEqual([
      { tenant_id: 'system', connection_id: '*', interval: 'P1D', enabled: false },
    ]);
    expect(await rows("SELECT 1 FROM scheduler.job_runs WHERE operation = 'pii-redaction'")).toEqual([]);
    expect((await http('system', 'GET', '/schedules')).body).toEqual([]);

    // A deleted default stays deleted: the seed is once per connection.
    const linkId = list.body.find((s: any) => s.operation === 'link-listings').id;
    expect((await http('tenant-a', 'DELETE', `/schedules/${linkId}`)).status).toBe(204);
    await runTick(tick, TICK);
    expect((await http('tenant-a', 'GET', `/schedules?connectionId=${connectionId}`)).body.map((s: any) => s.operation)).not.toContain('link-listings');
  });

  it('refuses bad timings, import-listings and unknown operations with coded 400s naming the field, and a duplicate with 409', async () => {
    const connectionId = `conn-${randomUUID()}`;
    await connection(connectionId, 'tenant-a', 'PENDING_AUTHORIZATION');
    const post = (body: Record<string, unknown>) => http('tenant-a', 'POST', '/schedules', { connectionId, operation: 'get-orders', ...body });
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ cron: '0 0 30 2 *' }, 'CRON_NEVER_FIRES', 'cron'],
      [{ cron: '* * * * * *' }, 'CRON_TOO_FREQUENT', 'cron'],
      [{ interval: 'PT30S' }, 'INTERVAL_TOO_SHORT', 'interval'],
      [{ interval: 'PT15M', timeZone: 'Mars/Olympus_Mons' }, 'UNKNOWN_TIME_ZONE', 'timeZone'],
      [{ interval: 'PT15M', cron: '0 * * * *' }, 'INVALID_TIMING', 'cron'],
      [{ operation: 'import-listings', interval: 'PT1H' }, 'IMPORT_IS_MANUAL', 'operation'],
      [{ operation: 'reindex-everything', interval: 'PT1H' }, 'OPERATION_NOT_RUNNABLE', 'operation'],
      [{ interval: 15 }, 'INVALID_REQUEST', 'interval'],
    ];
    for (const [body, code, field] of cases) {
      const res = await post(body);
      expect({ body, status: res.status, code: res.body.code, fields: res.body.details.map((d: any) => d.field) }).toEqual({
        body,
        status: 400,
        code,
        fields: [field],
      });
    }
    expect(await rows('SELECT 1 FROM scheduler.schedules WHERE connection_id = $1', [connectionId])).toEqual([]);

    const created = await post({ cron: '30 6 * * 1-5', timeZone: 'Asia/Tokyo' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      operation: 'get-orders',
      cron: '30 6 * * 1-5',
      timeZone: 'Asia/Tokyo',
      state: 'PAUSED',
      paused: true,
      pausedReason: 'CONNECTION_PENDING_AUTHORIZATION',
    });
    const duplicate = await post({ interval: 'PT15M' });
    expect([duplicate.status, duplicate.body.code, duplicate.body.context?.scheduleId]).toEqual([409, 'SCHEDULE_EXISTS', created.body.id]);

    const patched = await http('tenant-a', 'PATCH', `/schedules/${created.body.id}`, { interval: 'PT45M' });
    expect(patched.body).toMatchObject({ interval: 'PT45M', cron: null });
    const badPatch = await http('tenant-a', 'PATCH', `/schedules/${created.body.id}`, { interval: 'PT5S' });
    expect([badPatch.status, badPatch.body.code]).toEqual([400, 'INTERVAL_TOO_SHORT']);
  });

  it("answers another tenant's connection and schedule with 404 before writing anything", async () => {
    const connectionId = `conn-${randomUUID()}`;
    await connection(connectionId, 'tenant-a', 'ACTIVE');
    const own = await http('tenant-a', 'POST', '/schedules', { connectionId, operation: 'publish-listings', interval: 'PT1H' });
    expect(own.status).toBe(201);

    const foreign = await http('tenant-b', 'POST', '/schedules', { connectionId, operation: 'sync-orders', interval: 'PT1H' });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'CONNECTION_NOT_FOUND']);
    expect((await http('tenant-b', 'GET', `/schedules?connectionId=${connectionId}`)).status).toBe(404);
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { enabled: false }],
      ['DELETE', undefined],
    ] as const) {
      const res = await http('tenant-b', method, `/schedules/${own.body.id}`, body);
      expect([method, res.status, res.body?.code]).toEqual([method, 404, 'SCHEDULE_NOT_FOUND']);
      expect(JSON.stringify(res.body)).not.toContain(connectionId);
    }
    expect(await rows('SELECT operation, enabled FROM scheduler.schedules WHERE connection_id = $1', [connectionId])).toEqual([
      { operation: 'publish-listings', enabled: true },
    ]);
    expect((await http('tenant-b', 'GET', '/schedules')).body).toEqual([]);
  });

  it('ten concurrent ticks request each due run exactly once', async () => {
    const connections = Array.from({ length: 30 }, () => `conn-${randomUUID()}`);
    const now = new Date();
    // Whatever earlier tests left due is requested first, so the ten ticks below have only these connections' runs to do.
    await runTick(tick, TICK, { now });
    await sql.query(
      "INSERT INTO scheduler.connections (id, tenant_id, region, marketplace_id, status, revision) SELECT unnest($1::text[]), 'tenant-c', 'NA', 'ATVPDKIKX0DER', 'ACTIVE', 1",
      [connections],
    );
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => runTick(tick, { ...TICK, SCHEDULER_TICK_BATCH: 7 }, { now })));
    const runs = await rows<{ connection_id: string; operation: string; n: number }>(
      'SELECT connection_id, operation, COUNT(*)::int AS n FROM scheduler.job_runs WHERE connection_id = ANY($1) GROUP BY 1, 2',
      [connections],
    );
    expect(runs).toHaveLength(connections.length * 4);
    expect(runs.filter((r) => r.n !== 1)).toEqual([]);
    expect(outcomes.reduce((n, o) => n + o.requested, 0)).toBeGreaterThanOrEqual(connections.length * 4); // ≥: other specs' connections may arrive on the shared topics
    expect(outcomes.reduce((n, o) => n + o.skipped, 0)).toBe(0);
    const events = await rows<{ n: number; distinct_runs: number }>(
      "SELECT COUNT(*)::int AS n, COUNT(DISTINCT payload->'data'->>'jobRunId')::int AS distinct_runs FROM scheduler.outbox_events WHERE topic = $1 AND payload->'data'->>'connectionId' = ANY($2)",
      [JobRequestedV1.topic, connections],
    );
    expect(events).toEqual([{ n: connections.length * 4, distinct_runs: connections.length * 4 }]);
  });

  it('records a slot whose previous run is still open as SKIPPED with the reason, and requests nothing', async () => {
    const connectionId = `conn-${randomUUID()}`;
    await connection(connectionId, 'tenant-a', 'ACTIVE');
    const now = new Date();
    await runTick(tick, TICK, { now });
    const [first] = (await runsOf(connectionId)).filter((r) => r.operation === 'get-orders');
    expect(first.status).toBe('REQUESTED');
    const before = await requestedEvents(connectionId);

    // The next 15-minute slot comes while the first run has not finished.
    await runTick(tick, TICK, { now: new Date(now.getTime() + 16 * MINUTE) });
    const getOrders = (await runsOf(connectionId)).filter((r) => r.operation === 'get-orders');
    expect(getOrders.map((r) => r.status)).toEqual(['REQUESTED', 'SKIPPED']);
    expect(getOrders[1].summary).toMatch(new RegExp(`^PREVIOUS_RUN_OPEN: run ${first.id} was still REQUESTED when the slot of .+ came$`));
    expect(await requestedEvents(connectionId)).toBe(before);
    const skipped = await http('tenant-a', 'GET', `/job-runs?connectionId=${connectionId}&operation=get-orders&status=SKIPPED`);
    expect(skipped.body.map((r: any) => r.id)).toEqual([getOrders[1].id]);
  });

  it('after two hours without a tick, a schedule gets one catch-up run, not eight', async () => {
    const connectionId = `conn-${randomUUID()}`;
    await connection(connectionId, 'tenant-a', 'ACTIVE');
    const now = new Date();
    const anchor = new Date(Math.floor((now.getTime() - 3 * 60 * MINUTE) / MINUTE) * MINUTE);
    const created = await http('tenant-a', 'POST', '/schedules', { connectionId, operation: 'publish-listings', interval: 'PT15M' });
    // The ticker was down: the schedule was last due two hours ago.
    await sql.query('UPDATE scheduler.schedules SET anchor_at = $2, next_due_at = $3 WHERE id = $1', [
      created.body.id,
      anchor,
      new Date(anchor.getTime() + 60 * MINUTE),
    ]);
    await runTick(tick, TICK, { now });
    const runs = (await runsOf(connectionId)).filter((r) => r.operation === 'publish-listings');
    expect(runs).toHaveLength(1);
    const latestSlot = anchor.getTime() + Math.floor((now.getTime() - anchor.getTime()) / (15 * MINUTE)) * 15 * MINUTE;
    expect(new Date(runs[0].slot_at).getTime()).toBe(latestSlot);
    const after = await http('tenant-a', 'GET', `/schedules/${created.body.id}`);
    expect(new Date(after.body.nextRunAt).getTime()).toBe(latestSlot + 15 * MINUTE);
  });

  it('pauses the schedules of a connection whose authorization failed, and resumes them with one run when it is authorized again', async () => {
    const connectionId = `conn-${randomUUID()}`;
    await connection(connectionId, 'tenant-d', 'ACTIVE');
    const now = new Date();
    await runTick(tick, TICK, { now });
    // Let the first runs finish, as the owning services would report.
    await sql.query("UPDATE scheduler.job_runs SET status = 'SUCCEEDED', finished_at = now() WHERE connection_id = $1", [connectionId]);
    const before = (await runsOf(connectionId)).length;

    await connection(connectionId, 'tenant-d', 'AUTH_FAILED');
    const paused = await http('tenant-d', 'GET', `/schedules?connectionId=${connectionId}`);
    expect(paused.body.map((s: any) => [s.state, s.pausedReason])).toEqual(Array(4).fill(['PAUSED', 'CONNECTION_AUTH_FAILED']));
    await runTick(tick, TICK, { now: new Date(now.getTime() + 40 * MINUTE) });
    expect(await runsOf(connectionId)).toHaveLength(before);

    await connection(connectionId, 'tenant-d', 'ACTIVE');
    const resumed = await http('tenant-d', 'GET', `/schedules?connectionId=${connectionId}`);
    expect(resumed.body.map((s: any) => [s.state, s.pausedReason])).toEqual(Array(4).fill(['ACTIVE', null]));
    await runTick(tick, TICK, { now: new Date(now.getTime() + 50 * MINUTE) });
    // get-orders, sync-orders (15 min) and sync-listings (30 min) were due while paused: one run each.
    const after = (await runsOf(connectionId)).slice(before);
    expect(after.map((r) => [r.operation, r.status]).sort()).toEqual([
      ['get-orders', 'REQUESTED'],
      ['sync-listings', 'REQUESTED'],
      ['sync-orders', 'REQUESTED'],
    ]);
  });

  it('keeps one history: a run started on the owning service appears with its progress, outcome and results', async () => {
    const connectionId = `conn-${randomUUID()}`;
    await connection(connectionId, 'tenant-e', 'ACTIVE');
    const jobRunId = randomUUID();
    const context = { producer: 'listings', tenantId: 'tenant-e', correlationId: 'test', connectionId };
    const started = new Date(Date.now() - 60_000);
    await send(
      JobStartedV1.topic,
      jobRunId,
      createEnvelope(JobStartedV1, { jobRunId, operation: 'import-listings', connectionId, startedAt: started.toISOString() }, context),
    );
    await send(
      JobProgressedV1.topic,
      jobRunId,
      createEnvelope(
        JobProgressedV1,
        { jobRunId, phase: 'rows-applied', done: 250, total: 1000 },
        { ...context, occurredAt: new Date(started.getTime() + 60_000) },
      ),
    );
    const running = await eventually(async () => {
      const res = await http('tenant-e', 'GET', `/job-runs?connectionId=${connectionId}&operation=import-listings`);
      return res.body[0]?.progress ? res.body[0] : undefined;
    }, 'the import with its progress');
    expect(running).toMatchObject({
      id: jobRunId,
      status: 'RUNNING',
      trigger: 'MANUAL',
      progress: { phase: 'rows-applied', done: 250, total: 1000, percent: 25 },
    });
    expect(new Date(running.progress.estimatedFinishAt).getTime()).toBe(started.getTime() + 4 * 60_000);
    expect((await http('tenant-a', 'GET', `/job-runs/${jobRunId}`)).status).toBe(404);

    await send(
      JobCompletedV1.topic,
      jobRunId,
      createEnvelope(
        JobCompletedV1,
        {
          jobRunId,
          operation: 'import-listings',
          connectionId,
          outcome: 'PARTIALLY_SUCCEEDED',
          counts: { created: 990, failed: 7, skipped_quantity_empty: 3 },
          summary: '990 created, 7 failed',
          finishedAt: new Date().toISOString(),
        },
        context,
      ),
    );
    await eventually(async () => {
      const res = await http('tenant-e', 'GET', `/job-runs?connectionId=${connectionId}&status=PARTIALLY_SUCCEEDED`);
      return res.body.length ? true : undefined;
    }, 'the completed import');
    const failed = await http('tenant-e', 'GET', `/job-runs/${jobRunId}/results?outcome=FAILED`);
    expect(failed.body).toEqual({
      jobRunId,
      status: 'PARTIALLY_SUCCEEDED',
      total: 1,
      limit: 100,
      offset: 0,
      items: [{ outcome: 'FAILED', key: 'failed', count: 7 }],
    });
    const page = await http('tenant-e', 'GET', `/job-runs/${jobRunId}/results?limit=1&offset=1`);
    expect(page.body).toMatchObject({ total: 3, items: [{ outcome: 'SKIPPED', key: 'skipped_quantity_empty', count: 3 }] });
    const bad = await http('tenant-e', 'GET', `/job-runs?status=DONE`);
    expect([bad.status, bad.body.code, bad.body.details[0].field]).toEqual([400, 'INVALID_REQUEST', 'query.status']);
  });

  it('ends a run no service picked up as FAILED NOT_STARTED after the bound, and deletes runs past retention', async () => {
    const connectionId = `conn-${randomUUID()}`;
    await connection(connectionId, 'tenant-f', 'ACTIVE');
    const now = new Date();
    await runTick(tick, TICK, { now });
    const old = randomUUID();
    await sql.query(
      "INSERT INTO scheduler.job_runs (id, tenant_id, connection_id, operation, trigger, status, requested_at, finished_at) VALUES ($1, 'tenant-f', $2, 'get-orders', 'API', 'SUCCEEDED', $3, $3)",
      [old, connectionId, new Date(now.getTime() - 91 * 86_400_000)],
    );
    const outcome = await runTick(tick, TICK, { now: new Date(now.getTime() + 61 * MINUTE) });
    expect(outcome.notStarted).toBeGreaterThanOrEqual(4);
    const runs = await runsOf(connectionId);
    expect(runs.filter((r) => r.status === 'FAILED').map((r) => r.summary)).toEqual(
      Array(4).fill('NOT_STARTED: no service started this run within 60 minutes'),
    );
    expect(runs.map((r) => r.id)).not.toContain(old);
  });
});
