import { JobStartedV1, OrderImportedV1 } from '@amazon-channel/contracts';
import { startSandbox, type SandboxHandle } from '@amazon-channel/testing';
import { TestKafka } from './support/kafka-client';
import { untilConnectionKnown } from './support/connections';
import { connectSandboxSeller } from './support/seller-connection';
import { eventually, post, Stack, type RunningProcess } from './support/stack';

const ORDERS = 1_500;
/** Each page after the first starts at the previous page's last order (read again): 99 new a page. */
const PAGES = 1 + Math.ceil((ORDERS - 100) / 99);
/** Kill once this many pages are checkpointed: past the first, well before the last. */
const KILL_AFTER_PAGES = 3;
/** Added to every searchOrders answer so the run lasts long enough to be killed in the middle. */
const SEARCH_LATENCY_MS = 1_000;
const US = 'ATVPDKIKX0DER';

interface Job {
  id: string;
  status: string;
  step: string | null;
  cursor: { paginationToken?: string | null; byTime?: { edgeOrderIds: string[] } | null; pages?: number } | null;
  counts: Record<string, number>;
}

/**
 * Issue 8: killing the orders service in the middle of Get Orders and starting it again loses no
 * order and doubles none. Real processes throughout: auth-connections holds the seller's
 * authorization (consent against the sandbox) and hands orders its access tokens, the scheduler
 * requests the job (JobRequested over Kafka), orders reads 16 pages of searchOrders, checkpointing
 * its cursor after each committed page, and is SIGKILLed after a few. The restarted
 * process takes the orphaned job back once its heartbeat is older than JOBS_STALE_AFTER_SECONDS
 * and resumes from the checkpoint.
 */
