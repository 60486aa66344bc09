import { JobRequestedV1 } from '@amazon-channel/contracts';
import { freePorts } from '@amazon-channel/testing';
import { randomUUID } from 'node:crypto';
import { find, LocalCluster, renderOverlay, runToEnd, type K8sObject } from './support/manifests';
import { eventually, Stack } from './support/stack';

/**
 * Issue 17: the tick CronJob of the rendered dev overlay, its exact command line and environment
 * (run from source, this test's database in place of the Secret's), against a scheduler running as
 * its own process on the real broker with its in-process ticker off (as the Deployment sets it):
 * the CronJob's run requests every due run once, the scheduler's relay publishes them, and a
 * second run a moment later requests nothing more.
 */
describe('the scheduler tick CronJob', () => {
  let stack: Stack;
  let objects: K8sObject[];

  beforeAll(async () => {
    objects = renderOverlay('dev');
    stack = await Stack.create('tick_cronjob');
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it("runs every minute, never two at once, and its command requests each due run of the connections' schedules once", async () => {
    const cronJob = find(objects, 'CronJob', 'scheduler-tick');
    expect((cronJob.spec as { schedule: string; concurrencyPolicy: string }).schedule).toBe('* * * * *');
    expect((cronJob.spec as { concurrencyPolicy: string }).concurrencyPolicy).toBe('Forbid');
    const deployment = find(objects, 'Deployment', 'scheduler');
    expect(JSON.stringify(deployment.spec)).toContain('SCHEDULER_TICK_EVERY_MS');

    await stack.start('scheduler', { SCHEDULER_TICK_EVERY_MS: '0' });
    // Two authorized connections of this stack's tenant, as the scheduler's projection holds them.
    const connections = [`conn-${randomUUID().slice(0, 8)}`, `conn-${randomUUID().slice(0, 8)}`];
    await stack.query(
      "INSERT INTO scheduler.connections (id, tenant_id, region, marketplace_id, status, revision) SELECT unnest($1::text[]), $2, 'NA', 'ATVPDKIKX0DER', 'ACTIVE', 1",
      [connections, stack.tenantId],
    );

    // The PII system schedule turned off first: its system run would go on the shared topics, where a
    // later test's orders would replay it (system runs pass every stack's ownership check). The tick's
    // seed then finds the (connection, operation) taken and leaves it.
    await stack.query(
      "INSERT INTO scheduler.schedules (id, tenant_id, connection_id, operation, interval, time_zone, enabled, system, anchor_at, next_due_at) VALUES (gen_random_uuid(), 'system', '*', 'pii-redaction', 'P1D', 'UTC', false, true, now(), now())",
    );
    const services = objects.filter((o) => o.kind === 'Service');
    const cluster = new LocalCluster(
      objects,
      await freePorts(services.reduce((n, s) => n + (s.spec as { ports: unknown[] }).ports.length, 0)),
      { 'kafka:9092': stack.brokers },
      { DATABASE_URL: stack.database.url },
    );
    // At least four defaults per connection of this test; the projection also holds the connections earlier
    // stacks announced on the run's shared topics, so the totals may be higher. The runs below are this test's exactly.
    const tickLine = /^tick: requested (\d+), skipped 0, seeded (\d+), not started 0, expired 0$/;
    const first = await runToEnd(cluster, cronJob);
    expect(first.code).toBe(0);
    expect(first.output).toEqual([expect.stringMatching(tickLine)]);
    const [, requested, seeded] = tickLine.exec(first.output[0] ?? '') ?? [];
    expect(Number(requested)).toBeGreaterThanOrEqual(8);
    expect(Number(seeded)).toBeGreaterThanOrEqual(8);
    // The second run of the CronJob's command requests none of this test's runs again (checked on the rows below).
    const second = await runToEnd(cluster, cronJob);
    expect(second.code).toBe(0);
    expect(second.output).toEqual([expect.stringMatching(tickLine)]);

    const runs = await stack.query<{ connection_id: string; operation: string; status: string; trigger: string }>(
      'SELECT connection_id, operation, status, trigger FROM scheduler.job_runs WHERE connection_id = ANY($1) ORDER BY 1, 2',
      [connections],
    );
    expect(runs).toEqual(
      [...connections].sort().flatMap((connection_id) =>
        ['get-orders', 'link-listings', 'sync-listings', 'sync-orders'].map((operation) => ({
          connection_id,
          operation,
          status: 'REQUESTED',
          trigger: 'SCHEDULE',
        })),
      ),
    );
    // The running scheduler's relay published each JobRequested (the CronJob only wrote the outbox).
    await eventually(
      async () => {
        const [pending] = await stack.query<{ published: number; total: number }>(
          "SELECT COUNT(*) FILTER (WHERE published_at IS NOT NULL)::int AS published, COUNT(*)::int AS total FROM scheduler.outbox_events WHERE topic = $1 AND payload->'data'->>'connectionId' = ANY($2)",
          [JobRequestedV1.topic, connections],
        );
        if (pending.total !== 8 || pending.published !== 8) throw new Error(`${pending.published}/${pending.total} JobRequested published`);
      },
      60_000,
      250,
    );
  }, 300_000);
});
