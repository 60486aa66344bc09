import { SandboxHarness, op } from '../testing/sandbox-harness';

const searchOrders = op('searchOrders');
const getOrder = op('getOrder', 'Orders 2026-01-01');
const confirmShipment = op('confirmShipment');
const updateShipmentStatus = op('updateShipmentStatus');

type Order = {
  orderId: string;
  buyer?: { buyerName?: string; buyerEmail?: string };
  recipient?: unknown;
  fulfillment?: { fulfillmentStatus: string; fulfilledBy: string };
  orderItems: Array<{
    orderItemId: string;
    quantityOrdered: number;
    fulfillment?: { quantityFulfilled: number; quantityUnfulfilled: number };
    cancellation?: unknown;
  }>;
  packages?: Array<{ packageReferenceId: string; trackingNumber: string; carrier: string; packageItems: Array<{ orderItemId: string; quantity: number }> }>;
};
type Search = { orders: Order[]; pagination?: { nextToken: string }; createdBefore?: string };
type Errors = { errors: Array<{ code: string; message: string; details?: string }> };

const SELLER = 'A1DEMOSELLER00';
const ORDER_ID = '113-0000001-0000001';

describe('Orders 2026-01-01 reads and Orders v0 shipment writes', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await SandboxHarness.start({ demoOrderCount: 30 });
    const created = await h.admin('POST', `/sellers/${SELLER}/orders`, {
      orders: [
        {
          orderId: ORDER_ID,
          marketplaceId: 'ATVPDKIKX0DER',
          items: [
            { orderItemId: '10000000000001', sku: 'SKU-0000001', quantity: 3 },
            { orderItemId: '10000000000002', sku: 'SKU-0000002', quantity: 1 },
          ],
        },
      ],
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => h.stop('orders'));

  const since = '2020-01-01T00:00:00Z';

  it('never lets a generated order replace an earlier one: a repeated generated id moves to a free one', async () => {
    // Under this seed, orders 5521 and 7446 created one by one draw the same id (112-3749905-9285949):
    // before the fix the later one replaced the earlier, and the seller held one order too few.
    const seller = 'A8DUP0011';
    const created = await h.admin('POST', '/sellers', {
      sellingPartnerId: seller,
      seed: 'sandbox:A8DUP0011',
      region: 'NA',
      marketplaceIds: ['ATVPDKIKX0DER'],
      orderCount: 0,
    });
    expect(created.status).toBe(201);
    const added = await h.admin<{ orders: Array<{ orderId: string }> }>('POST', `/sellers/${seller}/orders`, {
      orders: Array.from({ length: 7_447 }, () => ({})),
    });
    expect(added.status).toBe(201);
    expect(new Set(added.json?.orders.map((o) => o.orderId)).size).toBe(7_447);
    expect((await h.admin<{ orderCount: number }>('GET', `/sellers/${seller}`)).json?.orderCount).toBe(7_447);
  });

  it('requires exactly one of createdAfter and lastUpdatedAfter, and a before-date two minutes in the past', async () => {
    const none = await h.call<Errors>(searchOrders, { query: {} });
    expect(none.status).toBe(400);
    expect(none.json.errors[0]?.details).toBe('createdAfter');
    expect((await h.call(searchOrders, { query: { createdAfter: since, lastUpdatedAfter: since } })).status).toBe(400);
    expect((await h.call(searchOrders, { query: { createdAfter: since, createdBefore: new Date().toISOString() } })).status).toBe(400);
    expect((await h.call(searchOrders, { query: { createdAfter: 'TEST_CASE_400' } })).status).toBe(400);
    expect((await h.call(searchOrders, { query: { createdAfter: since, fulfillmentStatuses: 'SHIPPING' } })).status).toBe(400);
  });

  it('returns PII and fulfilment datasets only when asked for in includedData', async () => {
    const bare = await h.call<{ order: Order }>(getOrder, { params: { orderId: ORDER_ID } });
    expect(bare.status).toBe(200);
    expect(bare.json.order.buyer).toBeUndefined();
    expect(bare.json.order.recipient).toBeUndefined();
    expect(bare.json.order.fulfillment).toBeUndefined();
    const full = await h.call<{ order: Order }>(getOrder, {
      params: { orderId: ORDER_ID },
      query: { includedData: 'BUYER,RECIPIENT,FULFILLMENT,PROCEEDS,PACKAGES' },
    });
    expect(full.json.order.buyer?.buyerEmail).toMatch(/@/);
    expect(full.json.order.recipient).toBeDefined();
    expect(full.json.order.fulfillment).toMatchObject({ fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT' });
    expect((await h.call(getOrder, { params: { orderId: '999-9999999-9999999' } })).status).toBe(404);
    expect((await h.call(getOrder, { params: { orderId: 'TEST_CASE_400' } })).status).toBe(400);
  });

  it('filters by fulfilment status and fulfilledBy and pages with paginationToken bound to the query', async () => {
    const all: Order[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res: { json: Search } = await h.call<Search>(searchOrders, {
        query: { createdAfter: since, maxResultsPerPage: 7, includedData: 'FULFILLMENT', paginationToken: token },
      });
      all.push(...res.json.orders);
      token = res.json.pagination?.nextToken;
      pages++;
    } while (token);
    expect(all).toHaveLength(31);
    expect(pages).toBe(5);
    expect(new Set(all.map((o) => o.orderId)).size).toBe(31);

    const unshipped = await h.call<Search>(searchOrders, { query: { createdAfter: since, fulfillmentStatuses: 'UNSHIPPED', includedData: 'FULFILLMENT' } });
    expect(unshipped.json.orders.length).toBeGreaterThan(0);
    expect(unshipped.json.orders.every((o) => o.fulfillment?.fulfillmentStatus === 'UNSHIPPED')).toBe(true);
    const fba = await h.call<Search>(searchOrders, { query: { createdAfter: since, fulfilledBy: 'AMAZON', includedData: 'FULFILLMENT' } });
    expect(fba.json.orders.length).toBeGreaterThan(0);
    expect(fba.json.orders.every((o) => o.fulfillment?.fulfilledBy === 'AMAZON')).toBe(true);

    const page1 = await h.call<Search>(searchOrders, { query: { createdAfter: since, maxResultsPerPage: 5 } });
    const mismatch = await h.call<Errors>(searchOrders, { query: { createdAfter: '2021-01-01T00:00:00Z', paginationToken: page1.json.pagination?.nextToken } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.errors[0]?.details).toBe('paginationToken');
  });

  it('confirms a shipment per package: 204, partial then full shipment, and a repeated packageReferenceId edits the package', async () => {
    const detail = (over: Record<string, unknown> = {}) => ({
      marketplaceId: 'ATVPDKIKX0DER',
      packageDetail: {
        packageReferenceId: '1',
        carrierCode: 'UPS',
        shippingMethod: 'UPS Ground',
        trackingNumber: '1Z999',
        shipDate: '2026-09-01T15:04:05Z',
        orderItems: [{ orderItemId: '10000000000001', quantity: 2 }],
        ...over,
      },
    });
    const first = await h.call(confirmShipment, { params: { orderId: ORDER_ID }, body: detail() });
    expect(first.status).toBe(204);
    expect(first.text).toBe('');
    let order = (await h.call<{ order: Order }>(getOrder, { params: { orderId: ORDER_ID }, query: { includedData: 'FULFILLMENT,PACKAGES' } })).json.order;
    expect(order.fulfillment?.fulfillmentStatus).toBe('PARTIALLY_SHIPPED');
    expect(order.packages).toHaveLength(1);

    // Same packageReferenceId: edit (new tracking number, all 3 units) rather than a second package.
    expect(
      (
        await h.call(confirmShipment, {
          params: { orderId: ORDER_ID },
          body: detail({ trackingNumber: '1Z000', orderItems: [{ orderItemId: '10000000000001', quantity: 3 }] }),
        })
      ).status,
    ).toBe(204);
    order = (await h.call<{ order: Order }>(getOrder, { params: { orderId: ORDER_ID }, query: { includedData: 'FULFILLMENT,PACKAGES' } })).json.order;
    expect(order.packages).toHaveLength(1);
    expect(order.packages?.[0]).toMatchObject({ packageReferenceId: '1', trackingNumber: '1Z000', carrier: 'UPS' });

    const other = await h.call(confirmShipment, {
      params: { orderId: ORDER_ID },
      body: detail({
        packageReferenceId: '2',
        carrierCode: 'Other',
        carrierName: 'Local Courier',
        trackingNumber: 'LC-1',
        orderItems: [{ orderItemId: '10000000000002', quantity: 1 }],
      }),
    });
    expect(other.status).toBe(204);
    order = (await h.call<{ order: Order }>(getOrder, { params: { orderId: ORDER_ID }, query: { includedData: 'FULFILLMENT,PACKAGES' } })).json.order;
    expect(order.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
    expect(order.packages?.map((p) => p.carrier)).toEqual(['UPS', 'Local Courier']);
    const stored = await h.admin<{ packages: Array<{ packageReferenceId: string }> }>('GET', `/sellers/${SELLER}/orders/${ORDER_ID}/packages`);
    expect(stored.json.packages.map((p) => p.packageReferenceId)).toEqual(['1', '2']);
  });

  it('validates confirmShipment input and order state with Amazon-shaped 400s naming the field', async () => {
    const [target] = (
      await h.admin<{ orders: Order[] }>('POST', `/sellers/${SELLER}/orders`, { orders: [{ items: [{ orderItemId: '20000000000001', quantity: 1 }] }] })
    ).json.orders as [Order];
    const base = {
      packageReferenceId: '1',
      carrierCode: 'UPS',
      trackingNumber: 'T1',
      shipDate: '2026-09-01T15:04:05Z',
      orderItems: [{ orderItemId: '20000000000001', quantity: 1 }],
    };
    const send = (body: unknown) => h.call<Errors>(confirmShipment, { params: { orderId: target.orderId }, body });
    const cases: Array<[unknown, string]> = [
      [{ marketplaceId: 'ATVPDKIKX0DER', packageDetail: { ...base, carrierCode: 'Other' } }, 'packageDetail.carrierName'],
      [{ marketplaceId: 'ATVPDKIKX0DER', packageDetail: { ...base, shipDate: '02/21/2022' } }, 'body.packageDetail.shipDate'],
      [
        { marketplaceId: 'ATVPDKIKX0DER', packageDetail: { ...base, orderItems: [{ orderItemId: '999', quantity: 1 }] } },
        'packageDetail.orderItems.0.orderItemId',
      ],
      [
        { marketplaceId: 'ATVPDKIKX0DER', packageDetail: { ...base, orderItems: [{ orderItemId: '20000000000001', quantity: 2 }] } },
        'packageDetail.orderItems.0.quantity',
      ],
      [{ marketplaceId: 'ATVPDKIKX0DER', packageDetail: { ...base, packageReferenceId: 'abc' } }, 'packageDetail.packageReferenceId'],
      // A JSON number is refused since about January 2026 (models#5094).
      [{ marketplaceId: 'ATVPDKIKX0DER', packageDetail: { ...base, packageReferenceId: 1 } }, 'packageDetail.packageReferenceId'],
      [{ marketplaceId: 'ATVPDKIKX0DER', packageDetail: { ...base, carrierCode: 'UPS Freight Express' } }, 'packageDetail.carrierCode'],
      [{ marketplaceId: 'ATVPDKIKX0DER', packageDetail: { ...base, carrierCode: 'ups' } }, 'packageDetail.carrierCode'],
      [{ marketplaceId: 'A2EUQ1WTGCTBG2', packageDetail: base }, 'marketplaceId'],
      [{ marketplaceId: 'ATVPDKIKX0DER' }, 'body.packageDetail'],
    ];
    for (const [body, field] of cases) {
      await h.advance(0.5); // confirmShipment refills 2 tokens/s (burst 10): stay inside the plan
      const res = await send(body);
      expect([res.status, res.json.errors[0]?.details]).toEqual([400, field]);
    }
    await h.advance(0.5);
    const numeric = await send({ marketplaceId: 'ATVPDKIKX0DER', packageDetail: { ...base, packageReferenceId: 7 } });
    expect(numeric.json.errors[0]?.message).toBe('Request has fields with invalid type [packageDetail.packageReferenceId].');

    // Faults: a method Amazon does not know, a 204 that records nothing, a 429 storm.
    await h.admin('POST', '/faults', { rejectShippingMethods: ['UP Ground'] });
    await h.advance(0.5);
    const method = await send({ marketplaceId: 'ATVPDKIKX0DER', packageDetail: { ...base, shippingMethod: 'UP Ground' } });
    expect([method.status, method.json.errors[0]?.details]).toEqual([400, 'packageDetail.shippingMethod']);
    await h.admin('POST', '/faults', { silentDropShipments: 1, throttleNext: 2, operations: ['confirmShipment'] });
    await h.advance(0.5);
    expect((await send({ marketplaceId: 'ATVPDKIKX0DER', packageDetail: base })).status).toBe(429);
    expect((await send({ marketplaceId: 'ATVPDKIKX0DER', packageDetail: base })).status).toBe(429);
    await h.advance(1);
    expect((await send({ marketplaceId: 'ATVPDKIKX0DER', packageDetail: base })).status).toBe(204);
    const dropped = await h.admin<{ packages: unknown[] }>('GET', `/sellers/${SELLER}/orders/${target.orderId}/packages`);
    expect(dropped.json.packages).toEqual([]);
    await h.admin('DELETE', '/faults');

    await h.admin('PATCH', `/sellers/${SELLER}/orders/${target.orderId}`, { cancel: { by: 'BUYER', reason: 'NoLongerNeeded' } });
    const cancelled = await send({ marketplaceId: 'ATVPDKIKX0DER', packageDetail: base });
    expect(cancelled.status).toBe(400);
    expect(cancelled.json.errors[0]?.message).toMatch(/cancelled/);
  });

  it('reflects partial cancellations and updateShipmentStatus', async () => {
    const [target] = (
      await h.admin<{ orders: Order[] }>('POST', `/sellers/${SELLER}/orders`, {
        orders: [
          {
            items: [
              { orderItemId: '30000000000001', quantity: 2 },
              { orderItemId: '30000000000002', quantity: 1 },
            ],
          },
        ],
      })
    ).json.orders as [Order];
    await h.admin('PATCH', `/sellers/${SELLER}/orders/${target.orderId}`, {
      cancel: { by: 'MERCHANT', reason: 'NoInventory', items: [{ orderItemId: '30000000000002' }] },
    });
    const order = (await h.call<{ order: Order }>(getOrder, { params: { orderId: target.orderId }, query: { includedData: 'FULFILLMENT,CANCELLATION' } })).json
      .order;
    expect(order.fulfillment?.fulfillmentStatus).toBe('UNSHIPPED');
    expect(order.orderItems[1]?.cancellation).toBeDefined();
    expect(order.orderItems[1]?.fulfillment?.quantityUnfulfilled).toBe(0);
    expect(order.orderItems[0]?.cancellation).toBeUndefined();

    const status = await h.call(updateShipmentStatus, {
      params: { orderId: target.orderId },
      body: { marketplaceId: 'ATVPDKIKX0DER', shipmentStatus: 'ReadyForPickup' },
    });
    expect(status.status).toBe(204);
    expect((await h.admin<{ shipmentStatus: string }>('GET', `/sellers/${SELLER}/orders/${target.orderId}/packages`)).json.shipmentStatus).toBe(
      'ReadyForPickup',
    );
    expect(
      (await h.call(updateShipmentStatus, { params: { orderId: target.orderId }, body: { marketplaceId: '1', shipmentStatus: 'ReadyForPickup' } })).status,
    ).toBe(400);
    expect(
      (await h.call(updateShipmentStatus, { params: { orderId: target.orderId }, body: { marketplaceId: 'ATVPDKIKX0DER', shipmentStatus: 'Lost' } })).status,
    ).toBe(400);
  });
});
