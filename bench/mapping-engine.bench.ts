/**
 * Mapping-engine throughput: evaluates 1,000,000 order records with a 20-field get-orders
 * template (16 order fields + 4 line fields, one line per order) that uses rules (in_list,
 * equals, matches, is_empty, starts_with, all-groups) and mapping sets.
 *
 * Run: `node tools/bench.js bench/mapping-engine.bench.ts [records]`. Single-threaded, so the
 * figure is per core. Goal (issue 5): at least 500,000 records/s.
 */
import os from 'node:os';
import { compileTemplateFor } from '@amazon-channel/mapping';
import type { MappingTemplate } from '@amazon-channel/mapping';

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const DISTINCT = 1_000;

const template: MappingTemplate = {
  schemaVersion: 1,
  operation: 'get-orders',
  name: 'bench: 20 fields, rules and mapping sets',
  lines: { path: 'orderItems' },
  mappingSets: {
    'service-levels': {
      entries: [
        { from: 'STANDARD', to: 'Std US D2D Dom' },
        { from: 'EXPEDITED', to: 'Exp US D2D Dom' },
        { from: 'SECOND_DAY', to: 'Second US D2D Dom' },
        { from: 'FREE_ECONOMY', to: 'Econ US Dom' },
      ],
      default: 'Std US D2D Dom',
    },
    'us-states': {
      ignoreCase: true,
      passThrough: true,
      entries: [
        { from: 'Texas', to: 'TX' },
        { from: 'California', to: 'CA' },
        { from: 'New York', to: 'NY' },
        { from: 'Florida', to: 'FL' },
      ],
    },
  },
  fields: {
    reference_number: { kind: 'field', path: 'orderId' },
    ordered_on: { kind: 'field', path: 'createdTime' },
    shipping_method: { kind: 'mapping-set', set: 'service-levels', path: 'fulfillment.fulfillmentServiceLevel' },
    buyer_name: { kind: 'field', path: 'buyer.buyerName' },
    buyer_email: {
      kind: 'rules',
      rules: [{ when: { op: 'is_empty', path: 'buyer.buyerEmail' }, then: { kind: 'dont-map' } }],
      else: { kind: 'field', path: 'buyer.buyerEmail' },
    },
    shipping_name: { kind: 'field', path: 'recipient.deliveryAddress.name' },
    shipping_company: { kind: 'field', path: 'recipient.deliveryAddress.companyName' },
    shipping_address_line_1: { kind: 'field', path: 'recipient.deliveryAddress.addressLine1' },
    shipping_address_line_2: { kind: 'field', path: 'recipient.deliveryAddress.addressLine2' },
    shipping_city: { kind: 'field', path: 'recipient.deliveryAddress.city' },
    shipping_state: { kind: 'mapping-set', set: 'us-states', path: 'recipient.deliveryAddress.stateOrRegion' },
    shipping_postal_code: { kind: 'field', path: 'recipient.deliveryAddress.postalCode' },
    shipping_country_code: {
      kind: 'rules',
      rules: [
        {
          name: 'North America as is',
          when: { op: 'in_list', path: 'recipient.deliveryAddress.countryCode', values: ['US', 'CA', 'MX'] },
          then: { kind: 'field', path: 'recipient.deliveryAddress.countryCode' },
        },
        { name: 'UK is GB', when: { op: 'equals', path: 'recipient.deliveryAddress.countryCode', value: 'UK' }, then: { kind: 'value', value: 'GB' } },
      ],
      else: { kind: 'field', path: 'recipient.deliveryAddress.countryCode' },
    },
    shipping_phone: {
      kind: 'rules',
      rules: [
        {
          when: { op: 'matches', path: 'recipient.deliveryAddress.phone', pattern: '^\\+?[0-9 ()-]{7,20}$' },
          then: { kind: 'field', path: 'recipient.deliveryAddress.phone' },
        },
      ],
      else: { kind: 'set-empty' },
    },
    invoice_total: { kind: 'field', path: 'proceeds.grandTotal.amount' },
    invoice_currency: { kind: 'field', path: 'proceeds.grandTotal.currencyCode' },
    item_sku: { kind: 'field', path: 'product.sellerSku' },
    item_product_code: {
      kind: 'rules',
      rules: [
        {
          name: 'Amazon-prefixed SKUs go by ASIN',
          when: {
            op: 'all',
            conditions: [
              { op: 'is_not_empty', path: 'product.asin' },
              { op: 'starts_with', path: 'product.sellerSku', value: 'AMZ-' },
            ],
          },
          then: { kind: 'field', path: 'product.asin' },
        },
      ],
      else: { kind: 'field', path: 'product.sellerSku' },
    },
    item_quantity: { kind: 'field', path: 'quantityOrdered' },
    item_unit_price: { kind: 'field', path: 'product.price.unitPrice.amount' },
  },
};

