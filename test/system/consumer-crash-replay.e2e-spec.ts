import { JobRequestedV1 } from '@amazon-channel/contracts';
import { announceConnections } from './support/connections';
import { eventually, metric, post, Stack } from './support/stack';

const JOBS = 600;

/**
 * A consumer killed in the middle of a batch — effects committed to PostgreSQL, offsets not yet
 * committed to Kafka — gets those messages again on restart; the inbox makes the replay harmless.
 */
describe('consumer crash before offset commit', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.create('replay');
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('replays uncommitted messages after a crash without a double effect', async () => {
    const scheduler = await stack.start('scheduler');
    const ids: string[] = [];
    const headers = await stack.authHeaders();
    // The connections are announced as auth-connections would, and both services' projections hold
    // them before the backlog builds (orders runs once for that, then stays down).
    await announceConnections(
      stack.brokers,
      stack.tenantId,
      Array.from({ length: JOBS }, (_, i) => `conn-${i}`),
    );
    // This stack's tenant only: the topic is shared by every test of the run, so other tests' connections arrive too.
    const projected = async (schema: string) =>
      (await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.connections WHERE tenant_id = $1`, [stack.tenantId]))[0].n;
    const warmup = await stack.start('orders');
    await eventually(async () => expect([await projected('scheduler'), await projected('orders')]).toEqual([JOBS, JOBS]), 60000, 100);
    await stack.stop(warmup);
    for (let i = 0; i < JOBS; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: 20 }, (_, j) => post(`${scheduler.url}/job-runs`, { operation: 'get-orders', connectionId: `conn-${i + j}` }, headers)),
      );
      for (const { status, body } of batch) {
        expect(status).toBe(201);
        ids.push(String(body.id));
      }
    }
    await eventually(async () => {
      const [{ pending }] = await stack.query<{ pending: number }>('SELECT count(*)::int AS pending FROM scheduler.outbox_events WHERE published_at IS NULL');
      expect(pending).toBe(0);
    });

    // A backlog arrives in large batches; kafkajs commits offsets only when a batch is done.
    const applied = async () =>
      (await stack.query<{ count: number }>('SELECT count(*)::int AS count FROM orders.jobs WHERE tenant_id = $1', [stack.tenantId]))[0].count;
    let orders = await stack.start('orders');
    await eventually(async () => expect(await applied()).toBeGreaterThanOrEqual(30), 60000, 10);
    await stack.stop(orders, 'SIGKILL');
    const appliedAtCrash = await applied();
    expect(appliedAtCrash).toBeLessThan(JOBS);

    orders = await stack.start('orders');
    await eventually(async () => expect(await applied()).toBe(JOBS), 90000);
    const duplicates = await metric(orders.url, 'amazon_channel_messages_handled_total', { topic: JobRequestedV1.topic, outcome: 'duplicate' });
    expect(duplicates).toBeGreaterThan(0);

    const rows = await stack.query<{ id: string }>('SELECT id FROM orders.jobs WHERE tenant_id = $1', [stack.tenantId]);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
  });
});
