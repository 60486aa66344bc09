import { JobEntity } from '@amazon-channel/platform-service';
import type { Order } from '@amazon-channel/sp-api';
import { setTimeout as delay } from 'node:timers/promises';
import { v7 as uuidv7 } from 'uuid';
import { PiiRedactionJobHandler } from '../../pii/pii-redaction.job-handler';
import { startOrdersHarness, type OrdersHarness } from '../../testing/orders-harness';
import { DEFAULT_GET_ORDERS_SETTINGS, toOrderCandidate } from '../domain/order-candidate';
import { compileGetOrdersTemplate } from '../order-settings.service';
import { OrdersError } from '../orders.error';
import { GetOrdersJobHandler } from './get-orders.job-handler';
import { ImportOrdersUseCase } from './import-orders.use-case';

const TENANT = 'tenant-orders';
const OTHER_TENANT = 'tenant-other';
jest.setTimeout(120_000);

describe('orders service against the sandbox, PostgreSQL and Kafka', () => {
  let h: OrdersHarness;
  let getOrders: GetOrdersJobHandler;
  let redaction: PiiRedactionJobHandler;

  const run = async (connectionId: string) => await getOrders.run(h.context(TENANT, connectionId, 'get-orders').context);
  const count = async (sql: string, params: unknown[]) => Number((await h.dataSource.query(sql, params))[0].n);
  const events = async (eventType: string, connectionId: string): Promise<Array<Record<string, any>>> =>
    (
      await h.dataSource.query(`SELECT payload FROM orders.outbox_events WHERE event_type = $1 AND payload->>'connectionId' = $2 ORDER BY sequence`, [
        eventType,
        connectionId,
      ])
    ).map((r: { payload: any }) => r.payload);
  /** Stores the run's row, as the scheduler's request would have: its checkpoints then commit with its pages. */
  const recorded = (job: JobEntity) => h.dataSource.getRepository(JobEntity).insert({ ...job });
  const sandboxNow = async () => (await h.sandbox.admin.clock()).epochMs;
  const hoursAgo = async (hours: number) => new Date((await sandboxNow()) - hours * 3_600_000).toISOString();
  const mapping = (connectionId: string, serviceLevelCategory: string, channelShippingText: string, shippingPolicy: string) =>
    h.http(TENANT, 'POST', `/connections/${connectionId}/shipping-mappings`, { channelShippingText, serviceLevelCategory, shippingPolicy });

  beforeAll(async () => {
    h = await startOrdersHarness('orders_get_orders', {}, TENANT);
    getOrders = h.service.app.get(GetOrdersJobHandler);
    redaction = h.service.app.get(PiiRedactionJobHandler);
    await h.http(TENANT, 'PUT', '/sources/src-compliant', { name: 'Compliant supplier', amazonCompliant: true });
    await h.http(TENANT, 'PUT', '/sources/src-plain', { name: 'Plain supplier', amazonCompliant: false });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('imports 1,000 orders across statuses and service levels once, and a re-run imports nothing twice', async () => {
    const conn = uuidv7(); // connection ids in paths are UUIDs
    const seller = await h.seller(TENANT, conn);
    expect((await mapping(conn, 'Standard', 'Std US D2D Dom', 'Ground')).status).toBe(201);
    expect((await mapping(conn, 'EXPEDITED', 'Exp US D2D Dom', 'Two-day air')).status).toBe(201);
    const statuses = ['UNSHIPPED', 'UNSHIPPED', 'SHIPPED', 'CANCELLED', 'PENDING'] as const;
    const levels = ['STANDARD', 'EXPEDITED', 'STANDARD', 'SECOND_DAY'] as const;
    const createdTime = await hoursAgo(1);
    const specs = Array.from({ length: 1000 }, (_, i) => ({ status: statuses[i % 5], serviceLevel: levels[i % 4], createdTime }));
    const created = await h.sandbox.admin.createOrders(seller, specs);
    const unshipped = specs.filter((s) => s.status === 'UNSHIPPED');
    const heldExpected = unshipped.filter((s, i) => s.serviceLevel === 'SECOND_DAY' && i >= 0).length;

    const first = await run(conn);
    expect(first.outcome).toBe('SUCCEEDED');
    expect(first.counts).toMatchObject({ created: unshipped.length, held: heldExpected, skipped_status: 600, pages: 10 });
    expect(await count(`SELECT count(*) n FROM orders.orders WHERE connection_id = $1`, [conn])).toBe(400);
    expect(
      await count(`SELECT count(*) n FROM orders.orders WHERE connection_id = $1 AND state = 'HELD' AND hold_reason = 'MISSING_SHIPPING_MAPPING'`, [conn]),
    ).toBe(heldExpected);
    const imported = await events('orders.order-imported', conn);
    expect(imported).toHaveLength(400 - heldExpected);
    expect(new Set(imported.map((e) => e.data.amazonOrderId)).size).toBe(imported.length);
    const sample = imported[0].data;
    expect(sample.eligibleSourceIds).toEqual(['src-compliant']);
    expect(['Ground', 'Two-day air']).toContain(sample.shippingPolicy);
    expect(sample.total.amountMinor).toBeGreaterThan(0);
    // No buyer data on the bus.
    const buyerNames = new Set(created.map((o: any) => o.buyer?.buyerName as string));
    expect(JSON.stringify(imported)).not.toMatch(new RegExp([...buyerNames].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')));
    // PII is stored encrypted, never in clear.
    const pii = await h.dataSource.query(`SELECT buyer_name, shipping_address FROM orders.order_pii LIMIT 1`);
    expect(pii[0].buyer_name).toMatch(/^v1\.test-1\./);

    const second = await run(conn);
    expect(second.counts).toMatchObject({ created: 0, updated: 0 });
    expect(await count(`SELECT count(*) n FROM orders.orders WHERE connection_id = $1`, [conn])).toBe(400);
    expect(await events('orders.order-imported', conn)).toHaveLength(400 - heldExpected);

    // The relay delivers the events to Kafka.
    // Up to a minute: on a loaded 2-core machine the relay shares the CPU with the broker.
    for (let i = 0; i < 300 && (await count(`SELECT count(*) n FROM orders.outbox_events WHERE published_at IS NULL`, [])) > 0; i++) await delay(200);
    expect(await count(`SELECT count(*) n FROM orders.outbox_events WHERE published_at IS NULL`, [])).toBe(0);

    // Diagnostics: held, status filtered, unknown.
    const held = (await h.dataSource.query(`SELECT amazon_order_id FROM orders.orders WHERE connection_id = $1 AND state = 'HELD' LIMIT 1`, [conn]))[0]
      .amazon_order_id;
    const diag = await h.http(TENANT, 'GET', `/orders/diagnostics/${held}?connectionId=${conn}`);
    expect(diag.body).toMatchObject({ verdict: 'HELD', reason: 'MISSING_SHIPPING_MAPPING' });
    const shipped = created[2].orderId;
    expect((await h.http(TENANT, 'GET', `/orders/diagnostics/${shipped}?connectionId=${conn}`)).body).toMatchObject({ verdict: 'STATUS_FILTERED' });
    expect((await h.http(TENANT, 'GET', `/orders/diagnostics/999-0000000-0000000?connectionId=${conn}`)).body.verdict).toBe('NOT_RETURNED_BY_AMAZON');
    const neverRun = uuidv7();
    await h.announce(neverRun);
    expect((await h.http(TENANT, 'GET', `/orders/diagnostics/999-0000000-0000000?connectionId=${neverRun}`)).body.verdict).toBe('NOT_YET_POLLED');

    // Adding the missing mapping releases the held orders at once, each announced once.
    const added = await mapping(conn, 'SecondDay', 'Second US D2D Dom', 'Overnight');
    expect(added.body.released).toBe(heldExpected);
    expect(await events('orders.order-imported', conn)).toHaveLength(400);
    expect((await h.http(TENANT, 'GET', `/orders/diagnostics/${held}?connectionId=${conn}`)).body.verdict).toBe('IMPORTED');
    expect((await run(conn)).counts).toMatchObject({ created: 0, released: 0 });
    expect(await events('orders.order-imported', conn)).toHaveLength(400);
  });

  it('explains orders outside the created-within window and holds absurd quantities without aborting the batch', async () => {
    const conn = uuidv7(); // connection ids in paths are UUIDs
    const seller = await h.seller(TENANT, conn);
    await mapping(conn, 'STANDARD', 'Std US D2D Dom', 'Ground');
    const [old, absurd, fine] = await h.sandbox.admin.createOrders(seller, [
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime: await hoursAgo(24 * 10) },
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime: await hoursAgo(1), items: [{ quantity: 50_000 }] },
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime: await hoursAgo(1) },
    ]);
    // A buyer change brings the 10-day-old order into the last-updated window.
    await h.sandbox.admin.changeOrder(seller, old.orderId, { serviceLevel: 'STANDARD' });
    await h.sandbox.admin.advanceClock(180);
    const result = await run(conn);
    expect(result.counts).toMatchObject({ created: 2, held: 1, skipped_created_window: 1 });
    expect((await h.http(TENANT, 'GET', `/orders/diagnostics/${old.orderId}?connectionId=${conn}`)).body).toMatchObject({ verdict: 'OUTSIDE_CREATED_WINDOW' });
    expect((await h.http(TENANT, 'GET', `/orders/diagnostics/${absurd.orderId}?connectionId=${conn}`)).body).toMatchObject({
      verdict: 'HELD',
      reason: 'ABSURD_QUANTITY',
    });
    expect((await h.http(TENANT, 'GET', `/orders/diagnostics/${fine.orderId}?connectionId=${conn}`)).body.verdict).toBe('IMPORTED');
  });

  it('emits OrderCancelled for full and partial cancellations with the affected lines, and OrderUpdated for added lines', async () => {
    const conn = uuidv7(); // connection ids in paths are UUIDs
    const seller = await h.seller(TENANT, conn);
    await mapping(conn, 'STANDARD', 'Std US D2D Dom', 'Ground');
    const createdTime = await hoursAgo(1);
    const [full, partial, grown] = await h.sandbox.admin.createOrders(seller, [
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime, items: [{ quantity: 1 }, { quantity: 2 }] },
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime, items: [{ quantity: 3 }, { quantity: 1 }] },
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime, items: [{ quantity: 1 }] },
    ]);
    expect((await run(conn)).counts).toMatchObject({ created: 3 });
    await h.sandbox.admin.changeOrder(seller, grown.orderId, { addItems: [{ quantity: 2 }] });
    const partialItems = partial.orderItems as Array<{ orderItemId: string; product: { sellerSku: string } }>;
    await h.sandbox.admin.changeOrder(seller, full.orderId, { cancel: { by: 'BUYER', reason: 'BuyerCanceled' } });
    await h.sandbox.admin.changeOrder(seller, partial.orderId, {
      cancel: { by: 'MERCHANT', reason: 'NoInventory', items: [{ orderItemId: partialItems[0].orderItemId, quantity: 1 }] },
    });
    await h.sandbox.admin.advanceClock(180);
    expect((await run(conn)).counts).toMatchObject({ created: 0, updated: 3, cancelled: 2 });
    const cancelled = (await events('orders.order-cancelled', conn)).map((e) => e.data);
    const fullEvent = cancelled.find((e) => e.amazonOrderId === full.orderId);
    expect(fullEvent.scope).toBe('FULL');
    expect(fullEvent.lines.map((l: any) => l.cancelledQuantity).sort()).toEqual([1, 2]);
    expect(cancelled.find((e) => e.amazonOrderId === partial.orderId)).toMatchObject({
      scope: 'PARTIAL',
      lines: [{ orderItemId: partialItems[0].orderItemId, sku: partialItems[0].product.sellerSku, cancelledQuantity: 1 }],
    });
    const updated = (await events('orders.order-updated', conn)).map((e) => e.data);
    expect(updated).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ amazonOrderId: full.orderId, changes: ['status'], status: 'CANCELLED' }),
        expect.objectContaining({ amazonOrderId: grown.orderId, changes: ['lines'], status: 'UNSHIPPED' }),
      ]),
    );
    expect(updated).toHaveLength(2);
    // A cancelled line is kept (with its cancelled quantity), unlike a line Amazon stops listing.
    expect(
      await h.dataSource.query(
        `SELECT i.order_item_id, i.quantity_cancelled FROM orders.order_items i JOIN orders.orders o ON o.id = i.order_id WHERE o.amazon_order_id = $1 ORDER BY i.quantity_cancelled DESC`,
        [partial.orderId],
      ),
    ).toEqual([
      { order_item_id: partialItems[0].orderItemId, quantity_cancelled: 1 },
      { order_item_id: partialItems[1].orderItemId, quantity_cancelled: 0 },
    ]);
    // Read again: nothing new.
    await h.sandbox.admin.advanceClock(180);
    await run(conn);
    expect(await events('orders.order-cancelled', conn)).toHaveLength(2);
  });

  it('a changed shipping address updates the stored PII and emits OrderUpdated without the address; a respelling is no change', async () => {
    const conn = uuidv7(); // connection ids in paths are UUIDs
    const seller = await h.seller(TENANT, conn);
    await mapping(conn, 'STANDARD', 'Std US D2D Dom', 'Ground');
    const address = {
      name: 'Ignatius Fernwhistle',
      addressLine1: '12 Harbour Road',
      city: 'Quillport',
      stateOrRegion: 'ME',
      postalCode: '04101',
      countryCode: 'US',
      phone: '+1 555 0142',
    };
    const createdTime = await hoursAgo(1);
    const [moved, respelled, untouched] = await h.sandbox.admin.createOrders(seller, [
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime, address },
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime, address },
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime, address },
    ]);
    expect((await run(conn)).counts).toMatchObject({ created: 3 });
    const fingerprints = async () =>
      new Map<string, string>(
        (
          await h.dataSource.query(
            `SELECT o.amazon_order_id, p.shipping_address_fingerprint f FROM orders.order_pii p JOIN orders.orders o ON o.id = p.order_id WHERE o.connection_id = $1`,
            [conn],
          )
        ).map((r: { amazon_order_id: string; f: string }) => [r.amazon_order_id, r.f]),
      );
    const before = await fingerprints();
    expect(before.get(moved.orderId)).toMatch(/^test-1\./);
    // Keyed: the same address gives the same fingerprint, which is not the address in clear.
    expect(before.get(respelled.orderId)).toBe(before.get(moved.orderId));
    expect(before.get(moved.orderId)).not.toContain('Harbour');

    await h.sandbox.admin.changeOrder(seller, moved.orderId, { address: { ...address, addressLine1: '9 Lighthouse Quay', postalCode: '04102' } });
    await h.sandbox.admin.changeOrder(seller, respelled.orderId, { address: { ...address, addressLine1: ' 12  harbour ROAD ', city: 'QUILLPORT' } });
    await h.sandbox.admin.advanceClock(180);
    expect((await run(conn)).counts).toMatchObject({ created: 0, updated: 2 });

    const updated = await events('orders.order-updated', conn);
    expect(updated.map((e) => e.data)).toEqual([
      { orderId: expect.any(String), connectionId: conn, amazonOrderId: moved.orderId, changes: ['shipping_address'], status: 'UNSHIPPED' },
    ]);
    expect(JSON.stringify(updated)).not.toMatch(/Lighthouse|Harbour|Quillport|Fernwhistle|04102/i);
    const after = await fingerprints();
    expect(after.get(moved.orderId)).not.toBe(before.get(moved.orderId));
    expect(after.get(respelled.orderId)).toBe(before.get(respelled.orderId));
    expect(after.get(untouched.orderId)).toBe(before.get(untouched.orderId));
    const movedId = (await h.dataSource.query(`SELECT id FROM orders.orders WHERE amazon_order_id = $1`, [moved.orderId]))[0].id;
    const pii = await h.http(TENANT, 'GET', `/orders/${movedId}/pii?purpose=print%20label`);
    expect(pii.body.shippingAddress).toMatchObject({ addressLine1: '9 Lighthouse Quay', postalCode: '04102', city: 'Quillport' });

    // An address stored before fingerprints existed gets one on the next read, with no event (nothing to compare).
    await h.dataSource.query(`UPDATE orders.order_pii SET shipping_address_fingerprint = NULL WHERE order_id = $1`, [movedId]);
    expect((await run(conn)).counts).toMatchObject({ updated: 0 });
    expect((await fingerprints()).get(moved.orderId)).toBe(after.get(moved.orderId));
    expect(await events('orders.order-updated', conn)).toHaveLength(1);
  });

  it('deletes the stored lines Amazon no longer lists and says so with OrderUpdated', async () => {
    const conn = uuidv7(); // connection ids in paths are UUIDs
    const seller = await h.seller(TENANT, conn);
    await mapping(conn, 'STANDARD', 'Std US D2D Dom', 'Ground');
    const [order] = (await h.sandbox.admin.createOrders(seller, [
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime: await hoursAgo(1), items: [{ quantity: 1 }, { quantity: 2 }, { quantity: 1 }] },
    ])) as unknown as Order[];
    expect((await run(conn)).counts).toMatchObject({ created: 1 });
    const id = (await h.dataSource.query(`SELECT id FROM orders.orders WHERE amazon_order_id = $1`, [order.orderId]))[0].id;
    expect((await h.http(TENANT, 'GET', `/orders/${id}`)).body.items).toHaveLength(3);

    // The sandbox cannot drop a line, so Amazon's next version of the order is the one it returned
    // (every included dataset, as searchOrders renders it) without its second line, one minute later.
    const [kept1, gone, kept2] = order.orderItems;
    const later: Order = {
      ...order,
      orderItems: [kept1, kept2],
      lastUpdatedTime: new Date(Date.parse(order.lastUpdatedTime as string) + 60_000).toISOString(),
    };
    const importOrders = h.service.app.get(ImportOrdersUseCase);
    const scope = {
      tenantId: TENANT,
      connectionId: conn,
      account: { sellingPartnerId: seller, region: 'NA' },
      connectionMarketplaceId: 'ATVPDKIKX0DER',
      settings: DEFAULT_GET_ORDERS_SETTINGS,
      mappings: [{ channelShippingText: 'Std US D2D Dom', serviceLevelCategory: 'STANDARD', shippingPolicy: 'Ground' }],
      now: h.clock.now(),
      correlationId: uuidv7(),
      causationId: null,
    };
    const candidate = toOrderCandidate(later, compileGetOrdersTemplate({ template: null, productCode: 'SKU' }));
    expect((await importOrders.applyPage(scope, [candidate])).counts).toMatchObject({ updated: 1, cancelled: 0 });

    const lines = (await h.http(TENANT, 'GET', `/orders/${id}`)).body.items as Array<{ orderItemId: string }>;
    expect(lines.map((l) => l.orderItemId).sort()).toEqual([kept1.orderItemId, kept2.orderItemId].sort());
    expect(lines.map((l) => l.orderItemId)).not.toContain(gone.orderItemId);
    expect((await events('orders.order-updated', conn)).map((e) => e.data)).toEqual([
      expect.objectContaining({ amazonOrderId: order.orderId, changes: ['lines'] }),
    ]);
    expect(await events('orders.order-cancelled', conn)).toHaveLength(0);
    // The same version read again changes nothing.
    expect((await importOrders.applyPage(scope, [candidate])).counts).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await events('orders.order-updated', conn)).toHaveLength(1);
  });

  it('two runs started together produce one set of orders and one OrderImported each', async () => {
    const conn = uuidv7(); // connection ids in paths are UUIDs
    const seller = await h.seller(TENANT, conn);
    await mapping(conn, 'STANDARD', 'Std US D2D Dom', 'Ground');
    const createdTime = await hoursAgo(1);
    await h.sandbox.admin.createOrders(
      seller,
      Array.from({ length: 250 }, () => ({ status: 'UNSHIPPED' as const, serviceLevel: 'STANDARD' as const, createdTime })),
    );
    const [a, b] = await Promise.all([run(conn), run(conn)]);
    expect(a.counts.created + b.counts.created).toBe(250);
    expect(await count(`SELECT count(*) n FROM orders.orders WHERE connection_id = $1`, [conn])).toBe(250);
    expect(
      await count(`SELECT count(*) n FROM orders.order_items i JOIN orders.orders o ON o.id = i.order_id WHERE o.connection_id = $1`, [conn]),
    ).toBeGreaterThanOrEqual(250);
    const imported = await events('orders.order-imported', conn);
    expect(imported).toHaveLength(250);
    expect(new Set(imported.map((e) => e.data.amazonOrderId)).size).toBe(250);
  });

  it('a worker killed between pages resumes from the last committed page, importing nothing twice', async () => {
    const conn = uuidv7(); // connection ids in paths are UUIDs
    const seller = await h.seller(TENANT, conn);
    await mapping(conn, 'STANDARD', 'Std US D2D Dom', 'Ground');
    const createdTime = await hoursAgo(1);
    await h.sandbox.admin.createOrders(
      seller,
      Array.from({ length: 230 }, () => ({ status: 'UNSHIPPED' as const, serviceLevel: 'STANDARD' as const, createdTime })),
    );
    const { context } = h.context(TENANT, conn, 'get-orders');
    await recorded(context.job);
    // The worker dies while committing page 2: its transaction never commits (the database refuses the
    // checkpoint that says "2 pages read", as a killed process's open transaction is rolled back).
    await h.dataSource.query(
      `CREATE FUNCTION orders.die_at_page_2() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.id = '${context.job.id}' AND NEW.cursor->>'pages' = '2' THEN RAISE EXCEPTION 'worker killed'; END IF; RETURN NEW; END $$`,
    );
    await h.dataSource.query(`CREATE TRIGGER die_at_page_2 BEFORE UPDATE ON orders.jobs FOR EACH ROW EXECUTE FUNCTION orders.die_at_page_2()`);
    try {
      await expect(getOrders.run(context)).rejects.toThrow();
    } finally {
      await h.dataSource.query(`DROP TRIGGER die_at_page_2 ON orders.jobs; DROP FUNCTION orders.die_at_page_2()`);
    }
    // What committed is page 1 and the checkpoint after it, together: nothing of page 2.
    const saved = await h.dataSource.getRepository(JobEntity).findOneByOrFail({ id: context.job.id });
    expect(saved).toMatchObject({ step: 'page-applied', cursor: expect.objectContaining({ pages: 1 }), counts: expect.objectContaining({ created: 100 }) });
    expect(await count(`SELECT count(*) n FROM orders.orders WHERE connection_id = $1`, [conn])).toBe(100);
    expect(await events('orders.order-imported', conn)).toHaveLength(100);
    // Another worker picks the run up from the row: pages 2 and 3 only, each order created once.
    const resumed = await getOrders.run(
      h.context(TENANT, conn, 'get-orders', { id: saved.id, step: saved.step, cursor: saved.cursor, counts: saved.counts }).context,
    );
    expect(resumed.counts).toMatchObject({ created: 230, pages: 3 });
    expect(await count(`SELECT count(*) n FROM orders.orders WHERE connection_id = $1`, [conn])).toBe(230);
    const imported = await events('orders.order-imported', conn);
    expect(imported).toHaveLength(230);
    expect(new Set(imported.map((e) => e.data.amazonOrderId)).size).toBe(230);
  });

  it('loses no order at a page boundary when an order already read changes while the run pages on', async () => {
    const conn = uuidv7(); // connection ids in paths are UUIDs
    const seller = await h.seller(TENANT, conn);
    await mapping(conn, 'STANDARD', 'Std US D2D Dom', 'Ground');
    // Orders updated a second apart, as real ones are; the first is on the first page.
    const start = (await sandboxNow()) - 2 * 3_600_000;
    const created = await h.sandbox.admin.createOrders(
      seller,
      Array.from({ length: 250 }, (_, i) => ({
        status: 'UNSHIPPED' as const,
        serviceLevel: 'STANDARD' as const,
        createdTime: new Date(start + i * 1000).toISOString(),
      })),
    );
    const { context } = h.context(TENANT, conn, 'get-orders');
    await recorded(context.job);
    // Page 1's transaction waits at its checkpoint on a lock this test holds, so the buyer's change lands
    // after page 1 was read and before page 2 is: Amazon's list of the window loses that order (its new
    // update time is later), and everything after it moves up one place.
    const gate = h.dataSource.createQueryRunner();
    await gate.connect();
    const LOCK = 7_020_002;
    await gate.query('SELECT pg_advisory_lock($1)', [LOCK]);
    await h.dataSource.query(
      `CREATE FUNCTION orders.wait_at_page_1() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.id = '${context.job.id}' AND NEW.cursor->>'pages' = '1' THEN PERFORM pg_advisory_xact_lock(${LOCK}); END IF; RETURN NEW; END $$`,
    );
    await h.dataSource.query(`CREATE TRIGGER wait_at_page_1 BEFORE UPDATE ON orders.jobs FOR EACH ROW EXECUTE FUNCTION orders.wait_at_page_1()`);
    try {
      const running = getOrders.run(context);
      const waiting = async () => count(`SELECT count(*) n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, [LOCK]);
      while ((await waiting()) === 0) await delay(20);
      await h.sandbox.admin.changeOrder(seller, created[0].orderId, { serviceLevel: 'STANDARD' });
      await gate.query('SELECT pg_advisory_unlock($1)', [LOCK]);
      const result = await running;
      expect(result.outcome).toBe('SUCCEEDED');
      // Each page after the first starts at the previous page's last update time, so the order at
      // that boundary is read twice: 3 pages for 250 orders, well within the 5% call budget here.
      expect(result.counts.pages).toBe(3);
    } finally {
      await gate.release();
      await h.dataSource.query(`DROP TRIGGER wait_at_page_1 ON orders.jobs; DROP FUNCTION orders.wait_at_page_1()`);
    }
    const stored = (await h.dataSource.query(`SELECT amazon_order_id FROM orders.orders WHERE connection_id = $1`, [conn])).map(
      (r: { amazon_order_id: string }) => r.amazon_order_id,
    );
    expect(new Set(stored)).toEqual(new Set(created.map((o) => o.orderId)));
    expect(stored).toHaveLength(250);
    const imported = await events('orders.order-imported', conn);
    expect(new Set(imported.map((e) => e.data.amazonOrderId)).size).toBe(250);
    expect(imported).toHaveLength(250);
  });

  it('keeps pending orders as reservations without PII and promotes them when Amazon releases them', async () => {
    const conn = uuidv7(); // connection ids in paths are UUIDs
    const seller = await h.seller(TENANT, conn);
    await mapping(conn, 'STANDARD', 'Std US D2D Dom', 'Ground');
    expect((await h.http(TENANT, 'PUT', `/connections/${conn}/order-settings`, { keepPendingAsReservations: true, productCode: 'ASIN' })).status).toBe(200);
    const [pending] = await h.sandbox.admin.createOrders(seller, [{ status: 'PENDING', serviceLevel: 'STANDARD', createdTime: await hoursAgo(1) }]);
    expect((await run(conn)).counts).toMatchObject({ created: 1, reserved: 1 });
    const row = (await h.dataSource.query(`SELECT id, state FROM orders.orders WHERE amazon_order_id = $1`, [pending.orderId]))[0];
    expect(row.state).toBe('RESERVED');
    expect(await count(`SELECT count(*) n FROM orders.order_pii WHERE order_id = $1`, [row.id])).toBe(0);
    expect(await events('orders.order-imported', conn)).toHaveLength(0);
    await h.sandbox.admin.changeOrder(seller, pending.orderId, { status: 'UNSHIPPED' });
    await h.sandbox.admin.advanceClock(180);
    expect((await run(conn)).counts).toMatchObject({ released: 1 });
    const [imported] = await events('orders.order-imported', conn);
    expect(imported.data.amazonOrderId).toBe(pending.orderId);
    // The connection asked for ASINs as product codes.
    expect(imported.data.lines[0].productCode).toMatch(/^B0/);
    expect(await count(`SELECT count(*) n FROM orders.order_pii WHERE order_id = $1`, [row.id])).toBe(1);
  });

  it('isolates tenants, audits PII reads and refuses routing to a non-compliant source with 409', async () => {
    const conn = uuidv7(); // connection ids in paths are UUIDs
    const seller = await h.seller(TENANT, conn);
    await mapping(conn, 'STANDARD', 'Std US D2D Dom', 'Ground');
    const [order] = await h.sandbox.admin.createOrders(seller, [
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime: await hoursAgo(1), buyer: { name: 'Zelda Quartermain', email: 'zelda@example.test' } },
    ]);
    await run(conn);
    const list = await h.http(TENANT, 'GET', `/orders?connectionId=${conn}`);
    expect(list.body.total).toBe(1);
    const id = list.body.orders[0].id;
    expect(JSON.stringify(list.body)).not.toContain('Zelda');
    expect((await h.http(OTHER_TENANT, 'GET', `/orders/${id}`)).status).toBe(404);
    expect((await h.http(OTHER_TENANT, 'GET', `/orders?connectionId=${conn}`)).status).toBe(404);
    expect((await h.http(OTHER_TENANT, 'GET', `/orders/${id}/pii?purpose=print%20label`)).status).toBe(404);
    expect((await h.http(TENANT, 'GET', `/orders/${id}/pii`)).status).toBe(400);
    const pii = await h.http(TENANT, 'GET', `/orders/${id}/pii?purpose=print%20packing%20slip`);
    expect(pii.body).toMatchObject({ amazonOrderId: order.orderId, buyerName: 'Zelda Quartermain', buyerEmail: 'zelda@example.test' });
    const audit = await h.http(TENANT, 'GET', `/orders/${id}/pii-audit`);
    expect(audit.body).toEqual([expect.objectContaining({ action: 'READ', actor: `user-of-${TENANT}`, purpose: 'print packing slip' })]);
    expect(JSON.stringify(audit.body)).not.toContain('Zelda');
    const refused = await h.http(TENANT, 'POST', `/orders/${id}/route`, { sourceId: 'src-plain' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('SOURCE_NOT_COMPLIANT');
    expect((await h.http(TENANT, 'POST', `/orders/${id}/route`, { sourceId: 'src-compliant' })).body.routedSourceId).toBe('src-compliant');
    // Registration is announced once per change: two sources registered, an unchanged PUT emits nothing.
    expect((await h.http(TENANT, 'PUT', '/sources/src-plain', { name: 'Plain supplier', amazonCompliant: false })).status).toBe(200);
    const announced = await h.dataSource.query(
      `SELECT payload FROM orders.outbox_events WHERE event_type = 'orders.source-compliance-changed' ORDER BY sequence`,
    );
    expect(
      announced.map((r: { payload: { data: { sourceId: string; amazonCompliant: boolean } } }) => [r.payload.data.sourceId, r.payload.data.amazonCompliant]),
    ).toEqual([
      ['src-compliant', true],
      ['src-plain', false],
    ]);
    expect((await h.http(TENANT, 'GET', `/orders`)).status).toBe(200);
    expect((await fetch(`${h.service.url}/orders`)).status).toBe(401);
    expect((await fetch(`${h.service.url}/health/live`)).status).toBe(200);
  });

  it('runs a queued get-orders job through the service job runner', async () => {
    const conn = uuidv7(); // connection ids in paths are UUIDs
    const seller = await h.seller(TENANT, conn);
    await mapping(conn, 'STANDARD', 'Std US D2D Dom', 'Ground');
    await h.sandbox.admin.createOrders(seller, [{ status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime: await hoursAgo(1) }]);
    const id = uuidv7();
    await h.dataSource
      .getRepository(JobEntity)
      .insert({ id, tenantId: TENANT, connectionId: conn, operation: 'get-orders', trigger: 'API', settings: {}, requestedAt: new Date() });
    let job = await h.dataSource.getRepository(JobEntity).findOneByOrFail({ id });
    for (let i = 0; i < 100 && !['SUCCEEDED', 'FAILED'].includes(job.status); i++) {
      await delay(200);
      job = await h.dataSource.getRepository(JobEntity).findOneByOrFail({ id });
    }
    expect(job.status).toBe('SUCCEEDED');
    expect(job.counts).toMatchObject({ created: 1 });
    expect((await h.http(TENANT, 'GET', `/jobs/${id}`)).body.status).toBe('SUCCEEDED');
  });

  it('never logs buyer names, emails or addresses during an import', async () => {
    const conn = uuidv7(); // connection ids in paths are UUIDs
    const seller = await h.seller(TENANT, conn);
    const created = await h.sandbox.admin.createOrders(seller, [
      {
        status: 'UNSHIPPED',
        serviceLevel: 'NEXT_DAY',
        createdTime: await hoursAgo(1),
        buyer: { name: 'Octavia Pennywhistle', email: 'octavia.p@example.test' },
        address: {
          name: 'Octavia Pennywhistle',
          addressLine1: '77 Lanternlight Lane',
          city: 'Bexleyhaven',
          stateOrRegion: 'WA',
          postalCode: '98999',
          countryCode: 'US',
          phone: '+1 555 0199',
        },
      },
    ]);
    await run(conn);
    await h.http(TENANT, 'GET', `/orders/diagnostics/${created[0].orderId}?connectionId=${conn}`);
    const logs = h.logs();
    expect(logs).toContain('get-orders');
    for (const secret of ['Octavia', 'Pennywhistle', 'octavia.p@example.test', 'Lanternlight', 'Bexleyhaven', '555 0199']) expect(logs).not.toContain(secret);
  });

  it('erases buyer data 30 days after shipment once both clocks moved 31 days, with OrderPiiRedacted and an audit row', async () => {
    const conn = uuidv7(); // connection ids in paths are UUIDs
    const seller = await h.seller(TENANT, conn);
    await mapping(conn, 'STANDARD', 'Std US D2D Dom', 'Ground');
    const [order] = await h.sandbox.admin.createOrders(seller, [
      { status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime: await hoursAgo(1), buyer: { name: 'Rufus Kettleby', email: 'rufus@example.test' } },
    ]);
    await run(conn);
    await h.sandbox.admin.changeOrder(seller, order.orderId, { status: 'SHIPPED' });
    await h.sandbox.admin.advanceClock(180);
    await run(conn);
    const row = (await h.dataSource.query(`SELECT id, shipped_at FROM orders.orders WHERE amazon_order_id = $1`, [order.orderId]))[0];
    expect(row.shipped_at).not.toBeNull();
    expect((await redaction.run(h.context(TENANT, conn, 'pii-redaction').context)).counts).toEqual({ redacted: 0 });

    await h.sandbox.admin.advanceClock(31 * 86_400);
    h.clock.advanceDays(31);
    expect((await redaction.run(h.context(TENANT, conn, 'pii-redaction').context)).counts).toEqual({ redacted: 1 });
    expect(await count(`SELECT count(*) n FROM orders.order_pii WHERE order_id = $1`, [row.id])).toBe(0);
    const gone = await h.http(TENANT, 'GET', `/orders/${row.id}/pii?purpose=late%20look`);
    expect(gone.status).toBe(410);
    const audit = (await h.http(TENANT, 'GET', `/orders/${row.id}/pii-audit`)).body;
    expect(audit.map((a: any) => a.action)).toEqual(['REDACTED']);
    expect(JSON.stringify(audit)).not.toMatch(/Rufus|Kettleby|rufus@/);
    expect((await events('orders.order-pii-redacted', conn)).map((e) => e.data.amazonOrderId)).toEqual([order.orderId]);
    // A later read of Amazon's changes does not bring the erased data back.
    await h.sandbox.admin.changeOrder(seller, order.orderId, { serviceLevel: 'EXPEDITED' });
    await h.sandbox.admin.advanceClock(180);
    await run(conn);
    expect(await count(`SELECT count(*) n FROM orders.order_pii WHERE order_id = $1`, [row.id])).toBe(0);
    expect((await redaction.run(h.context(TENANT, conn, 'pii-redaction').context)).counts).toEqual({ redacted: 0 });
  });

  it("refuses a job naming another tenant's connection as CONNECTION_NOT_FOUND and stores none of its orders", async () => {
    const conn = uuidv7();
    const seller = await h.seller(TENANT, conn);
    await h.sandbox.admin.createOrders(seller, [{ status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime: await hoursAgo(1) }]);

    const refused = await getOrders.run(h.context(OTHER_TENANT, conn, 'get-orders').context).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OrdersError);
    expect(refused).toMatchObject({ code: 'CONNECTION_NOT_FOUND', details: { connectionId: conn } });
    expect(await count(`SELECT count(*) n FROM orders.orders WHERE connection_id = $1`, [conn])).toBe(0);
    // The connection itself works for its own tenant.
    expect((await run(conn)).outcome).toBe('SUCCEEDED');
    expect(await count(`SELECT count(*) n FROM orders.orders WHERE connection_id = $1`, [conn])).toBe(1);
  });
});
