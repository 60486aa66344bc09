import { v7 as uuidv7 } from 'uuid';
import { startOrdersHarness, type OrdersHarness } from '../testing/orders-harness';
import { GetOrdersJobHandler } from './get-orders/get-orders.job-handler';

const TENANT = 'tenant-templates';
const OTHER_TENANT = 'tenant-templates-other';
jest.setTimeout(120_000);

/** A get-orders template whose line product code is the ASIN and whose order reference gets a prefix through rules. */
function asinTemplate() {
  return {
    lines: { path: 'orderItems' },
    fields: {
      reference_number: { kind: 'field', path: 'orderId' },
      ordered_on: { kind: 'field', path: 'createdTime' },
      shipping_method: { kind: 'field', path: 'fulfillment.fulfillmentServiceLevel' },
      invoice_total: { kind: 'field', path: 'proceeds.grandTotal.amount' },
      invoice_currency: { kind: 'field', path: 'proceeds.grandTotal.currencyCode' },
      item_order_item_id: { kind: 'field', path: 'orderItemId' },
      item_sku: { kind: 'field', path: 'product.sellerSku' },
      item_product_code: { kind: 'field', path: 'product.asin' },
      item_title: { kind: 'field', path: 'product.title' },
      item_quantity: { kind: 'field', path: 'quantityOrdered' },
      item_unit_price: { kind: 'field', path: 'product.price.unitPrice.amount' },
    },
  };
}

