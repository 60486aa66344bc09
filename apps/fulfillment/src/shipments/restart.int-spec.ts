import { OrderImportedV1 } from '@amazon-channel/contracts';
import { AmazonConnections } from '@amazon-channel/platform-amazon';
import { setTimeout as delay } from 'node:timers/promises';
import { v7 as uuidv7 } from 'uuid';
import { startFulfillmentHarness, type FulfillmentHarness, type JsonBody } from '../testing/fulfillment-harness';
import { ShipmentsRepository } from './shipments.repository';

const TENANT = 'tenant-fulfillment-restart';
jest.setTimeout(240_000);

describe('fulfillment: a restart between the intent, Amazon’s 204 and our commit', () => {
  let h: FulfillmentHarness;

  // No worker at first: the run stays QUEUED while the test plays the part of a worker that dies.
  beforeAll(async () => {
    h = await startFulfillmentHarness('fulfillment_restart', { APP_ROLES: 'api,consumer' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const until = async <T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> => {
    for (let i = 0; i < 600; i++) {
      const value = await probe();
      if (value) return value;
      await delay(200);
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it('reads back first and never sends a second, different package', async () => {
    const conn = uuidv7();
    const seller = await h.seller(TENANT, conn);
    const createdTime = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const items = [{ orderItemId: `${Date.now()}`.slice(-14).padStart(14, '7'), sku: 'SKU-R', quantity: 2 }];
    const [created] = await h.sandbox.admin.createOrders(seller, [{ status: 'UNSHIPPED', createdTime, items }]);
    const amazonOrderId = created.orderId;
    await h.publish(
      OrderImportedV1,
      {
        orderId: uuidv7(),
        connectionId: conn,
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
          quantityOrdered: 2,
          quantityCancelled: 0,
        })),
        eligibleSourceIds: [],
      },
      TENANT,
      'orders',
    );
    await until(
      'the order',
      async () => (await h.dataSource.query(`SELECT 1 FROM fulfillment.known_orders WHERE amazon_order_id = $1`, [amazonOrderId])).length > 0,
    );
    const shippedAt = new Date(Date.now() - 3_600_000).toISOString();
    const posted = await h.http(TENANT, 'POST', `/connections/${conn}/shipments`, {
      shipmentId: 's-restart',
      amazonOrderId,
      shippedAt,
      packages: [
        { packageId: 'p1', trackingNumber: '1Z999AA10123456784', lines: [{ sku: 'SKU-R', quantity: 1 }] },
        { packageId: 'p2', trackingNumber: '1Z12345E6605272234', lines: [{ sku: 'SKU-R', quantity: 1 }] },
      ],
    });
    expect(posted.status).toBe(201);

    // The worker that dies: p1's intent committed and Amazon answered 204, then the process died
    // before recording it; p2's intent committed and the process died before the call.
    const repo = h.service.app.get(ShipmentsRepository);
    const [p1, p2] = await repo.orderPackages(conn, amazonOrderId);
    const request = (p: typeof p1) => ({
      marketplaceId: 'ATVPDKIKX0DER',
      packageDetail: {
        packageReferenceId: p.packageReferenceId,
        carrierCode: p.carrierCode ?? 'Other',
        ...(p.shippingMethod ? { shippingMethod: p.shippingMethod } : {}),
        trackingNumber: p.trackingNumber,
        shipDate: shippedAt,
        orderItems: p.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
      },
    });
    await repo.recordIntent(p1.id, p1.items, request(p1));
    const { client } = await h.service.app.get(AmazonConnections).forConnection(conn, TENANT);
    expect((await client.ordersV0.confirmShipment(amazonOrderId, request(p1))).status).toBe(204);
    await repo.recordIntent(p2.id, p2.items, request(p2));

    await h.restart({ APP_ROLES: 'api,consumer,worker' });
    const done: JsonBody = await until('both packages confirmed', async () => {
      const res = await h.http(TENANT, 'GET', `/shipments/${posted.body.id}`);
      return res.body.packages.every((p: JsonBody) => p.status === 'CONFIRMED') && res.body;
    });
    expect(done.packages.map((p: JsonBody) => [p.packageId, p.packageReferenceId, p.status])).toEqual([
      ['p1', '1', 'CONFIRMED'],
      ['p2', '2', 'CONFIRMED'],
    ]);
    const atAmazon = (await h.sandbox.admin.getPackages(seller, amazonOrderId)).packages;
    expect(atAmazon.map((p) => [p.packageReferenceId, p.trackingNumber])).toEqual([
      ['1', '1Z999AA10123456784'],
      ['2', '1Z12345E6605272234'],
    ]);
    // p1 was read back, not sent again: one call of ours reached Amazon for it (the one before the crash).
    const attempts = await h.dataSource.query(
      `SELECT p.package_id, count(a.id)::int AS n FROM fulfillment.packages p JOIN fulfillment.package_attempts a ON a.package_row_id = p.id GROUP BY p.package_id ORDER BY p.package_id`,
    );
    expect(attempts).toEqual([
      { package_id: 'p1', n: 1 },
      { package_id: 'p2', n: 2 },
    ]);
  });
});
