import { compile } from '../testing/spec-helpers';

/** Publish fields cover every type with limits: text (sku ≤ 40), enum, decimal ≥ 0, integer 0..30. */
const publish = compile('publish', {
  sku: { kind: 'field', path: 'sku' },
  product_id_type: { kind: 'field', path: 'type' },
  product_id: { kind: 'field', path: 'id' },
  price: { kind: 'field', path: 'price' },
  handling_time: { kind: 'field', path: 'days' },
  item_condition: { kind: 'field', path: 'cond' },
  fulfillment_center_id: { kind: 'option', option: 'DEFAULT' },
});
const valid = { sku: 'SKU-1', type: 'ASIN', id: 'B07X4K9Y9Z', price: 29.99, days: 2, cond: 'new_new' };

type Row = [label: string, patch: Record<string, unknown>, key: string, expected: unknown];
const ok: Row[] = [
  ['text from a number', { sku: 12345 }, 'sku', '12345'],
  ['decimal from text', { price: '19.95' }, 'price', 19.95],
  ['decimal zero', { price: 0 }, 'price', 0],
  ['integer from text', { days: '3' }, 'handling_time', 3],
  ['integer from decimal-looking text', { days: '3.0' }, 'handling_time', 3],
  ['enum is matched case-insensitively and output canonical', { type: 'asin' }, 'product_id_type', 'ASIN'],
];

type Bad = [label: string, patch: Record<string, unknown>, code: string, field: string, message: string];
const bad: Bad[] = [
  [
    'text too long',
    { sku: 'S'.repeat(41) },
    'VALUE_TOO_LONG',
    'amazon.inventory_product.sku',
    'amazon.inventory_product.sku accepts at most 40 characters; got 41 (from "sku")',
  ],
  [
    'object where text is expected',
    { sku: { a: 1 } },
    'INVALID_TYPE',
    'amazon.inventory_product.sku',
    'amazon.inventory_product.sku expects text; got a object (from "sku")',
  ],
  [
    'value outside the allowed list',
    { type: 'MPN' },
    'VALUE_NOT_ALLOWED',
    'amazon.inventory_product.product_id_type',
    'amazon.inventory_product.product_id_type must be one of ASIN, ISBN, UPC, EAN, GTIN; got "MPN" (from "type")',
  ],
  [
    'non-numeric price',
    { price: 'free' },
    'INVALID_TYPE',
    'amazon.inventory_product.price',
    'amazon.inventory_product.price expects a number; got "free" (from "price")',
  ],
  [
    'negative price',
    { price: -1 },
    'VALUE_OUT_OF_RANGE',
    'amazon.inventory_product.price',
    'amazon.inventory_product.price must be at least 0; got -1 (from "price")',
  ],
  [
    'fractional handling time',
    { days: 1.5 },
    'INVALID_TYPE',
    'amazon.inventory_product.handling_time',
    'amazon.inventory_product.handling_time expects a whole number; got 1.5 (from "days")',
  ],
  [
    'handling time above the maximum',
    { days: 31 },
    'VALUE_OUT_OF_RANGE',
    'amazon.inventory_product.handling_time',
    'amazon.inventory_product.handling_time must be at least 0 and at most 30; got 31 (from "days")',
  ],
  [
    'NaN price',
    { price: Number.NaN },
    'REQUIRED_VALUE_MISSING',
    'amazon.inventory_product.price',
    'amazon.inventory_product.price is required, but "price" is empty for this record',
  ],
];

describe('type and allowed-value checks', () => {
  it('maps a valid record without issues', () => {
    const r = publish.evaluate(valid);
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it.each(ok)('%s', (_label, patch, key, expected) => {
    const r = publish.evaluate({ ...valid, ...patch });
    expect(r.errors).toEqual([]);
    expect(r.value[key]).toBe(expected);
  });

  it.each(bad)('%s → %s', (_label, patch, code, field, message) => {
    const r = publish.evaluate({ ...valid, ...patch });
    expect(r.ok).toBe(false);
    expect(r.errors).toContainEqual(expect.objectContaining({ code, field, message, severity: 'error' }));
    // A rejected value is never sent.
    const key = field.split('.').pop() as string;
    expect(key in r.value).toBe(false);
  });

  it.each([
    ['2026-01-15T10:20:30Z', '2026-01-15T10:20:30.000Z'],
    ['2026-01-15T10:20:30.123Z', '2026-01-15T10:20:30.123Z'],
    ['2026-01-15T12:20:30+02:00', '2026-01-15T10:20:30.000Z'],
    ['2026-01-15', '2026-01-15T00:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('date-times are normalised to UTC ISO 8601: %s', (input, expected) => {
    const c = compile('get-orders', { ordered_on: { kind: 'field', path: 'd' } });
    expect(c.evaluate({ d: input }).value['ordered_on']).toBe(expected);
  });

  it.each(['2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '23/06/2025', 'yesterday', '2026-01-15T24:00:00Z'])(
    'rejects the date-time %s naming the field',
    (input) => {
      const c = compile('get-orders', { ordered_on: { kind: 'field', path: 'd' } });
      expect(c.evaluate({ d: input }).errors).toContainEqual(expect.objectContaining({ code: 'INVALID_TYPE', field: 'order.ordered_on' }));
    },
  );
});