describe('Get Orders across a crash of the orders process', () => {
  let stack: Stack;
  let sandbox: SandboxHandle;

  beforeAll(async () => {
    [stack, sandbox] = await Promise.all([Stack.create('orders_restart'), startSandbox()]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([stack?.close(), sandbox?.stop()]);
  });

  const job = async (id: string): Promise<Job | undefined> =>
    (await stack.query<Job>('SELECT id, status, step, cursor, counts FROM orders.jobs WHERE id = $1', [id]))[0];
  const count = async (sql: string, params: unknown[]): Promise<number> => (await stack.query<{ n: number }>(sql, params))[0].n;
  const storedOrders = (connectionId: string) => count('SELECT count(*)::int AS n FROM orders.orders WHERE connection_id = $1', [connectionId]);
  const importedEvents = (connectionId: string) =>
    count(`SELECT count(*)::int AS n FROM orders.outbox_events WHERE topic = $1 AND payload->'data'->>'connectionId' = $2`, [
      OrderImportedV1.topic,
      connectionId,
    ]);

  it('resumes from the last checkpointed page after SIGKILL: every order stored once and announced once', async () => {
    const sellingPartnerId = 'A1ORDRESTART01';
    await sandbox.admin.createSeller({ sellingPartnerId, region: 'NA', marketplaceIds: [US], listingCount: 50, orderCount: 0 });
    // Placed a second apart over the last hours, as real orders are: pages are asked by update time.
    const first = (await sandbox.admin.clock()).epochMs - 3 * 3_600_000;
    const created = await sandbox.admin.createOrders(
      sellingPartnerId,
      Array.from({ length: ORDERS }, (_, i) => ({
        status: 'UNSHIPPED' as const,
        serviceLevel: 'STANDARD' as const,
        createdTime: new Date(first + i * 1000).toISOString(),
      })),
    );
    // The sandbox replaces an order whose generated id repeats, so what it holds is the distinct ids.
    const expected = new Set(created.map((o) => o.orderId));
    expect(expected.size).toBeGreaterThan(ORDERS - 5);

    const [auth, scheduler] = await Promise.all([
      stack.start('auth-connections', { SP_API_ENDPOINT: sandbox.baseUrl, LWA_TOKEN_URL: sandbox.lwaTokenUrl, SELLER_CENTRAL_URL: sandbox.baseUrl }),
      stack.start('scheduler'),
    ]);
    const headers = await stack.authHeaders();
    const connectionId = await connectSandboxSeller(auth, headers, { sellingPartnerId, marketplaceId: US });
    const ordersEnv = { AUTH_CONNECTIONS_URL: auth.url, SP_API_ENDPOINT: sandbox.baseUrl, JOBS_POLL_MS: '100' };
    let orders: RunningProcess = await stack.start('orders', ordersEnv);
    // Both projections learn the connection from auth-connections' ConnectionChanged.
    await Promise.all([untilConnectionKnown(orders.url, headers, connectionId), untilConnectionKnown(scheduler.url, headers, connectionId, '/job-runs')]);
    const mapping = await post(
      `${orders.url}/connections/${connectionId}/shipping-mappings`,
      { channelShippingText: 'Std US D2D Dom', serviceLevelCategory: 'STANDARD', shippingPolicy: 'Ground' },
      headers,
    );
    expect(mapping.status).toBe(201);
    // Slow pages, and a usage plan that fits the 16 pages (plus one read again) without waiting minutes.
    await sandbox.admin.injectFault({ operations: ['searchOrders'], latencyMs: SEARCH_LATENCY_MS, ratePlans: { searchOrders: { rate: 1, burst: 50 } } });

    const requested = await post(`${scheduler.url}/job-runs`, { operation: 'get-orders', connectionId }, headers);
    expect(requested.status).toBe(201);
    const jobId = String(requested.body['id']);

    for (const deadline = Date.now() + 90_000; ;) {
      const seen = await job(jobId);
      if (seen && seen.status !== 'QUEUED' && seen.status !== 'RUNNING')
        throw new Error(`get-orders ended ${seen.status} before it could be killed: ${JSON.stringify(seen.counts)}`);
      if ((seen?.counts['pages'] ?? 0) >= KILL_AFTER_PAGES) break;
      if (Date.now() > deadline) throw new Error(`no ${KILL_AFTER_PAGES} pages checkpointed in time: ${JSON.stringify(seen)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await stack.stop(orders, 'SIGKILL');

    // What the crash left: a RUNNING job whose cursor asks the next page by time (from the last
    // order of the last checkpointed page), part of the orders, each announced.
    const atCrash = (await job(jobId)) as Job;
    expect(atCrash).toMatchObject({ status: 'RUNNING', step: 'page-applied' });
    expect(atCrash.cursor?.byTime?.edgeOrderIds).toHaveLength(1);
    expect(atCrash.counts['pages']).toBeLessThan(PAGES);
    const storedAtCrash = await storedOrders(connectionId);
    // A page committed after the last checkpoint is possible (the crash fell between the two).
    expect(storedAtCrash).toBeGreaterThanOrEqual(atCrash.counts['created']);
    expect(storedAtCrash).toBeLessThan(expected.size);
    expect(await importedEvents(connectionId)).toBe(storedAtCrash);

    orders = await stack.start('orders', { ...ordersEnv, JOBS_STALE_AFTER_SECONDS: '5' });
    const finished = await eventually(
      async () => {
        const seen = (await job(jobId)) as Job;
        if (seen.status === 'QUEUED' || seen.status === 'RUNNING') throw new Error(`still ${seen.status}: ${JSON.stringify(seen.counts)}`);
        return seen;
      },
      120_000,
      250,
    );
    expect(finished.status).toBe('SUCCEEDED');
    // A page committed in the killed process after its last checkpoint is read again (one more page).
    expect(finished.counts['pages']).toBeGreaterThanOrEqual(PAGES);
    expect(finished.counts['pages']).toBeLessThanOrEqual(PAGES + 1);
    // Orders read again (page edges, or that page) are unchanged, never created or updated twice.
    expect(finished.counts['created']).toBeLessThanOrEqual(expected.size);
    expect(finished.counts['created'] + finished.counts['unchanged']).toBeGreaterThanOrEqual(expected.size);
    expect(finished.counts['updated']).toBe(0);
    // It ran twice: in the killed process and, resumed, in the new one.
    expect(
      await count(`SELECT count(*)::int AS n FROM orders.outbox_events WHERE topic = $1 AND payload->'data'->>'jobRunId' = $2`, [JobStartedV1.topic, jobId]),
    ).toBe(2);

    // Every order once in the table, and the table holds exactly the sandbox's orders.
    const rows = await stack.query<{ amazon_order_id: string; state: string }>('SELECT amazon_order_id, state FROM orders.orders WHERE connection_id = $1', [
      connectionId,
    ]);
    expect(rows).toHaveLength(expected.size);
    expect(new Set(rows.map((r) => r.amazon_order_id))).toEqual(expected);
    expect(rows.every((r) => r.state === 'IMPORTED')).toBe(true);
    // One OrderImported per order in the outbox.
    const outbox = await stack.query<{ id: string; order_id: string; published: boolean }>(
      `SELECT payload->>'id' AS id, payload->'data'->>'amazonOrderId' AS order_id, published_at IS NOT NULL AS published FROM orders.outbox_events WHERE topic = $1 AND payload->'data'->>'connectionId' = $2`,
      [OrderImportedV1.topic, connectionId],
    );
    expect(outbox).toHaveLength(expected.size);
    expect(new Set(outbox.map((e) => e.order_id))).toEqual(expected);

    // On Kafka: the relay may publish an event twice across the crash (same envelope id, which
    // consumers dedupe by); after that dedupe each order arrives exactly once.
    await eventually(
      async () =>
        expect(await count(`SELECT count(*)::int AS n FROM orders.outbox_events WHERE topic = $1 AND published_at IS NULL`, [OrderImportedV1.topic])).toBe(0),
      60_000,
      250,
    );
    const envelopes = new Map<string, string>();
    let delivered = 0;
    await new TestKafka(stack.brokers).readUntil(
      OrderImportedV1.topic,
      (message) => {
        const envelope = JSON.parse(message.value ?? '{}') as { id?: string; connectionId?: string; data?: { amazonOrderId?: string } };
        if (envelope.connectionId !== connectionId || !envelope.id) return false;
        delivered++;
        envelopes.set(envelope.id, envelope.data?.amazonOrderId ?? '');
        return envelopes.size >= outbox.length;
      },
      60_000,
    );
    expect(delivered).toBeGreaterThanOrEqual(expected.size);
    expect(new Set(envelopes.keys())).toEqual(new Set(outbox.map((e) => e.id)));
    const perOrder = new Map<string, number>();
    for (const amazonOrderId of envelopes.values()) perOrder.set(amazonOrderId, (perOrder.get(amazonOrderId) ?? 0) + 1);
    expect(perOrder.size).toBe(expected.size);
    expect([...perOrder.values()].every((n) => n === 1)).toBe(true);

    // The outcome travels back to the scheduler's registry.
    await eventually(
      async () => {
        const [run] = await stack.query<{ status: string }>('SELECT status FROM scheduler.job_runs WHERE id = $1', [jobId]);
        expect(run.status).toBe('SUCCEEDED');
      },
      30_000,
      250,
    );
    await stack.stop(orders);
  }, 300_000);
});
