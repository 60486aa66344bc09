import type { Order } from '@amazon-channel/sp-api';
import { compileGetOrdersTemplate } from '../order-settings.service';
import { toMinorUnits } from './money';
import { toOrderCandidate } from './order-candidate';
import { normaliseServiceLevel } from '../../shipping-mappings/domain/service-level';

function order(overrides: Partial<Order> = {}): Order {
  return {
    orderId: '111-0000001-0000001',
    createdTime: '2026-11-20T10:00:00Z',
    lastUpdatedTime: '2026-11-20T10:05:00Z',
    salesChannel: { channelName: 'AMAZON', marketplaceId: 'ATVPDKIKX0DER' },
    buyer: { buyerName: 'Test Buyer', buyerEmail: 'buyer@example.test' },
    recipient: {
      deliveryAddress: {
        name: 'Test Buyer',
        addressLine1: '1 Test Street',
        city: 'Seattle',
        stateOrRegion: 'WA',
        postalCode: '98101',
        countryCode: 'US',
        phone: '+1 555 0100',
      },
    },
    proceeds: { grandTotal: { amount: '25.97', currencyCode: 'USD' } },
    fulfillment: {
      fulfillmentStatus: 'UNSHIPPED',
      fulfilledBy: 'MERCHANT',
      fulfillmentServiceLevel: 'SECOND_DAY',
      shipByWindow: { latestDateTime: '2026-11-22T10:00:00Z' },
    },
    orderItems: [
      {
        orderItemId: '10000000000001',
        quantityOrdered: 3,
        product: { asin: 'B000000001', sellerSku: 'SKU-1', title: 'Mug', price: { unitPrice: { amount: '6.99', currencyCode: 'USD' } } },
        fulfillment: { quantityFulfilled: 1, quantityUnfulfilled: 1 },
      },
    ],
    ...overrides,
  };
}

