import type { EnvelopeContext } from '@amazon-channel/contracts';
import type { KnownOrder, OrderDecision, Placement } from './domain/import-decision';
import type { OrderCandidate } from './domain/order-candidate';
import { orderEvents } from './order-events';

const context: EnvelopeContext = { producer: 'orders', tenantId: 't', connectionId: 'conn', correlationId: 'run-1' };
const c: OrderCandidate = {
  amazonOrderId: '111-0000001-0000001',
  marketplaceId: 'ATVPDKIKX0DER',
  amazonStatus: 'UNSHIPPED',
  fulfilledBy: 'MERCHANT',
  serviceLevel: 'STANDARD',
  shippingText: null,
  purchasedAt: new Date('2026-11-30T10:00:00Z'),
  amazonUpdatedAt: new Date('2026-11-30T10:05:00Z'),
  totalMinor: 1999,
  currency: 'USD',
  shipBy: null,
  shippedAt: null,
  lines: [
    {
      orderItemId: '1',
      sku: 'SKU-1',
      asin: null,
      productCode: 'SKU-1',
      title: null,
      quantityOrdered: 2,
      quantityCancelled: 0,
      quantityShipped: 0,
      unitPriceMinor: 999,
      currency: 'USD',
    },
  ],
  pii: { buyerName: 'Secret Buyer', buyerEmail: null, shippingName: null, shippingPhone: null, shippingAddress: null },
  problem: null,
};
const imported: Placement = { state: 'IMPORTED', holdReason: null, holdDetail: null, shippingPolicy: 'Ground' };
const held: Placement = { state: 'HELD', holdReason: 'MISSING_SHIPPING_MAPPING', holdDetail: 'x', shippingPolicy: null };
const stored = (overrides: Partial<KnownOrder>): KnownOrder => ({
  id: 'order-1',
  connectionId: 'conn',
  amazonOrderId: c.amazonOrderId,
  state: 'IMPORTED',
  amazonStatus: 'UNSHIPPED',
  holdReason: null,
  serviceLevel: 'STANDARD',
  shippingPolicy: 'Ground',
  amazonUpdatedAt: c.amazonUpdatedAt,
  importedAt: new Date(),
  shippedAt: null,
  cancelledAt: null,
  piiRedactedAt: null,
  lines: new Map(),
  address: null,
  adopt: false,
  ...overrides,
});
const update = (known: KnownOrder, placement: Placement, more: Partial<Extract<OrderDecision, { kind: 'update' }>> = {}): OrderDecision => ({
  kind: 'update',
  candidate: c,
  known,
  placement,
  importedAt: null,
  shippedAt: null,
  cancelledAt: null,
  changes: [],
  removedLines: [],
  cancelledLines: [],
  becomesImported: false,
  writePii: true,
  ...more,
});

describe('orderEvents', () => {
  const types = (decisions: OrderDecision[]) => orderEvents(decisions, 'conn', ['src-1'], context).map((e) => e.definition.type);

  it('announces an order imported once, with its open lines and no buyer data', () => {
    const [event] = orderEvents(
      [{ kind: 'create', candidate: c, id: 'order-1', placement: imported, importedAt: new Date(), cancelledAt: null, writePii: true }],
      'conn',
      ['src-1'],
      context,
    );
    expect(event?.definition.type).toBe('orders.order-imported');
    expect(event?.data).toMatchObject({
      orderId: 'order-1',
      amazonOrderId: c.amazonOrderId,
      shippingPolicy: 'Ground',
      eligibleSourceIds: ['src-1'],
      fulfilledBy: 'MERCHANT',
      lines: [{ sku: 'SKU-1', quantity: 2 }],
    });
    expect(JSON.stringify(event?.data)).not.toContain('Secret Buyer');
  });

  it('announces nothing for held, reserved or skipped orders, nor for orders cancelled before import', () => {
    expect(types([{ kind: 'create', candidate: c, id: 'order-1', placement: held, importedAt: null, cancelledAt: null, writePii: true }])).toEqual([]);
    expect(types([{ kind: 'skip', candidate: c, reason: 'OTHER_MARKETPLACE', detail: 'x' }])).toEqual([]);
    const cancelled: Placement = { state: 'CANCELLED', holdReason: null, holdDetail: null, shippingPolicy: null };
    expect(
      types([
        update(stored({ state: 'HELD', importedAt: null }), cancelled, {
          changes: ['status'],
          cancelledLines: [{ orderItemId: '1', sku: 'SKU-1', cancelledQuantity: 2 }],
        }),
      ]),
    ).toEqual([]);
  });

  it('announces a release as OrderImported only, and changes of an imported order as OrderUpdated and OrderCancelled', () => {
    expect(types([update(stored({ state: 'HELD', importedAt: null }), imported, { becomesImported: true, changes: ['status'] })])).toEqual([
      'orders.order-imported',
    ]);
    const events = orderEvents(
      [update(stored({}), imported, { changes: ['status', 'cancellation'], cancelledLines: [{ orderItemId: '1', sku: 'SKU-1', cancelledQuantity: 1 }] })],
      'conn',
      [],
      context,
    );
    expect(events.map((e) => [e.definition.type, e.data])).toEqual([
      ['orders.order-updated', { orderId: 'order-1', connectionId: 'conn', amazonOrderId: c.amazonOrderId, changes: ['status'], status: 'UNSHIPPED' }],
      [
        'orders.order-cancelled',
        {
          orderId: 'order-1',
          connectionId: 'conn',
          amazonOrderId: c.amazonOrderId,
          scope: 'PARTIAL',
          lines: [{ orderItemId: '1', sku: 'SKU-1', cancelledQuantity: 1 }],
        },
      ],
    ]);
  });
});
