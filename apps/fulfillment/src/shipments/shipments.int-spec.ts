import { OrderImportedV1, ShipmentReadyV2, type shipmentReadySchema } from '@amazon-channel/contracts';
import { setTimeout as delay } from 'node:timers/promises';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { startFulfillmentHarness, type FulfillmentHarness, type JsonBody } from '../testing/fulfillment-harness';

/** A shipment as the platform writes it (defaults left out). */
type ShipmentInput = z.input<typeof shipmentReadySchema>;

const TENANT = 'tenant-fulfillment';
const OTHER = 'tenant-other';
jest.setTimeout(180_000);

/** Statuses a run may still move a package out of. */
const MOVING = ['READY', 'SENDING', 'SENT', 'NOT_RECORDED', 'RETRY'];

describe('fulfillment: shipments to Amazon confirmations, against the sandbox, PostgreSQL and Kafka', () => {
  let h: FulfillmentHarness;
  let itemSeq = 0;

  beforeAll(async () => {
    h = await startFulfillmentHarness('fulfillment_shipments');
  });
  afterAll(async () => {
    await h?.close();
  });

  let lastSeen: unknown = null;
  let last: unknown = null;
  const until = async <T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> => {
    // Up to two minutes: the machine is shared; conditions, never durations, are asserted.
    for (let i = 0; i < Number(process.env['FULFILLMENT_WAIT_POLLS'] ?? 600); i++) {
      const value = await probe();
      if (value) return value;
      last = lastSeen;
      await delay(200);
    }
    const jobs = await h.dataSource.query(`SELECT operation, status, failure_reason, counts FROM fulfillment.jobs ORDER BY requested_at DESC LIMIT 3`);
    const log = h
      .logs()
      .split('\n')
      .filter((l) => !l.includes('request completed'))
      .slice(-15)
      .join('\n');
    throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}; jobs: ${JSON.stringify(jobs)}; log:\n${log}`);
  };
  const itemId = () => `${Date.now() % 1e8}`.padStart(8, '0') + String(++itemSeq).padStart(6, '0');
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

  /** A connection with a seller at the sandbox, owned by TENANT. */
  const connection = async () => {
    const conn = uuidv7();
    const seller = await h.seller(TENANT, conn);
    return { conn, seller };
  };

  /** An unshipped order at Amazon (the sandbox), and the OrderImported orders would publish for it. */
  const order = async (c: { conn: string; seller: string }, lines: Array<{ sku: string; quantity: number }>, announce = true) => {
    const items = lines.map((l) => ({ orderItemId: itemId(), sku: l.sku, quantity: l.quantity }));
    const createdTime = hoursAgo(3);
    const [created] = await h.sandbox.admin.createOrders(c.seller, [{ status: 'UNSHIPPED', createdTime, items }]);
    const amazonOrderId = created.orderId;
    const importEvent = async () => {
      await h.publish(
        OrderImportedV1,
        {
          orderId: uuidv7(),
          connectionId: c.conn,
          amazonOrderId,
          marketplaceId: 'ATVPDKIKX0DER',
          purchasedAt: createdTime,
          shippingPolicy: null,
          total: null,
          lines: items.map((i) => ({
            orderItemId: i.orderItemId,
            sku: i.sku,
            productCode: i.sku,
            quantity: i.quantity,
            unitPrice: null,
            quantityOrdered: i.quantity,
            quantityCancelled: 0,
          })),
          eligibleSourceIds: [],
          fulfilledBy: 'MERCHANT',
        },
        TENANT,
        'orders',
      );
      await until(
        'the order in the projection',
        async () =>
          (await h.dataSource.query(`SELECT 1 FROM fulfillment.known_orders WHERE connection_id = $1 AND amazon_order_id = $2`, [c.conn, amazonOrderId]))
            .length > 0,
      );
    };
    if (announce) await importEvent();
    return { amazonOrderId, items, importEvent };
  };

  const shipment = (conn: string, amazonOrderId: string, packages: Array<Record<string, unknown>>, shipmentId = `s-${uuidv7()}`): ShipmentInput => ({
    shipmentId,
    connectionId: conn,
    amazonOrderId,
    shippedAt: hoursAgo(1),
    packages: packages.map((p, i) => ({ packageId: `${shipmentId}-${i + 1}`, carrier: null, shippingMethod: null, ...p }) as ShipmentInput['packages'][number]),
  });

  /** The shipment once no package can move any more (every run finished). */
  const settled = async (conn: string, id: string): Promise<JsonBody> =>
    until(`shipment ${id} to settle`, async () => {
      const res = await h.http(TENANT, 'GET', `/shipments/${id}`);
      const open = await h.dataSource.query(`SELECT 1 FROM fulfillment.jobs WHERE connection_id = $1 AND status IN ('QUEUED', 'RUNNING')`, [conn]);
      lastSeen = { status: res.body?.status, packages: res.body?.packages?.map((p: JsonBody) => [p.status, p.reason]), openJobs: open.length };
      return (
        res.status === 200 &&
        res.body.status !== 'HELD' &&
        open.length === 0 &&
        res.body.packages.every((p: JsonBody) => !MOVING.includes(p.status)) &&
        res.body
      );
    });
  const amazonPackages = async (seller: string, amazonOrderId: string) => (await h.sandbox.admin.getPackages(seller, amazonOrderId)).packages;

  it('posts every row of the detection table to Amazon with the detected carrier and method', async () => {
    const c = await connection();
    const table: Array<[string, string, string | undefined]> = [
      ['94A0123456789012345678', 'USPS', 'First Class'],
      ['94A0512345678901234567', 'USPS', 'Priority Mail'],
      ['92A0512345678901234567', 'USPS', 'Priority Mail'],
      ['93G123456789', 'USPS', 'Parcel Select'],
      ['9374123456789', 'USPS', 'Parcel Select Lightweight'],
      ['ZZ12345678901234567890', 'USPS', undefined],
      ['1Z999AA1YW12345678', 'UPS', 'SurePost'],
      ['1Z999AA10323456784', 'UPS', 'Ground'],
      ['92741234567890123456789012', 'UPS', 'Mail Innovations'],
      ['12345678901234567890', 'FedEx', undefined],
      ['123456789012345', 'FedEx', undefined],
      ['123456789012', 'FedEx', undefined],
    ];
    const o = await order(c, [{ sku: 'SKU-DETECT', quantity: table.length }]);
    const body = shipment(
      c.conn,
      o.amazonOrderId,
      table.map(([trackingNumber]) => ({ trackingNumber, lines: [{ sku: 'SKU-DETECT', quantity: 1 }] })),
    );
    const posted = await h.http(TENANT, 'POST', `/connections/${c.conn}/shipments`, body);
    expect(posted.status).toBe(201);
    const done = await settled(c.conn, posted.body.id);
    expect(done.packages.map((p: JsonBody) => p.status)).toEqual(table.map(() => 'CONFIRMED'));
    const atAmazon = await amazonPackages(c.seller, o.amazonOrderId);
    expect(atAmazon.map((p) => [p.trackingNumber, p.carrierCode, p.shippingMethod])).toEqual(table);
    expect(atAmazon.map((p) => p.packageReferenceId)).toEqual(table.map((_, i) => String(i + 1)));
    // The valid-tracking gauge is published per connection.
    const metrics = await (await fetch(`${h.service.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`fulfillment_valid_tracking_rate\\{[^}]*connection_id="${c.conn}"[^}]*\\} [0-9.]+`));
  });

  it('auto-detect off posts the mapping with normalisation (GOSO → GLS US as Other, GOLDEN STATE OVERNIGHT → Other); on, the number decides', async () => {
    const c = await connection();
    const o = await order(c, [{ sku: 'SKU-N', quantity: 2 }]);
    expect((await h.http(TENANT, 'PUT', `/connections/${c.conn}/fulfillment-settings`, { autoDetect: false })).body).toEqual({
      autoDetect: false,
      checkDigitPolicy: 'warn',
    });
    const pkg = { trackingNumber: '1Z999AA10323456784', carrier: 'GOSO', shippingMethod: 'GOLDEN STATE OVERNIGHT', lines: [{ sku: 'SKU-N', quantity: 1 }] };
    const off = await h.http(TENANT, 'POST', `/connections/${c.conn}/shipments`, shipment(c.conn, o.amazonOrderId, [pkg]));
    await settled(c.conn, off.body.id);
    await h.http(TENANT, 'PUT', `/connections/${c.conn}/fulfillment-settings`, { autoDetect: true });
    const on = await h.http(TENANT, 'POST', `/connections/${c.conn}/shipments`, shipment(c.conn, o.amazonOrderId, [pkg]));
    await settled(c.conn, on.body.id);
    const atAmazon = await amazonPackages(c.seller, o.amazonOrderId);
    expect(atAmazon.map((p) => [p.carrierCode, p.carrierName, p.shippingMethod])).toEqual([
      ['Other', 'GLS US', 'Other'],
      ['UPS', undefined, 'Ground'],
    ]);
  });

  it('a bundle of three components in two packages: one update for the bundle order item once every component shipped', async () => {
    const c = await connection();
    const o = await order(c, [
      { sku: 'BUNDLE-SKU', quantity: 1 },
      { sku: 'PLAIN', quantity: 1 },
    ]);
    const bundleItem = o.items[0].orderItemId;
    const components = [
      { sku: 'COMP-A', quantity: 1 },
      { sku: 'COMP-B', quantity: 1 },
      { sku: 'COMP-C', quantity: 1 },
    ];
    const part = (sku: string) => ({ sku, quantity: 1, bundleOrderItemId: bundleItem, bundleComponents: components });
    const first = await h.http(
      TENANT,
      'POST',
      `/connections/${c.conn}/shipments`,
      shipment(c.conn, o.amazonOrderId, [{ trackingNumber: '1Z999AA10123456784', lines: [part('COMP-A'), part('COMP-B')] }]),
    );
    const waiting = await settled(c.conn, first.body.id);
    expect(waiting.packages[0].status).toBe('WAITING_BUNDLE');
    expect(await amazonPackages(c.seller, o.amazonOrderId)).toEqual([]);
    const second = await h.http(
      TENANT,
      'POST',
      `/connections/${c.conn}/shipments`,
      shipment(c.conn, o.amazonOrderId, [{ trackingNumber: '1Z12345E6605272234', lines: [part('COMP-C'), { sku: 'PLAIN', quantity: 1 }] }]),
    );
    const done = await settled(c.conn, second.body.id);
    expect(done.packages[0]).toMatchObject({
      status: 'CONFIRMED',
      items: [
        { orderItemId: o.items[1].orderItemId, quantity: 1 },
        { orderItemId: bundleItem, quantity: 1 },
      ],
    });
    expect((await h.http(TENANT, 'GET', `/shipments/${first.body.id}`)).body.packages[0].status).toBe('COVERED');
    const atAmazon = await amazonPackages(c.seller, o.amazonOrderId);
    expect(atAmazon).toHaveLength(1);
    expect(atAmazon[0].items).toEqual([
      { orderItemId: o.items[1].orderItemId, quantity: 1 },
      { orderItemId: bundleItem, quantity: 1 },
    ]);
  });

  it('an order shipped in three packages: three confirmations, the order fully shipped at Amazon', async () => {
    const c = await connection();
    const o = await order(c, [
      { sku: 'SKU-X', quantity: 2 },
      { sku: 'SKU-Y', quantity: 1 },
    ]);
    const posted = await h.http(
      TENANT,
      'POST',
      `/connections/${c.conn}/shipments`,
      shipment(c.conn, o.amazonOrderId, [
        { trackingNumber: '986578788855', lines: [{ sku: 'SKU-X', quantity: 1 }] },
        { trackingNumber: '477179081230', lines: [{ sku: 'SKU-X', quantity: 1 }] },
        { trackingNumber: '449044304137821', lines: [{ orderItemId: o.items[1].orderItemId, sku: null, quantity: 1 }] },
      ]),
    );
    const done = await settled(c.conn, posted.body.id);
    expect(done.status).toBe('CONFIRMED');
    expect(done.packages.map((p: JsonBody) => [p.packageReferenceId, p.carrierCode, p.checkDigit])).toEqual([
      ['1', 'FedEx', 'valid'],
      ['2', 'FedEx', 'valid'],
      ['3', 'FedEx', 'valid'],
    ]);
    expect(await amazonPackages(c.seller, o.amazonOrderId)).toHaveLength(3);
    const read = await h.sandbox.admin.getPackages(c.seller, o.amazonOrderId);
    expect(read.packages.flatMap((p) => p.items).reduce((n, i) => n + i.quantity, 0)).toBe(3);
  });

  it('a method Amazon refuses is REJECTED with what to fix, then fixed through PATCH and confirmed', async () => {
    const c = await connection();
    const o = await order(c, [{ sku: 'SKU-M', quantity: 1 }]);
    await h.sandbox.admin.injectFault({ rejectShippingMethods: ['UP Ground'] });
    try {
      const posted = await h.http(
        TENANT,
        'POST',
        `/connections/${c.conn}/shipments`,
        shipment(c.conn, o.amazonOrderId, [
          { trackingNumber: 'UPSREF-0001', carrier: 'UPS', shippingMethod: 'UP Ground', lines: [{ sku: 'SKU-M', quantity: 1 }] },
        ]),
      );
      const rejected = await settled(c.conn, posted.body.id);
      expect(rejected.packages[0]).toMatchObject({ status: 'REJECTED', shippingMethod: 'UP Ground' });
      expect(rejected.packages[0].fix).toMatch(/"UP Ground".*"UPS Ground"/);
      expect(await amazonPackages(c.seller, o.amazonOrderId)).toEqual([]);
      const events = await h.dataSource.query(
        `SELECT payload FROM fulfillment.outbox_events WHERE event_type = 'fulfillment.shipment-rejected' AND payload->>'connectionId' = $1`,
        [c.conn],
      );
      expect(events).toHaveLength(1);

      const packageId = rejected.packages[0].packageId;
      const patched = await h.http(TENANT, 'PATCH', `/shipments/${posted.body.id}/packages/${packageId}`, { shippingMethod: 'UPS Ground' });
      expect(patched.status).toBe(200);
      const fixed = await settled(c.conn, posted.body.id);
      expect(fixed.packages[0]).toMatchObject({ status: 'CONFIRMED', shippingMethod: 'UPS Ground', fix: null });
      expect((await amazonPackages(c.seller, o.amazonOrderId)).map((p) => p.shippingMethod)).toEqual(['UPS Ground']);
      // Another tenant sees nothing and can change nothing.
      expect((await h.http(OTHER, 'GET', `/shipments/${posted.body.id}`)).status).toBe(404);
      expect((await h.http(OTHER, 'PATCH', `/shipments/${posted.body.id}/packages/${packageId}`, { shippingMethod: 'X' })).status).toBe(404);
      expect(
        (
          await h.http(
            OTHER,
            'POST',
            `/connections/${c.conn}/shipments`,
            shipment(c.conn, o.amazonOrderId, [{ trackingNumber: 'T', lines: [{ sku: 'SKU-M', quantity: 1 }] }]),
          )
        ).status,
      ).toBe(404);
    } finally {
      await h.sandbox.admin.clearFaults();
    }
  });

  it('a 204 that records nothing is caught by read-back and re-sent once; twice in a row is FLAGGED', async () => {
    const c = await connection();
    const o = await order(c, [{ sku: 'SKU-D', quantity: 2 }]);
    await h.sandbox.admin.injectFault({ silentDropShipments: 1 });
    const once = await h.http(
      TENANT,
      'POST',
      `/connections/${c.conn}/shipments`,
      shipment(c.conn, o.amazonOrderId, [{ trackingNumber: '1Z999AA10123456784', lines: [{ sku: 'SKU-D', quantity: 1 }] }]),
    );
    const recovered = await settled(c.conn, once.body.id);
    expect(recovered.packages[0]).toMatchObject({ status: 'CONFIRMED', resends: 1 });
    await h.sandbox.admin.injectFault({ silentDropShipments: 2 });
    const twice = await h.http(
      TENANT,
      'POST',
      `/connections/${c.conn}/shipments`,
      shipment(c.conn, o.amazonOrderId, [{ trackingNumber: '1Z12345E6605272234', lines: [{ sku: 'SKU-D', quantity: 1 }] }]),
    );
    const flagged = await settled(c.conn, twice.body.id);
    expect(flagged.packages[0]).toMatchObject({ status: 'FLAGGED', resends: 1 });
    expect((await amazonPackages(c.seller, o.amazonOrderId)).map((p) => p.trackingNumber)).toEqual(['1Z999AA10123456784']);
    await h.sandbox.admin.clearFaults();
  });

  it('a shipment that arrives before its order is held, then confirmed once the order is imported; the same ShipmentReady twice confirms once', async () => {
    const c = await connection();
    const o = await order(c, [{ sku: 'SKU-E', quantity: 1 }], false);
    const data = shipment(c.conn, o.amazonOrderId, [{ trackingNumber: '1Z999AA10123456784', lines: [{ sku: 'SKU-E', quantity: 1 }] }]);
    await h.publish(ShipmentReadyV2, data, TENANT);
    await h.publish(ShipmentReadyV2, data, TENANT);
    const held = await until('the held shipment', async () => {
      const res = await h.http(TENANT, 'GET', `/shipments?connectionId=${c.conn}&status=HELD`);
      return res.body.length === 1 && res.body[0];
    });
    expect(held.packages[0]).toMatchObject({ status: 'HELD' });
    expect(held.heldReason).toBe('ORDER_NOT_KNOWN');
    await o.importEvent();
    const done = await settled(c.conn, held.id);
    expect(done.packages[0].status).toBe('CONFIRMED');
    // Once more over HTTP: the same shipment id is the same shipment (200, nothing new).
    const again = await h.http(TENANT, 'POST', `/connections/${c.conn}/shipments`, data);
    expect([again.status, again.body.id]).toEqual([200, held.id]);
    expect((await h.http(TENANT, 'GET', `/shipments?connectionId=${c.conn}`)).body).toHaveLength(1);
    expect(await amazonPackages(c.seller, o.amazonOrderId)).toHaveLength(1);
  });

  it('refuses bad packages with coded errors per package and sends nothing of them', async () => {
    const c = await connection();
    const o = await order(c, [{ sku: 'SKU-B', quantity: 1 }]);
    const posted = await h.http(
      TENANT,
      'POST',
      `/connections/${c.conn}/shipments`,
      shipment(c.conn, o.amazonOrderId, [
        { trackingNumber: '', lines: [{ sku: 'SKU-B', quantity: 1 }] },
        { trackingNumber: '9'.repeat(200), lines: [{ sku: 'SKU-B', quantity: 1 }] },
        { trackingNumber: '1Z999AA10123456784', lines: [{ sku: 'NOT-ON-ORDER', quantity: 1 }] },
        { trackingNumber: '1Z999AA10123456784', lines: [{ sku: 'SKU-B', quantity: 5 }] },
      ]),
    );
    expect(posted.status).toBe(201);
    const done = await settled(c.conn, posted.body.id);
    expect(done.packages.map((p: JsonBody) => [p.status, p.errors.map((e: JsonBody) => e.code)])).toEqual([
      ['INVALID', ['TRACKING_EMPTY']],
      ['INVALID', ['TRACKING_TOO_LONG']],
      ['INVALID', ['SKU_NOT_ON_ORDER']],
      ['INVALID', ['QUANTITY_EXCEEDS_OPEN']],
    ]);
    expect(await amazonPackages(c.seller, o.amazonOrderId)).toEqual([]);
    const future = await h.http(TENANT, 'POST', `/connections/${c.conn}/shipments`, {
      ...shipment(c.conn, o.amazonOrderId, [{ trackingNumber: '1Z999AA10123456784', lines: [{ sku: 'SKU-B', quantity: 1 }] }]),
      shippedAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect((await settled(c.conn, future.body.id)).packages[0].errors.map((e: JsonBody) => e.code)).toEqual(['SHIP_DATE_IN_FUTURE']);
    const nul = await h.http(
      TENANT,
      'POST',
      `/connections/${c.conn}/shipments`,
      shipment(c.conn, o.amazonOrderId, [{ trackingNumber: '1Z\u0000', lines: [{ sku: 'SKU-B', quantity: 1 }] }]),
    );
    expect(nul.status).toBe(400);
    const malformed = await h.http(TENANT, 'POST', `/connections/${c.conn}/shipments`, { shipmentId: 's', packages: [] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('INVALID_REQUEST');
    expect(malformed.body.details.map((d: JsonBody) => d.field)).toEqual(expect.arrayContaining(['body.amazonOrderId', 'body.shippedAt', 'body.packages']));
  });
});
