import { startOrdersHarness, type OrdersHarness } from '../../testing/orders-harness';
import { GetOrdersJobHandler } from './get-orders.job-handler';

// Connection ids are UUIDs (the API refuses any other id).
const CONN_DB_DOWN = '01930000-0000-7000-8000-000000000007';
const CONN_HELD_CANCEL = '01930000-0000-7000-8000-000000000008';
const CONN_NUL = '01930000-0000-7000-8000-000000000009';
const CONN_REFUSED = '01930000-0000-7000-8000-000000000010';

const TENANT = 'tenant-bad-data';
jest.setTimeout(180_000);

/** Bad data from Amazon holds or leaves out the one order it is in, with a code; the rest imports. */
describe('get-orders: bad data from Amazon, and orders cancelled while held', () => {
  let h: OrdersHarness;
  let getOrders: GetOrdersJobHandler;

  const run = (connectionId: string) => getOrders.run(h.context(TENANT, connectionId, 'get-orders').context);
  const hoursAgo = async (hours: number) => new Date((await h.sandbox.admin.clock()).epochMs - hours * 3_600_000).toISOString();
  const mapping = (connectionId: string, serviceLevelCategory = 'STANDARD') =>
    h.http(TENANT, 'POST', `/connections/${connectionId}/shipping-mappings`, {
      channelShippingText: `${serviceLevelCategory} text`,
      serviceLevelCategory,
      shippingPolicy: 'Ground',
    });
  const imported = async (connectionId: string) =>
    (
      (await h.dataSource.query(`SELECT payload FROM orders.outbox_events WHERE event_type = 'orders.order-imported' AND payload->>'connectionId' = $1`, [
        connectionId,
      ])) as Array<{ payload: { data: { amazonOrderId: string } } }>
    ).map((r) => r.payload.data.amazonOrderId);
  const stateOf = async (amazonOrderId: string) =>
    (
      (await h.dataSource.query(`SELECT state, hold_reason, hold_detail, amazon_status FROM orders.orders WHERE amazon_order_id = $1`, [
        amazonOrderId,
      ])) as Array<Record<string, string | null>>
    )[0];

  beforeAll(async () => {
    h = await startOrdersHarness('orders_bad_data', {}, TENANT);
    getOrders = h.service.app.get(GetOrdersJobHandler);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('holds an order with a NUL in a SKU and an order with an absurd price, each with a coded reason on the run, and imports the others', async () => {
    const conn = CONN_NUL;
    const seller = await h.seller(TENANT, conn);
    await mapping(conn);
    const createdTime = await hoursAgo(1);
    const orders = await h.sandbox.admin.createOrders(seller, [
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime },
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime, items: [{ sku: 'MUG\u0000RED', quantity: 1 }] },
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime, items: [{ quantity: 1, unitPriceMinor: 5_000_000_000 }] },
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime },
    ]);
    const [good1, nul, pricey, good2] = orders.map((o) => o.orderId);

    const result = await run(conn);
    expect(result.outcome).toBe('SUCCEEDED');
    expect(result.counts).toMatchObject({ created: 4, held: 2, held_invalid_data: 2, failed: 0 });
    expect(result.summary).toContain(`${nul} (INVALID_TEXT)`);
    expect(result.summary).toContain(`${pricey} (ABSURD_PRICE)`);
    expect(await stateOf(nul as string)).toMatchObject({ state: 'HELD', hold_reason: 'INVALID_TEXT', hold_detail: expect.stringContaining('lines[0].sku') });
    expect(await stateOf(pricey as string)).toMatchObject({ state: 'HELD', hold_reason: 'ABSURD_PRICE' });
    // The line is stored without the NUL, so the hold can be looked at.
    expect(
      await h.dataSource.query(`SELECT i.sku FROM orders.order_items i JOIN orders.orders o ON o.id = i.order_id WHERE o.amazon_order_id = $1`, [nul]),
    ).toEqual([{ sku: 'MUGRED' }]);
    expect((await imported(conn)).sort()).toEqual([good1, good2].sort());
    expect((await h.http(TENANT, 'GET', `/orders/diagnostics/${nul}?connectionId=${conn}`)).body).toMatchObject({ verdict: 'HELD', reason: 'INVALID_TEXT' });
  });

  it('leaves out an order the database refuses, with a code and no database text, and stores the rest of its page', async () => {
    const conn = CONN_REFUSED;
    const seller = await h.seller(TENANT, conn);
    await mapping(conn);
    // A database that refuses one row and quotes it back, as PostgreSQL does with values it cannot take.
    await h.dataSource.query(`CREATE OR REPLACE FUNCTION orders.refuse_poison() RETURNS trigger AS $$
      BEGIN IF NEW.sku = 'POISON-SKU' THEN RAISE EXCEPTION 'refused row with title %', NEW.title; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await h.dataSource.query(`CREATE TRIGGER refuse_poison BEFORE INSERT OR UPDATE ON orders.order_items FOR EACH ROW EXECUTE FUNCTION orders.refuse_poison()`);
    try {
      const createdTime = await hoursAgo(1);
      const orders = await h.sandbox.admin.createOrders(seller, [
        { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime },
        { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime, items: [{ sku: 'POISON-SKU', title: 'Secret title of the refused row', quantity: 1 }] },
        { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime },
      ]);
      const [good1, poison, good2] = orders.map((o) => o.orderId);
      const result = await run(conn);
      expect(result.outcome).toBe('SUCCEEDED');
      expect(result.counts).toMatchObject({ created: 2, failed: 1 });
      expect(result.summary).toContain(`${poison} (STORE_FAILED)`);
      expect(result.summary).not.toMatch(/refused row|Secret title/);
      expect((await imported(conn)).sort()).toEqual([good1, good2].sort());
      const diagnosis = (await h.http(TENANT, 'GET', `/orders/diagnostics/${poison}?connectionId=${conn}`)).body;
      expect(diagnosis).toMatchObject({ verdict: 'STORE_FAILED' });
      expect(JSON.stringify(diagnosis)).not.toMatch(/refused row|Secret title/);
      expect(h.logs()).not.toMatch(/Secret title/);
    } finally {
      await h.dataSource.query(`DROP TRIGGER refuse_poison ON orders.order_items`);
    }
  });

  it('fails a run the database stops with its SQLSTATE only, never the database text', async () => {
    const conn = CONN_DB_DOWN;
    await h.seller(TENANT, conn);
    await h.dataSource.query(`CREATE OR REPLACE FUNCTION orders.refuse_cursor() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'cannot store cursor for %', NEW.connection_id; END $$ LANGUAGE plpgsql`);
    await h.dataSource.query(
      `CREATE TRIGGER refuse_cursor BEFORE INSERT OR UPDATE ON orders.order_sync_state FOR EACH ROW EXECUTE FUNCTION orders.refuse_cursor()`,
    );
    try {
      const failure = await run(conn).then(
        () => null,
        (error: unknown) => error as Error & { code?: string },
      );
      expect(failure).toMatchObject({ code: 'STORE_FAILED', message: 'The order store refused the write (SQLSTATE P0001)' });
    } finally {
      await h.dataSource.query(`DROP TRIGGER refuse_cursor ON orders.order_sync_state`);
    }
  });

  it('ends the hold of an order cancelled at Amazon while held as CANCELLED, and a later mapping never imports it', async () => {
    const conn = CONN_HELD_CANCEL;
    const seller = await h.seller(TENANT, conn);
    await mapping(conn);
    const createdTime = await hoursAgo(1);
    const [held, other] = await h.sandbox.admin.createOrders(seller, [
      { status: 'UNSHIPPED', serviceLevel: 'NEXT_DAY', createdTime },
      { status: 'UNSHIPPED', serviceLevel: 'NEXT_DAY', createdTime },
    ]);
    expect((await run(conn)).counts).toMatchObject({ created: 2, held: 2 });
    expect(await stateOf(held.orderId)).toMatchObject({ state: 'HELD', hold_reason: 'MISSING_SHIPPING_MAPPING' });

    await h.sandbox.admin.changeOrder(seller, held.orderId, { cancel: { by: 'BUYER', reason: 'BuyerCanceled' } });
    await h.sandbox.admin.advanceClock(180);
    expect((await run(conn)).counts).toMatchObject({ updated: 1, cancelled_before_import: 1 });
    expect(await stateOf(held.orderId)).toEqual({ state: 'CANCELLED', hold_reason: null, hold_detail: null, amazon_status: 'CANCELLED' });
    expect((await h.http(TENANT, 'GET', `/orders/diagnostics/${held.orderId}?connectionId=${conn}`)).body).toMatchObject({ verdict: 'CANCELLED' });
    expect((await h.http(TENANT, 'GET', `/orders?connectionId=${conn}&state=CANCELLED`)).body.total).toBe(1);

    // The mapping that would have released it releases only the order still held.
    expect((await mapping(conn, 'NEXT_DAY')).body.released).toBe(1);
    await h.sandbox.admin.advanceClock(180);
    await run(conn);
    expect(await imported(conn)).toEqual([other.orderId]);
    expect((await stateOf(held.orderId))?.state).toBe('CANCELLED');
  });
});