describe('orders: the get-orders template of a connection (templates API, job)', () => {
  let h: OrdersHarness;

  beforeAll(async () => {
    h = await startOrdersHarness('orders_templates', {}, TENANT);
  });

  afterAll(async () => {
    await h?.close();
  });

  const url = (connectionId: string, rest = '') => `/connections/${connectionId}/templates${rest}`;

  it('saves, answers and resets the get-orders template; the order-settings route sees the same one', async () => {
    const conn = uuidv7();
    await h.announce(conn);
    expect((await h.http(TENANT, 'GET', url(conn, '/get-orders'))).body).toMatchObject({ operation: 'get-orders', source: 'default', version: 0 });
    const saved = await h.http(TENANT, 'PUT', url(conn, '/get-orders'), asinTemplate());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      source: 'saved',
      version: 1,
      template: { operation: 'get-orders', fields: { item_product_code: { path: 'product.asin' } } },
    });
    expect((await h.http(TENANT, 'GET', `/connections/${conn}/order-settings`)).body.template).toMatchObject({
      fields: { item_product_code: { path: 'product.asin' } },
    });

    // order-settings with `template: null` resets it for both routes.
    expect((await h.http(TENANT, 'PUT', `/connections/${conn}/order-settings`, { template: null })).status).toBe(200);
    expect((await h.http(TENANT, 'GET', url(conn, '/get-orders'))).body).toMatchObject({ source: 'default', version: 0 });
    // And a template saved through order-settings is the templates route's too.
    expect(
      (await h.http(TENANT, 'PUT', `/connections/${conn}/order-settings`, { template: { schemaVersion: 1, operation: 'get-orders', ...asinTemplate() } }))
        .status,
    ).toBe(200);
    // Versions count from 1 again after a reset (the row is gone with it).
    expect((await h.http(TENANT, 'GET', url(conn, '/get-orders'))).body).toMatchObject({ source: 'saved', version: 1 });
    expect((await h.http(TENANT, 'DELETE', url(conn, '/get-orders'))).status).toBe(204);
    expect((await h.http(TENANT, 'GET', `/connections/${conn}/order-settings`)).body.template).toBeNull();
  });

  it("refuses a bad template with each fault's JSON path, orders' own constant checks included", async () => {
    const conn = uuidv7();
    await h.announce(conn);
    const shape = await h.http(TENANT, 'PUT', url(conn, '/get-orders'), { fields: { item_quantity: { kind: 'field', path: 'quantityOrdered..x' } } });
    expect([shape.status, shape.body.code]).toEqual([400, 'INVALID_TEMPLATE']);
    expect(shape.body.details).toEqual([expect.objectContaining({ field: '$.fields.item_quantity.path', code: 'INVALID_PATH' })]);
    const constants = await h.http(TENANT, 'PUT', url(conn, '/get-orders'), {
      fields: { invoice_currency: { kind: 'value', value: 'XYZ' }, item_quantity: { kind: 'value', value: 5_000_000 } },
    });
    expect(constants.status).toBe(400);
    expect(constants.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['$.fields.invoice_currency.value', '$.fields.item_quantity.value']);
    expect((await h.http(TENANT, 'GET', url(conn, '/get-orders'))).body.source).toBe('default');
    // Listings' operations are not orders'.
    expect((await h.http(TENANT, 'GET', url(conn, '/sync-listings'))).body).toMatchObject({
      code: 'TEMPLATE_OPERATION_NOT_FOUND',
      context: { operations: ['get-orders'] },
    });
  });

  it('previews an Amazon order with the saved template, explaining each field, and hides everything from another tenant', async () => {
    const conn = uuidv7();
    await h.announce(conn);
    await h.http(TENANT, 'PUT', url(conn, '/get-orders'), asinTemplate());
    const order = {
      orderId: '111-0000000-0000001',
      createdTime: '2026-12-01T10:00:00Z',
      proceeds: { grandTotal: { amount: '25.00', currencyCode: 'USD' } },
      orderItems: [
        {
          orderItemId: 'OI-1',
          quantityOrdered: 2,
          product: { sellerSku: 'SKU-1', asin: 'B000000001', title: 'Widget', price: { unitPrice: { amount: '12.50' } } },
        },
      ],
    };
    const preview = await h.http(TENANT, 'POST', url(conn, '/get-orders/preview'), { record: order });
    expect(preview.status).toBe(200);
    expect(preview.body.template).toEqual({ source: 'saved', version: 1 });
    expect(preview.body.value).toMatchObject({
      reference_number: '111-0000000-0000001',
      lines: [{ item_sku: 'SKU-1', item_product_code: 'B000000001', item_quantity: 2 }],
    });
    expect(preview.body.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'item_product_code', line: 0, inputPath: 'product.asin', outcome: 'mapped' })]),
    );

    for (const [method, path, body] of [
      ['GET', url(conn, '/get-orders'), undefined],
      ['PUT', url(conn, '/get-orders'), { fields: {} }],
      ['DELETE', url(conn, '/get-orders'), undefined],
      ['POST', url(conn, '/get-orders/preview'), { record: order }],
    ] as const) {
      const res = await h.http(OTHER_TENANT, method, path, body);
      expect([method, res.status, res.body.code]).toEqual([method, 404, 'CONNECTION_NOT_FOUND']);
    }
    expect((await h.http(TENANT, 'GET', url(conn, '/get-orders'))).body).toMatchObject({ source: 'saved', version: 1 });
  });

  it('runs get-orders with the saved template: the imported lines carry the ASIN as product code (the default: the SKU)', async () => {
    const createdTime = new Date((await h.sandbox.admin.clock()).epochMs - 3_600_000).toISOString();
    /** A connection with one unshipped order, imported by a get-orders run; answers the order's items and the imported lines. */
    const importOne = async (withTemplate: boolean) => {
      const conn = uuidv7();
      const seller = await h.seller(TENANT, conn);
      await h.http(TENANT, 'POST', `/connections/${conn}/shipping-mappings`, {
        channelShippingText: 'Std US D2D Dom',
        serviceLevelCategory: 'STANDARD',
        shippingPolicy: 'Ground',
      });
      if (withTemplate) expect((await h.http(TENANT, 'PUT', url(conn, '/get-orders'), asinTemplate())).status).toBe(200);
      const [order] = await h.sandbox.admin.createOrders(seller, [{ status: 'UNSHIPPED', serviceLevel: 'STANDARD', createdTime }]);
      const result = await h.service.app.get(GetOrdersJobHandler).run(h.context(TENANT, conn, 'get-orders').context);
      expect([result.outcome, result.counts]).toEqual(['SUCCEEDED', expect.objectContaining({ created: 1 })]);
      expect(result.summary).toContain(withTemplate ? "Mapped with the connection's saved template (version 1)." : 'Mapped with the default template.');
      const rows = await h.dataSource.query(
        `SELECT payload FROM orders.outbox_events WHERE event_type = 'orders.order-imported' AND payload->>'connectionId' = $1 AND payload->'data'->>'amazonOrderId' = $2`,
        [conn, order.orderId],
      );
      const lines = rows.flatMap((r: { payload: any }) => r.payload.data.lines) as Array<{ sku: string; productCode: string }>;
      return { items: order.orderItems as Array<{ product: { asin: string; sellerSku: string } }>, lines };
    };

    const byDefault = await importOne(false);
    expect(byDefault.lines.map((l) => l.productCode)).toEqual(byDefault.items.map((i) => i.product.sellerSku));
    const bySaved = await importOne(true);
    expect(bySaved.lines.map((l) => l.productCode)).toEqual(bySaved.items.map((i) => i.product.asin));
    expect(bySaved.lines.every((l) => l.productCode !== l.sku)).toBe(true);
  });
});
