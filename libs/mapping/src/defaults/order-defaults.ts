import type { MappingTemplate } from '../template/template.types';

const address = (part: string) => ({ kind: 'field', path: `recipient.deliveryAddress.${part}` }) as const;

/**
 * Default get-orders template. Reads an Orders API 2026-01-01 `Order` (with the RECIPIENT,
 * BUYER, PROCEEDS and FULFILLMENT datasets); lines come from `orderItems`.
 */
export const DEFAULT_GET_ORDERS_TEMPLATE: MappingTemplate = {
  schemaVersion: 1,
  operation: 'get-orders',
  name: 'Default get-orders template',
  lines: { path: 'orderItems' },
  fields: {
    reference_number: { kind: 'field', path: 'orderId' },
    ordered_on: { kind: 'field', path: 'createdTime' },
    shipping_method: { kind: 'field', path: 'fulfillment.fulfillmentServiceLevel' },
    buyer_name: { kind: 'field', path: 'buyer.buyerName' },
    buyer_email: { kind: 'field', path: 'buyer.buyerEmail' },
    shipping_name: address('name'),
    shipping_company: address('companyName'),
    shipping_address_line_1: address('addressLine1'),
    shipping_address_line_2: address('addressLine2'),
    shipping_address_line_3: address('addressLine3'),
    shipping_city: address('city'),
    shipping_state: address('stateOrRegion'),
    shipping_postal_code: address('postalCode'),
    shipping_country_code: address('countryCode'),
    shipping_phone: address('phone'),
    invoice_total: { kind: 'field', path: 'proceeds.grandTotal.amount' },
    invoice_currency: { kind: 'field', path: 'proceeds.grandTotal.currencyCode' },
    item_order_item_id: { kind: 'field', path: 'orderItemId' },
    item_sku: { kind: 'field', path: 'product.sellerSku' },
    item_product_code: { kind: 'field', path: 'product.sellerSku' },
    item_title: { kind: 'field', path: 'product.title' },
    item_quantity: { kind: 'field', path: 'quantityOrdered' },
    item_unit_price: { kind: 'field', path: 'product.price.unitPrice.amount' },
  },
};

/**
 * Default sync-orders template. Reads {@link DefaultShipmentSource}. Carrier and method names
 * pass through unchanged unless a mapping-set row normalises them (e.g. a vendor's `GOSO` is
 * posted as `GLS US`).
 */
export const DEFAULT_SYNC_ORDERS_TEMPLATE: MappingTemplate = {
  schemaVersion: 1,
  operation: 'sync-orders',
  name: 'Default sync-orders template',
  mappingSets: {
    carriers: {
      description: 'Vendor carrier names to the names posted to Amazon',
      ignoreCase: true,
      passThrough: true,
      entries: [{ from: 'GOSO', to: 'GLS US' }],
    },
    'shipping-methods': {
      description: 'Vendor service labels to the methods posted to Amazon',
      ignoreCase: true,
      passThrough: true,
      entries: [{ from: 'GOLDEN STATE OVERNIGHT', to: 'Other' }],
    },
  },
  fields: {
    carrier: { kind: 'mapping-set', set: 'carriers', path: 'carrier' },
    tracking_number: { kind: 'field', path: 'trackingNumber' },
    shipping_method: { kind: 'mapping-set', set: 'shipping-methods', path: 'shippingMethod' },
  },
};
