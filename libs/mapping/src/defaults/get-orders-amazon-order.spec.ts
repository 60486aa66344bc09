import { compileTemplateFor } from '../engine/compile-template';
import { defaultTemplate } from './default-templates';

/** Default get-orders template on an Orders API 2026-01-01 order (sandbox-style data, no real PII). */
const orders = compileTemplateFor('get-orders', defaultTemplate('get-orders'));

const order = {
  orderId: '113-1234567-1234567',
  createdTime: '2026-06-23T14:48:00Z',
  salesChannel: { channelName: 'AMAZON', marketplaceId: 'ATVPDKIKX0DER' },
  fulfillment: { fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT', fulfillmentServiceLevel: 'STANDARD' },
  buyer: { buyerName: 'Test Buyer', buyerEmail: 'test@marketplace.example' },
  recipient: {
    deliveryAddress: { name: 'Test Recipient', addressLine1: '123 Main St', city: 'Austin', stateOrRegion: 'TX', postalCode: '78701', countryCode: 'US' },
  },
  proceeds: { grandTotal: { amount: '49.99', currencyCode: 'USD' } },
  orderItems: [
    {
      orderItemId: '12345678901234',
      quantityOrdered: 1,
      product: { asin: 'B07X4K9Y9Z', sellerSku: 'FLX12345', title: 'Blue Widget', price: { unitPrice: { amount: '39.99', currencyCode: 'USD' } } },
    },
    {
      orderItemId: '12345678901235',
      quantityOrdered: 2,
      product: { asin: 'B000000002', sellerSku: 'FLX2', price: { unitPrice: { amount: '5.00', currencyCode: 'USD' } } },
    },
  ],
};

describe('get-orders default template on an Amazon order', () => {
  it('maps the order, its address, its invoice and every line', () => {
    const r = orders.evaluate(order);
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({
      reference_number: '113-1234567-1234567',
      ordered_on: '2026-06-23T14:48:00.000Z',
      shipping_method: 'STANDARD',
      buyer_name: 'Test Buyer',
      buyer_email: 'test@marketplace.example',
      shipping_name: 'Test Recipient',
      shipping_address_line_1: '123 Main St',
      shipping_city: 'Austin',
      shipping_state: 'TX',
      shipping_postal_code: '78701',
      shipping_country_code: 'US',
      invoice_total: 49.99,
      invoice_currency: 'USD',
      lines: [
        {
          item_order_item_id: '12345678901234',
          item_sku: 'FLX12345',
          item_product_code: 'FLX12345',
          item_title: 'Blue Widget',
          item_quantity: 1,
          item_unit_price: 39.99,
        },
        { item_order_item_id: '12345678901235', item_sku: 'FLX2', item_product_code: 'FLX2', item_quantity: 2, item_unit_price: 5 },
      ],
    });
  });

  it('maps an order whose PII was redacted without errors (address fields just go missing)', () => {
    const { recipient: _r, buyer: _b, ...redacted } = order;
    const r = orders.evaluate(redacted);
    expect(r.errors).toEqual([]);
    expect(Object.keys(r.value).filter((k) => k.startsWith('shipping_address'))).toEqual([]);
  });

  it('reports a line without SKU with its line index', () => {
    const r = orders.evaluate({ ...order, orderItems: [order.orderItems[0], { orderItemId: '9', quantityOrdered: 1, product: {} }] });
    expect(r.errors).toEqual([expect.objectContaining({ code: 'REQUIRED_VALUE_MISSING', field: 'order_item.sku', line: 1, sourcePath: 'product.sellerSku' })]);
  });

  it('reports amounts without a currency', () => {
    const r = orders.evaluate({ ...order, proceeds: { grandTotal: { amount: '49.99' } } });
    expect(r.errors).toEqual([expect.objectContaining({ code: 'CURRENCY_REQUIRED_FOR_AMOUNT', field: 'channel_invoice.currency' })]);
  });

  it('lets a seller load the ASIN into the product code instead of the SKU', () => {
    const t = defaultTemplate('get-orders');
    const asinCodes = compileTemplateFor('get-orders', { ...t, fields: { ...t.fields, item_product_code: { kind: 'field', path: 'product.asin' } } });
    expect(asinCodes.evaluate(order).value.lines?.map((l) => l.item_product_code)).toEqual(['B07X4K9Y9Z', 'B000000002']);
  });
});
