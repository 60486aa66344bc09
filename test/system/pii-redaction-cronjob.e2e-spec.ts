import { OrderPiiRedactedV1 } from '@amazon-channel/contracts';
import { FieldCipher } from '@amazon-channel/platform-persistence';
import { freePorts } from '@amazon-channel/testing';
import { randomUUID } from 'node:crypto';
import { find, LocalCluster, renderOverlay, runToEnd, type K8sObject } from './support/manifests';
import { eventually, post, Stack } from './support/stack';

const DAY = 86_400_000;

/**
 * Issue 12 §6: the PII CronJob of the rendered dev overlay erases buyer data across every tenant
 * and connection. Its exact command line and environment come from the manifest (run from source,
 * the database of this test in place of the Secret's); the scheduler and orders run as their own
 * processes against the real broker, so the request travels as it does in a cluster: the CLI's job
 * run and JobRequested, the scheduler's relay, orders' consumer and worker.
 */
describe('the PII redaction CronJob', () => {
  let stack: Stack;
  let objects: K8sObject[];

  beforeAll(async () => {
    objects = renderOverlay('dev');
    stack = await Stack.create('pii_cronjob');
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  /** An order of `tenantId` shipped `daysAgo` (null: not shipped), with encrypted buyer data. */
  async function seedOrder(tenantId: string, connectionId: string, shippedDaysAgo: number | null): Promise<string> {
    const id = randomUUID();
    const now = Date.now();
    const shippedAt = shippedDaysAgo === null ? null : new Date(now - shippedDaysAgo * DAY);
    await stack.query(
      `INSERT INTO orders.orders (id, tenant_id, connection_id, amazon_order_id, marketplace_id, amazon_status, state, purchased_at, amazon_updated_at, shipped_at)
       VALUES ($1, $2, $3, $4, 'ATVPDKIKX0DER', $5, 'IMPORTED', $6, $6, $7)`,
      [id, tenantId, connectionId, `111-${id.slice(0, 7)}-${id.slice(9, 13)}`, shippedAt ? 'Shipped' : 'Unshipped', new Date(now - 40 * DAY), shippedAt],
    );
    const cipher = FieldCipher.fromConfig(stack.env()['FIELD_ENCRYPTION_KEYS']);
    await stack.query('INSERT INTO orders.order_pii (order_id, buyer_name, buyer_email, shipping_name) VALUES ($1, $2, $3, $4)', [
      id,
      cipher.encrypt('Ada Buyer'),
      cipher.encrypt('ada@marketplace.example'),
      cipher.encrypt('Ada Buyer'),
    ]);
    return id;
  }

  it("erases every tenant's buyer data 31 days after shipment, and only that, when the CronJob's command runs", async () => {
    const [scheduler] = await Promise.all([stack.start('scheduler'), stack.start('orders', { JOBS_POLL_MS: '200' })]);
    const tenants = [`tenant-a-${randomUUID().slice(0, 8)}`, `tenant-b-${randomUUID().slice(0, 8)}`];
    const seeded = await Promise.all(
      tenants.map(async (tenantId) => {
        const connectionId = `conn-${randomUUID().slice(0, 8)}`;
        return {
          tenantId,
          expired: await seedOrder(tenantId, connectionId, 31),
          recent: await seedOrder(tenantId, connectionId, 5),
          unshipped: await seedOrder(tenantId, connectionId, null),
        };
      }),
    );

    // The CronJob exactly as rendered: command, arguments and environment.
    const cronJob = find(objects, 'CronJob', 'scheduler-pii-redaction');
    const services = objects.filter((o) => o.kind === 'Service');
    const cluster = new LocalCluster(
      objects,
      await freePorts(services.reduce((n, s) => n + (s.spec as { ports: unknown[] }).ports.length, 0)),
      { 'kafka:9092': stack.brokers },
      { DATABASE_URL: stack.database.url },
    );
    const run = await runToEnd(cluster, cronJob);
    expect({ code: run.code, output: run.output }).toEqual({
      code: 0,
      output: [expect.stringMatching(/^requested: pii-redaction [0-9a-f-]{36} \(REQUESTED\)$/)],
    });

    const [jobRun] = await eventually(
      async () => {
        const rows = await stack.query<{ status: string; counts: Record<string, number>; trigger: string }>(
          "SELECT status, counts, trigger FROM scheduler.job_runs WHERE operation = 'pii-redaction'",
        );
        if (rows[0]?.status !== 'SUCCEEDED' && rows[0]?.status !== 'FAILED') throw new Error(`pii-redaction run is ${rows[0]?.status ?? 'absent'}`);
        return rows;
      },
      120_000,
      250,
    );
    expect(jobRun).toEqual({ status: 'SUCCEEDED', counts: { redacted: 2 }, trigger: 'CRONJOB' });

    const expired = seeded.map((s) => s.expired);
    const state = await stack.query<{ id: string; redacted: boolean; pii: boolean }>(
      'SELECT o.id, o.pii_redacted_at IS NOT NULL AS redacted, p.order_id IS NOT NULL AS pii FROM orders.orders o LEFT JOIN orders.order_pii p ON p.order_id = o.id',
    );
    for (const order of state)
      expect({ id: order.id, redacted: order.redacted, pii: order.pii }).toEqual({
        id: order.id,
        redacted: expired.includes(order.id),
        pii: !expired.includes(order.id),
      });
    expect(state).toHaveLength(6);

    // One OrderPiiRedacted per erased order, under the order's own tenant; the audit names the retention.
    const events = await stack.query<{ tenant: string; order_id: string }>(
      "SELECT payload->>'tenantId' AS tenant, payload->'data'->>'orderId' AS order_id FROM orders.outbox_events WHERE topic = $1 ORDER BY 1",
      [OrderPiiRedactedV1.topic],
    );
    expect(events).toEqual(seeded.map((s) => ({ tenant: s.tenantId, order_id: s.expired })).sort((a, b) => a.tenant.localeCompare(b.tenant)));
    const audit = await stack.query<{ tenant_id: string; order_id: string; action: string }>(
      "SELECT tenant_id, order_id, action FROM orders.pii_audit WHERE action = 'REDACTED' ORDER BY tenant_id",
    );
    expect(audit).toEqual(events.map((e) => ({ tenant_id: e.tenant, order_id: e.order_id, action: 'REDACTED' })));

    // A tenant's HTTP call cannot ask for the system run.
    const refused = await post(`${scheduler.url}/job-runs`, { operation: 'pii-redaction', connectionId: '*' }, await stack.authHeaders('system'));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'INVALID_REQUEST' });
    // The field is named (the details' shape is the job-runs API's own).
    expect(JSON.stringify(refused.body['details'])).toContain('connectionId');
  }, 300_000);
});
