import { JobRequestedV1 } from '@amazon-channel/contracts';
import { DLQ_HEADERS } from '@amazon-channel/platform-messaging';
import { announceConnections, untilConnectionKnown } from './support/connections';
import { TestKafka } from './support/kafka-client';
import { eventually, metric, post, Stack, type RunningProcess } from './support/stack';

/**
 * The messaging plumbing, end to end: two real services as separate processes, a real Kafka
 * broker and a real PostgreSQL. The scheduler requests a job (job run + JobRequested written in one
 * transaction, published by its outbox relay); orders consumes it through its inbox.
 */
describe('messaging plumbing across services', () => {
  let stack: Stack;
  let kafka: TestKafka;
  let scheduler: RunningProcess;
  let orders: RunningProcess;

  const requestJob = async (connectionId: string) => post(`${scheduler.url}/job-runs`, { operation: 'get-orders', connectionId }, await stack.authHeaders());
  const ordersJobs = (jobRunId: string) => stack.query('SELECT id, status FROM orders.jobs WHERE id = $1', [jobRunId]);

  beforeAll(async () => {
    stack = await Stack.create('plumbing');
    kafka = new TestKafka(stack.brokers);
    [scheduler, orders] = await Promise.all([stack.start('scheduler'), stack.start('orders')]);
    // The connections these tests name, announced as auth-connections would: scheduler and orders
    // refuse a connection their projection does not hold for the caller's tenant.
    const connections = ['conn-delivery', 'conn-tenant', 'conn-refused', 'conn-twice', 'conn-after-poison', 'conn-relay-down'];
    await announceConnections(stack.brokers, stack.tenantId, connections);
    const headers = await stack.authHeaders();
    for (const connectionId of connections) {
      await Promise.all([untilConnectionKnown(scheduler.url, headers, connectionId, '/job-runs'), untilConnectionKnown(orders.url, headers, connectionId)]);
    }
    // Five migrations and two service starts, each a process compiling TypeScript: minutes on a loaded 2-core box.
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('delivers an event committed with its state change from one service to another, and the outcome back', async () => {
    const { status, body } = await requestJob('conn-delivery');
    expect(status).toBe(201);
    const [run] = await stack.query('SELECT status FROM scheduler.job_runs WHERE id = $1', [body.id]);
    expect(run.status).toBe('REQUESTED');
    await eventually(async () => expect(await ordersJobs(String(body.id))).toHaveLength(1));
    // orders runs it; with no auth-connections in this stack there is no access token, so the run
    // fails with a reason, and JobCompleted carries that outcome back to the scheduler's registry.
    const [finished] = await eventually(async () => {
      const rows = await stack.query<{ status: string; summary: string | null }>('SELECT status, summary FROM scheduler.job_runs WHERE id = $1', [body.id]);
      expect(rows[0].status).toBe('FAILED');
      return rows;
    });
    // The reason is the missing auth-connections, not an answer from something else on its port.
    expect(finished.summary).toMatch(/auth-connections is not reachable/);
  });

  it('keeps tenants apart and refuses callers without a platform token', async () => {
    const { body } = await requestJob('conn-tenant');
    const own = await fetch(`${scheduler.url}/job-runs/${body.id}`, { headers: await stack.authHeaders() });
    expect(own.status).toBe(200);
    const foreign = await fetch(`${scheduler.url}/job-runs/${body.id}`, { headers: await stack.authHeaders('another-tenant') });
    expect(foreign.status).toBe(404);
    const anonymous = await fetch(`${scheduler.url}/job-runs/${body.id}`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { code: string }).code).toBe('AUTH_TOKEN_MISSING');
  });

  it('writes no event when the state change is refused', async () => {
    expect((await requestJob('conn-refused')).status).toBe(201);
    const second = await requestJob('conn-refused');
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('JOB_ALREADY_RUNNING');
    const events = await stack.query(`SELECT id FROM scheduler.outbox_events WHERE payload->'data'->>'connectionId' = 'conn-refused'`);
    expect(events).toHaveLength(1);
  });

  it('applies an event delivered twice only once', async () => {
    const { body } = await requestJob('conn-twice');
    await eventually(async () => expect(await ordersJobs(String(body.id))).toHaveLength(1));
    const [outbox] = await stack.query<{ payload: { id: string } }>(`SELECT payload FROM scheduler.outbox_events WHERE payload->'data'->>'jobRunId' = $1`, [
      body.id,
    ]);
    const duplicatesBefore = await metric(orders.url, 'amazon_channel_messages_handled_total', { topic: JobRequestedV1.topic, outcome: 'duplicate' });
    // The same envelope again, as Kafka may redeliver it after a rebalance.
    await kafka.publish(JobRequestedV1.topic, [{ key: 'conn-twice', value: JSON.stringify(outbox.payload) }]);
    await eventually(async () =>
      expect(await metric(orders.url, 'amazon_channel_messages_handled_total', { topic: JobRequestedV1.topic, outcome: 'duplicate' })).toBeGreaterThanOrEqual(
        duplicatesBefore + 1,
      ),
    );
    expect(await ordersJobs(String(body.id))).toHaveLength(1);
    const inbox = await stack.query('SELECT event_id FROM orders.inbox_messages WHERE event_id = $1', [outbox.payload.id]);
    expect(inbox).toHaveLength(1);
  });

  it('dead-letters a poison message with its reason, attempts and source offset', async () => {
    const poison = JSON.stringify({ hello: 'not an envelope', marker: stack.tenantId });
    const [{ partition, offset }] = await kafka.publish(JobRequestedV1.topic, [{ key: 'poison', value: poison }]);
    const dead = await kafka.readUntil(
      `${JobRequestedV1.topic}.dlq`,
      (m) => m.value === poison && m.headers[DLQ_HEADERS.group] === `${stack.groupPrefix}orders`,
    );
    expect(dead.headers[DLQ_HEADERS.code]).toBe('INVALID_MESSAGE');
    expect(dead.headers[DLQ_HEADERS.message]).toMatch(/INVALID_ENVELOPE/);
    expect(dead.headers[DLQ_HEADERS.attempts]).toBe('0');
    expect(dead.headers[DLQ_HEADERS.topic]).toBe(JobRequestedV1.topic);
    expect(dead.headers[DLQ_HEADERS.partition]).toBe(String(partition));
    expect(dead.headers[DLQ_HEADERS.offset]).toBe(offset);
    // The partition is not blocked: the next good message still arrives.
    const { body } = await requestJob('conn-after-poison');
    await eventually(async () => expect(await ordersJobs(String(body.id))).toHaveLength(1));
  });

  it('still delivers an event committed while no relay ran, once a relay starts', async () => {
    // Every scheduler with the worker role relays; kill it, then an api-only replica commits runs
    // and events that nobody publishes: the relay is dead between commit and publish.
    await stack.stop(scheduler, 'SIGKILL');
    const apiOnly = await stack.start('scheduler', { APP_ROLES: 'api' });
    const { body } = await post(`${apiOnly.url}/job-runs`, { operation: 'import-listings', connectionId: 'conn-relay-down' }, await stack.authHeaders());
    const listingsJob = () => stack.query('SELECT id FROM listings.jobs WHERE id = $1', [body.id]);
    const listings = await stack.start('listings');
    await untilConnectionKnown(listings.url, await stack.authHeaders(), 'conn-relay-down');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await listingsJob()).toHaveLength(0);
    const [pending] = await stack.query(`SELECT published_at FROM scheduler.outbox_events WHERE payload->'data'->>'jobRunId' = $1`, [body.id]);
    expect(pending.published_at).toBeNull();
    scheduler = await stack.start('scheduler', { APP_ROLES: 'worker' });
    await eventually(async () => expect(await listingsJob()).toHaveLength(1));
    await stack.stop(apiOnly);
    await stack.stop(listings);
  });
});