describe('toOrderCandidate (default get-orders template)', () => {
  const sku = compileGetOrdersTemplate({ template: null, productCode: 'SKU' });
  const asin = compileGetOrdersTemplate({ template: null, productCode: 'ASIN' });

  it('maps ids, dates, totals in minor units, lines and buyer data', () => {
    const c = toOrderCandidate(order(), sku);
    expect(c).toMatchObject({
      amazonOrderId: '111-0000001-0000001',
      marketplaceId: 'ATVPDKIKX0DER',
      amazonStatus: 'UNSHIPPED',
      serviceLevel: 'SECOND_DAY',
      totalMinor: 2597,
      currency: 'USD',
      problem: null,
    });
    expect(c.purchasedAt.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    // 3 ordered, 1 shipped, 1 still open: the third unit was cancelled.
    expect(c.lines).toEqual([
      expect.objectContaining({
        orderItemId: '10000000000001',
        sku: 'SKU-1',
        productCode: 'SKU-1',
        quantityOrdered: 3,
        quantityShipped: 1,
        quantityCancelled: 1,
        unitPriceMinor: 699,
      }),
    ]);
    expect(c.pii).toEqual({
      buyerName: 'Test Buyer',
      buyerEmail: 'buyer@example.test',
      shippingName: 'Test Buyer',
      shippingPhone: '+1 555 0100',
      shippingAddress: { addressLine1: '1 Test Street', city: 'Seattle', stateOrRegion: 'WA', postalCode: '98101', countryCode: 'US' },
    });
  });

  it('puts the ASIN in the product code when the connection asks for it', () => {
    expect(toOrderCandidate(order(), asin).lines[0].productCode).toBe('B000000001');
  });

  it('holds malformed orders with a reason instead of failing', () => {
    const noSku = order({ orderItems: [{ orderItemId: '10000000000002', quantityOrdered: 1, product: {} }] });
    expect(toOrderCandidate(noSku, sku).problem?.reason).toBe('LINE_WITHOUT_SKU');
    const absurd = order({ orderItems: [{ orderItemId: '10000000000003', quantityOrdered: 999_999, product: { sellerSku: 'SKU-1' } }] });
    expect(toOrderCandidate(absurd, sku).problem?.reason).toBe('ABSURD_QUANTITY');
    const unknown = order({ salesChannel: { channelName: 'AMAZON', marketplaceId: 'AUNKNOWNMKT' } });
    expect(toOrderCandidate(unknown, sku).problem?.reason).toBe('UNKNOWN_MARKETPLACE');
    const badAddress = order({ recipient: { deliveryAddress: { name: 'X', postalCode: '1', countryCode: 'usa' } } });
    const problem = toOrderCandidate(badAddress, sku).problem;
    expect(problem?.reason).toBe('MALFORMED_ADDRESS');
    // The reason names the missing parts, never the buyer's values.
    expect(problem?.detail).not.toContain('usa');
  });

  it('removes NUL characters Amazon sent and holds the order as INVALID_TEXT naming the field, not the value', () => {
    const nul = order({ orderItems: [{ orderItemId: '10000000000004', quantityOrdered: 1, product: { sellerSku: 'SKU\u0000-9', title: 'Mug\u0000' } }] });
    const c = toOrderCandidate(nul, sku);
    expect(c.problem).toEqual({ reason: 'INVALID_TEXT', detail: 'Amazon sent a NUL character in lines[0].sku, lines[0].productCode, lines[0].title' });
    expect(c.lines[0]).toMatchObject({ sku: 'SKU-9', title: 'Mug' });
    // In buyer data a NUL is removed without holding the order.
    const inName = toOrderCandidate(order({ buyer: { buyerName: 'Test\u0000Buyer' } }), sku);
    expect(inName).toMatchObject({ problem: null, pii: { buyerName: 'TestBuyer' } });
  });

  it.each([
    ['a currency that is not ISO 4217', { proceeds: { grandTotal: { amount: '25.97', currencyCode: '€€€' } } }, 'UNKNOWN_CURRENCY'],
    ['a negative total', { proceeds: { grandTotal: { amount: '-500.00', currencyCode: 'USD' } } }, 'ABSURD_PRICE'],
    ['an absurd total', { proceeds: { grandTotal: { amount: '99999999.00', currencyCode: 'USD' } } }, 'ABSURD_PRICE'],
    [
      'a negative unit price',
      {
        orderItems: [
          {
            orderItemId: '10000000000005',
            quantityOrdered: 1,
            product: { sellerSku: 'SKU-1', price: { unitPrice: { amount: '-5.00', currencyCode: 'USD' } } },
          },
        ],
      },
      'ABSURD_PRICE',
    ],
    ['a negative quantity', { orderItems: [{ orderItemId: '10000000000006', quantityOrdered: -2, product: { sellerSku: 'SKU-1' } }] }, 'ABSURD_QUANTITY'],
  ] as Array<[string, Partial<Order>, string]>)('holds an order with %s', (_name, overrides, reason) => {
    const problem = toOrderCandidate(order(overrides), sku).problem;
    expect(problem?.reason).toBe(reason);
    expect(problem?.detail).not.toMatch(/€/);
  });

  it('counts every unshipped unit of a cancelled order as cancelled', () => {
    const cancelled = order({ fulfillment: { fulfillmentStatus: 'CANCELLED', fulfilledBy: 'MERCHANT' } });
    expect(toOrderCandidate(cancelled, sku).lines[0]).toMatchObject({ quantityCancelled: 2, quantityShipped: 1 });
  });
});

describe('money and service levels', () => {
  it('converts decimal strings exactly, per currency', () => {
    expect(toMinorUnits('19.99', 'USD')).toBe(1999);
    expect(toMinorUnits('0.1', 'EUR')).toBe(10);
    expect(toMinorUnits('1500', 'JPY')).toBe(1500);
    expect(toMinorUnits(4.35, 'USD')).toBe(435);
    expect(toMinorUnits('abc', 'USD')).toBeNull();
  });

  it('accepts v0 and 2026 spellings of a category and rejects free text', () => {
    expect(normaliseServiceLevel('SecondDay')).toBe('SECOND_DAY');
    expect(normaliseServiceLevel('FREE_ECONOMY')).toBe('FREE_ECONOMY');
    expect(normaliseServiceLevel('Std US D2D Dom')).toBeNull();
  });
});
