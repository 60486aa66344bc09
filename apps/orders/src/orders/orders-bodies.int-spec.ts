import { defaultTemplate } from '@amazon-channel/mapping';
import { v7 as uuidv7 } from 'uuid';
import { startOrdersHarness, type OrdersHarness } from '../testing/orders-harness';

const TENANT = 'tenant-bodies';
const CONNECTION = uuidv7();
jest.setTimeout(120_000);

/** Orders' request bodies: what the platform would store wrong is a coded 400 naming the field. */
describe('orders routes refuse bad bodies with 400 INVALID_REQUEST naming the field', () => {
  let h: OrdersHarness;

  beforeAll(async () => {
    h = await startOrdersHarness('orders_bodies', {}, TENANT);
    await h.announce(CONNECTION);
  });

  afterAll(async () => {
    await h?.close();
  });

  const refused = async (method: string, path: string, body: unknown, fields: string[]) => {
    const res = await h.http(TENANT, method, path, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_REQUEST');
    expect((res.body.details as Array<{ field: string; reason: string }>).map((d) => d.field).sort()).toEqual([...fields].sort());
    for (const detail of res.body.details as Array<{ reason: string }>) expect(detail.reason).toEqual(expect.any(String));
  };

  it('order settings: a template setting a negative price, an absurd quantity or a currency that is not ISO 4217; unknown statuses, days and fields', async () => {
    const path = `/connections/${CONNECTION}/order-settings`;
    const base = defaultTemplate('get-orders');
    await refused(
      'PUT',
      path,
      {
        // A template the mapping engine compiles: only these constants are wrong.
        template: {
          ...base,
          fields: {
            ...base.fields,
            invoice_currency: { kind: 'value', value: '€€€' },
            item_unit_price: { kind: 'value', value: -500 },
            invoice_total: { kind: 'value', value: '1e12' },
            item_quantity: { kind: 'value', value: 50_000 },
          },
        },
      },
      [
        'template.fields.invoice_currency.value',
        'template.fields.item_unit_price.value',
        'template.fields.invoice_total.value',
        'template.fields.item_quantity.value',
      ],
    );
    await refused('PUT', path, { fulfillmentStatuses: ['UNSHIPPED', 'LOST_IN_SPACE'] }, ['fulfillmentStatuses.1']);
    await refused('PUT', path, { fulfilledBy: ['SELLER'], createdWithinDays: -3 }, ['fulfilledBy.0', 'createdWithinDays']);
    await refused('PUT', path, { productCode: 'SKU', priceMultiplier: 2 }, ['priceMultiplier']);
    // Nothing of the refused bodies was kept.
    expect((await h.http(TENANT, 'GET', path)).body).toMatchObject({
      productCode: 'SKU',
      fulfillmentStatuses: ['UNSHIPPED', 'PARTIALLY_SHIPPED'],
      createdWithinDays: 7,
      template: null,
    });
    expect((await h.http(TENANT, 'PUT', path, { createdWithinDays: 14, fulfilledBy: ['MERCHANT', 'AMAZON'] })).status).toBe(200);
  });

  it('shipping mappings, sources and routing', async () => {
    await refused(
      'POST',
      `/connections/${CONNECTION}/shipping-mappings`,
      { channelShippingText: 'Std', serviceLevelCategory: 'WARP_SPEED', shippingPolicy: 'Ground' },
      ['serviceLevelCategory'],
    );
    await refused(
      'POST',
      `/connections/${CONNECTION}/shipping-mappings`,
      { channelShippingText: '  ', serviceLevelCategory: 'STANDARD', shippingPolicy: 'Ground', cost: -5 },
      ['channelShippingText', 'cost'],
    );
    expect((await h.http(TENANT, 'GET', `/connections/${CONNECTION}/shipping-mappings`)).body).toEqual([]);
    await refused('PUT', '/sources/src-1', { name: 'Supplier', amazonCompliant: 'yes' }, ['amazonCompliant']);
    // An order the caller does not own is not found before its body is read (nothing about it is revealed).
    const unknownOrder = await h.http(TENANT, 'POST', `/orders/${uuidv7()}/route`, { sourceId: '' });
    expect([unknownOrder.status, unknownOrder.body.code]).toEqual([404, 'ORDER_NOT_FOUND']);
  });
});
