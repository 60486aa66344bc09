import type { ShipmentReadyV2 } from '@amazon-channel/contracts';
import { checkShipment } from './shipment-checks';
import type { KnownOrder } from './known-order';

const order: KnownOrder = {
  amazonOrderId: '112-0000000-0000001',
  marketplaceId: 'ATVPDKIKX0DER',
  purchasedAt: new Date('2026-12-01T10:00:00Z'),
  lines: [
    { orderItemId: 'OI-1', sku: 'SKU-1', quantityOrdered: 3, quantityCancelled: 1 },
    { orderItemId: 'OI-2', sku: 'SKU-2', quantityOrdered: 1, quantityCancelled: 0 },
  ],
};
const now = new Date('2026-12-04T12:00:00Z');
const line = (over: Partial<ShipmentReadyV2['packages'][number]['lines'][number]>) => ({
  orderItemId: null,
  sku: 'SKU-1',
  quantity: 1,
  bundleOrderItemId: null,
  bundleComponents: null,
  ...over,
});
const shipment = (packages: Array<Partial<ShipmentReadyV2['packages'][number]>>, shippedAt = '2026-12-04T10:00:00Z'): ShipmentReadyV2 => ({
  shipmentId: 's-1',
  connectionId: 'c-1',
  amazonOrderId: order.amazonOrderId,
  shippedAt,
  packages: packages.map((p, i) => ({
    packageId: `p-${i}`,
    trackingNumber: '1Z999AA10123456784',
    carrier: null,
    shippingMethod: null,
    lines: [line({})],
    ...p,
  })),
});
const codes = (s: ShipmentReadyV2, claimed = new Map<string, number>()) => {
  const r = checkShipment(s, order, claimed, now);
  return r.kind === 'checked' ? r.packages.map((p) => p.errors.map((e) => e.code)) : r.reason;
};

describe('checkShipment: coded errors per package, nothing sent', () => {
  it('holds a shipment whose order is not known yet', () => {
    expect(checkShipment(shipment([{}]), null, new Map(), now)).toEqual({ kind: 'held', reason: 'ORDER_NOT_KNOWN' });
  });

  it('resolves SKUs and order item ids to Amazon order items', () => {
    const r = checkShipment(shipment([{ lines: [line({ quantity: 2 }), line({ orderItemId: 'OI-2', sku: null })] }]), order, new Map(), now);
    expect(r).toMatchObject({
      kind: 'checked',
      packages: [
        {
          errors: [],
          items: [
            { orderItemId: 'OI-1', quantity: 2 },
            { orderItemId: 'OI-2', quantity: 1 },
          ],
        },
      ],
    });
  });

  it.each([
    ['empty tracking', { trackingNumber: '  ' }, 'TRACKING_EMPTY'],
    ['200-character tracking', { trackingNumber: '1'.repeat(200) }, 'TRACKING_TOO_LONG'],
    ['tracking with NUL', { trackingNumber: '1Z999\u0000AA1' }, 'TRACKING_INVALID_CHARACTERS'],
    ['SKU not on the order', { lines: [line({ sku: 'OTHER' })] }, 'SKU_NOT_ON_ORDER'],
    ['order item not on the order', { lines: [line({ orderItemId: 'OI-9' })] }, 'ORDER_ITEM_NOT_ON_ORDER'],
    ['more units than ordered − cancelled', { lines: [line({ quantity: 3 })] }, 'QUANTITY_EXCEEDS_OPEN'],
  ])('%s', (_name, pkg, code) => {
    expect(codes(shipment([pkg]))).toEqual([[code]]);
  });

  it('a refused package claims no units', () => {
    expect(codes(shipment([{ trackingNumber: '' }, {}, {}]))).toEqual([['TRACKING_EMPTY'], [], []]);
  });

  it('counts units across the shipment and against other shipments', () => {
    expect(codes(shipment([{}, {}, {}]))).toEqual([[], [], ['QUANTITY_EXCEEDS_OPEN']]);
    expect(codes(shipment([{}]), new Map([['OI-1', 2]]))).toEqual([['QUANTITY_EXCEEDS_OPEN']]);
  });

  it('refuses a ship date in the future or before the order', () => {
    expect(codes(shipment([{}], '2026-12-05T12:00:00Z'))).toEqual([['SHIP_DATE_IN_FUTURE']]);
    expect(codes(shipment([{}], '2026-11-30T12:00:00Z'))).toEqual([['SHIP_DATE_BEFORE_ORDER']]);
  });

  it('keeps bundle parts for send time, checking their bundle order item', () => {
    const r = checkShipment(
      shipment([{ lines: [line({ sku: 'COMP-A', bundleOrderItemId: 'OI-2' }), line({ sku: 'COMP-B', bundleOrderItemId: 'OI-7' })] }]),
      order,
      new Map(),
      now,
    );
    expect(r).toMatchObject({
      kind: 'checked',
      packages: [
        {
          items: [],
          bundleParts: [{ bundleOrderItemId: 'OI-2', sku: 'COMP-A' }],
          errors: [{ code: 'ORDER_ITEM_NOT_ON_ORDER', field: 'packages[0].lines[1].bundleOrderItemId' }],
        },
      ],
    });
  });
});
