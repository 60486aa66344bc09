import { v7 as uuidv7 } from 'uuid';
import { startOrdersHarness, type OrdersHarness } from '../../testing/orders-harness';
import { DEFAULT_GET_ORDERS_SETTINGS, type OrderCandidate } from '../domain/order-candidate';
import { GetOrdersJobHandler } from './get-orders.job-handler';
import { ImportOrdersUseCase, type PageScope } from './import-orders.use-case';

// Connection ids are UUIDs (the API refuses any other id).
const CONN_CA = '01930000-0000-7000-8000-000000000001';
const CONN_CA_X = '01930000-0000-7000-8000-000000000002';
const CONN_LEGACY = '01930000-0000-7000-8000-000000000003';
const CONN_US = '01930000-0000-7000-8000-000000000004';
const CONN_US_A = '01930000-0000-7000-8000-000000000005';
const CONN_US_B = '01930000-0000-7000-8000-000000000006';

const TENANT = 'tenant-seller-account';
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
jest.setTimeout(180_000);

/**
 * One Amazon order is one platform order per seller account: a seller's US and CA connections
 * share one authorization (as auth-connections creates them), and each reads its own marketplace.
 */
describe('get-orders: one order once per seller account', () => {
  let h: OrdersHarness;
  let getOrders: GetOrdersJobHandler;

  const run = (connectionId: string) => getOrders.run(h.context(TENANT, connectionId, 'get-orders').context);
  const hoursAgo = async (hours: number) => new Date((await h.sandbox.admin.clock()).epochMs - hours * 3_600_000).toISOString();
  const mapping = (connectionId: string) =>
    h.http(TENANT, 'POST', `/connections/${connectionId}/shipping-mappings`, {
      channelShippingText: 'Std Dom',
      serviceLevelCategory: 'STANDARD',
      shippingPolicy: 'Ground',
    });

  beforeAll(async () => {
    h = await startOrdersHarness('orders_seller_account', {}, TENANT);
    getOrders = h.service.app.get(GetOrdersJobHandler);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('US and CA connections on one authorization, both jobs run twice in parallel: each order once, under its marketplace, one OrderImported each', async () => {
    const seller = await h.sellerWithConnections(TENANT, { [CONN_US]: US, [CONN_CA]: CA });
    expect((await mapping(CONN_US)).status).toBe(201);
    expect((await mapping(CONN_CA)).status).toBe(201);
    const createdTime = await hoursAgo(1);
    const created = await h.sandbox.admin.createOrders(seller, [
      ...Array.from({ length: 130 }, () => ({ marketplaceId: US, status: 'UNSHIPPED' as const, serviceLevel: 'STANDARD' as const, createdTime })),
      ...Array.from({ length: 120 }, () => ({ marketplaceId: CA, status: 'UNSHIPPED' as const, serviceLevel: 'STANDARD' as const, createdTime })),
    ]);
    const marketplaceOf = new Map(created.map((o) => [o.orderId, (o.salesChannel as { marketplaceId: string }).marketplaceId]));
    expect([...marketplaceOf.values()].filter((m) => m === CA)).toHaveLength(120);

    const results = await Promise.all([run(CONN_US), run(CONN_CA), run(CONN_US), run(CONN_CA)]);
    expect(results.map((r) => r.outcome)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    // Amazon was asked for each connection's own marketplace: no answer carried the other's orders.
    expect(results.map((r) => r.counts.skipped_other_marketplace)).toEqual([0, 0, 0, 0]);

    const rows = (await h.dataSource.query(
      `SELECT amazon_order_id, connection_id, marketplace_id, selling_partner_id, region FROM orders.orders WHERE tenant_id = $1`,
      [TENANT],
    )) as Array<{
      amazon_order_id: string;
      connection_id: string;
      marketplace_id: string;
      selling_partner_id: string;
      region: string;
    }>;
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((r) => r.amazon_order_id)).size).toBe(250);
    for (const r of rows) {
      expect(r).toMatchObject({
        connection_id: marketplaceOf.get(r.amazon_order_id) === CA ? CONN_CA : CONN_US,
        marketplace_id: marketplaceOf.get(r.amazon_order_id),
        selling_partner_id: seller,
        region: 'NA',
      });
    }
    const imported = (await h.dataSource.query(
      `SELECT payload FROM orders.outbox_events WHERE event_type = 'orders.order-imported' AND payload->>'tenantId' = $1`,
      [TENANT],
    )) as Array<{
      payload: { data: { amazonOrderId: string; connectionId: string } };
    }>;
    expect(imported).toHaveLength(250);
    expect(new Set(imported.map((e) => e.payload.data.amazonOrderId)).size).toBe(250);
    for (const e of imported) expect(e.payload.data.connectionId).toBe(marketplaceOf.get(e.payload.data.amazonOrderId) === CA ? CONN_CA : CONN_US);
  });

  it("stores an order once per seller account even when two connections apply it at the same moment, and leaves another marketplace's order alone", async () => {
    const seller = await h.sellerWithConnections(TENANT, { [CONN_US_A]: US });
    const importOrders = h.service.app.get(ImportOrdersUseCase);

    // The same Amazon order applied for two connections of the seller (say a connection made
    // twice for one marketplace) in parallel, as two racing jobs would: one row, no second OrderImported.
    const candidate: OrderCandidate = {
      amazonOrderId: '901-0000000-0000001',
      marketplaceId: US,
      amazonStatus: 'UNSHIPPED',
      fulfilledBy: 'MERCHANT',
      serviceLevel: 'STANDARD',
      shippingText: null,
      purchasedAt: new Date(),
      amazonUpdatedAt: new Date(),
      totalMinor: 999,
      currency: 'USD',
      shipBy: null,
      shippedAt: null,
      lines: [
        {
          orderItemId: '90000000000001',
          sku: 'SKU-1',
          asin: null,
          productCode: 'SKU-1',
          title: null,
          quantityOrdered: 1,
          quantityCancelled: 0,
          quantityShipped: 0,
          unitPriceMinor: 999,
          currency: 'USD',
        },
      ],
      pii: { buyerName: null, buyerEmail: null, shippingName: null, shippingPhone: null, shippingAddress: null },
      problem: null,
    };
    const scope = (connectionId: string, connectionMarketplaceId = US): PageScope => ({
      tenantId: TENANT,
      connectionId,
      account: { sellingPartnerId: seller, region: 'NA' },
      connectionMarketplaceId,
      settings: DEFAULT_GET_ORDERS_SETTINGS,
      mappings: [{ channelShippingText: 'Std Dom', serviceLevelCategory: 'STANDARD', shippingPolicy: 'Ground' }],
      now: new Date(),
      correlationId: uuidv7(),
      causationId: null,
    });
    const outcomes = await Promise.all([importOrders.applyPage(scope(CONN_US_A), [candidate]), importOrders.applyPage(scope(CONN_US_B), [candidate])]);
    expect(outcomes.map((o) => o.counts.created).sort()).toEqual([0, 1]);
    expect(Number((await h.dataSource.query(`SELECT count(*) n FROM orders.orders WHERE amazon_order_id = $1`, [candidate.amazonOrderId]))[0].n)).toBe(1);
    const announced = await h.dataSource.query(
      `SELECT 1 FROM orders.outbox_events WHERE event_type = 'orders.order-imported' AND payload->'data'->>'amazonOrderId' = $1`,
      [candidate.amazonOrderId],
    );
    expect(announced).toHaveLength(1);

    // A US order handed to the CA connection is not stored under it.
    const other = await importOrders.applyPage(scope(CONN_CA_X, CA), [{ ...candidate, amazonOrderId: '901-0000000-0000002' }]);
    expect(other.counts).toMatchObject({ created: 0, skipped_other_marketplace: 1 });
    expect(await h.dataSource.query(`SELECT 1 FROM orders.orders WHERE amazon_order_id = '901-0000000-0000002'`)).toHaveLength(0);
    await h.announce(CONN_CA_X, CA);
    expect((await h.http(TENANT, 'GET', `/orders/diagnostics/901-0000000-0000002?connectionId=${CONN_CA_X}`)).body).toMatchObject({
      verdict: 'OTHER_MARKETPLACE',
    });
  });

  it('keeps working with a row stored before the seller account was recorded: the next read completes it instead of adding a second order', async () => {
    const seller = await h.sellerWithConnections(TENANT, { [CONN_LEGACY]: US });
    await mapping(CONN_LEGACY);
    const [order] = await h.sandbox.admin.createOrders(seller, [
      { marketplaceId: US, status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime: await hoursAgo(1) },
    ]);
    expect((await run(CONN_LEGACY)).counts).toMatchObject({ created: 1 });
    // As the row would be after the migration: no seller account on it.
    await h.dataSource.query(`UPDATE orders.orders SET selling_partner_id = NULL, region = NULL WHERE amazon_order_id = $1`, [order.orderId]);
    await h.sandbox.admin.changeOrder(seller, order.orderId, { serviceLevel: 'STANDARD' });
    await h.sandbox.admin.advanceClock(180);
    expect((await run(CONN_LEGACY)).counts).toMatchObject({ created: 0, updated: 1 });
    expect(await h.dataSource.query(`SELECT connection_id, selling_partner_id, region FROM orders.orders WHERE amazon_order_id = $1`, [order.orderId])).toEqual(
      [{ connection_id: CONN_LEGACY, selling_partner_id: seller, region: 'NA' }],
    );
  });
});