const LEVELS = ['STANDARD', 'EXPEDITED', 'SECOND_DAY', 'FREE_ECONOMY', 'SAME_DAY'];
const STATES = ['Texas', 'california', 'NY', 'Florida', 'Ontario'];
const COUNTRIES = ['US', 'CA', 'UK', 'DE', 'MX'];

function order(i: number): unknown {
  return {
    orderId: `113-${String(1_000_000 + i).padStart(7, '0')}-${String(7_000_000 + i)}`,
    createdTime: `2026-0${1 + (i % 9)}-1${i % 10}T1${i % 10}:2${i % 10}:00Z`,
    fulfillment: { fulfillmentServiceLevel: LEVELS[i % LEVELS.length] },
    buyer: { buyerName: `Buyer ${i}`, buyerEmail: i % 4 === 0 ? '' : `b${i}@marketplace.amazon.com` },
    recipient: {
      deliveryAddress: {
        name: `Recipient ${i}`,
        companyName: i % 3 === 0 ? 'ACME' : undefined,
        addressLine1: `${i} Main St`,
        addressLine2: i % 2 === 0 ? `Apt ${i % 50}` : '',
        city: 'Austin',
        stateOrRegion: STATES[i % STATES.length],
        postalCode: String(78_000 + (i % 999)),
        countryCode: COUNTRIES[i % COUNTRIES.length],
        phone: i % 5 === 0 ? 'n/a' : `+1 512-555-${String(i % 10_000).padStart(4, '0')}`,
      },
    },
    proceeds: { grandTotal: { amount: `${(i % 500) + 10}.99`, currencyCode: 'USD' } },
    orderItems: [
      {
        orderItemId: String(40_000_000_000_000 + i),
        quantityOrdered: 1 + (i % 3),
        product: {
          sellerSku: i % 2 === 0 ? `AMZ-${i}` : `FLX${i}`,
          asin: `B0${String(i).padStart(8, '0')}`,
          price: { unitPrice: { amount: `${(i % 100) + 5}.49` } },
        },
      },
    ],
  };
}

function main(): void {
  const compiled = compileTemplateFor('get-orders', template);
  const mappedFields = Object.keys(template.fields).length;
  const records = Array.from({ length: DISTINCT }, (_, i) => order(i));

  // Sanity: the template maps what it should before we time it.
  const sample = compiled.evaluate(records[1]);
  if (!sample.ok || sample.value.lines?.[0]?.item_sku !== 'FLX1') {
    throw new Error(`bench template does not map as expected: ${JSON.stringify(sample.errors)}`);
  }

  let sink = 0;
  for (let i = 0; i < 100_000; i++) sink += compiled.evaluate(records[i % DISTINCT]).errors.length; // warm-up (JIT)

  const start = process.hrtime.bigint();
  for (let i = 0; i < TOTAL; i++) sink += compiled.evaluate(records[i % DISTINCT]).errors.length;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;

  const perSecond = Math.round(TOTAL / seconds);
  const out = [
    `mapping-engine: ${TOTAL.toLocaleString('en-US')} records x ${mappedFields} fields in ${seconds.toFixed(3)} s`,
    `throughput: ${perSecond.toLocaleString('en-US')} records/s on one core (goal >= 500,000)`,
    `machine: ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}`,
    `(checksum ${sink})`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
