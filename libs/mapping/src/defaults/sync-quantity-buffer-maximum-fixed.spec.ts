import { validateTemplate } from '../engine/compile-template';
import { compile, template } from '../testing/spec-helpers';

/**
 * Sync quantity rules a seller sets in the sync template: a stock buffer (send fewer than the
 * platform has, never below 0), a maximum (never offer more than N), and a fixed value for some
 * SKUs (rules with a constant). Price keeps "Don't map" for sellers with a repricer.
 */
describe('sync: quantity buffer, maximum and fixed value', () => {
  const sync = compile('sync', {
    price: { kind: 'dont-map' },
    quantity: {
      kind: 'rules',
      rules: [{ name: 'Made to order: always 10', when: { op: 'starts_with', path: 'sku', value: 'MTO-' }, then: { kind: 'value', value: 10 } }],
      else: { kind: 'field', path: 'quantity', adjust: { subtract: 2, maximum: 50 } },
    },
    handling_time: { kind: 'field', path: 'handlingTime', adjust: { maximum: 30 } },
  });

  it.each([
    ['12 in stock, buffer 2: 10', { sku: 'A', quantity: 12 }, 10],
    ['2 in stock, buffer 2: 0', { sku: 'A', quantity: 2 }, 0],
    ['1 in stock, buffer 2: 0, never negative', { sku: 'A', quantity: 1 }, 0],
    ['500 in stock: capped at 50', { sku: 'A', quantity: 500 }, 50],
    ['quantity as text "7": 5', { sku: 'A', quantity: '7' }, 5],
    ['made to order with 0 in stock: fixed 10', { sku: 'MTO-1', quantity: 0 }, 10],
  ])('%s', (_label, record, expected) => {
    const r = sync.evaluate(record);
    expect(r.errors).toEqual([]);
    expect(r.value.quantity).toBe(expected);
    expect('price' in r.value).toBe(false);
  });

  it('reports a quantity that is not a number as it would without the adjustment', () => {
    const r = sync.evaluate({ sku: 'A', quantity: 'lots' });
    expect(r.errors.map((e) => e.field)).toEqual(['amazon.price_quantity.quantity']);
    expect('quantity' in r.value).toBe(false);
  });

  it('leaves a missing quantity unmapped rather than inventing 0', () => {
    expect('quantity' in sync.evaluate({ sku: 'A' }).value).toBe(false);
  });

  it('caps handling time without a buffer', () => {
    expect(sync.evaluate({ sku: 'A', handlingTime: 45 }).value.handling_time).toBe(30);
  });

  it('explains the adjustment', () => {
    const e = sync.explain({ sku: 'A', quantity: 500 }).fields.find((f) => f.key === 'quantity');
    expect(e).toMatchObject({ branch: 'else', action: 'field', inputPath: 'quantity', value: 50 });
    expect(e?.summary).toContain('field "quantity" (minus 2, at most 50)');
  });

  it.each([
    [
      'an adjustment of a text field',
      'sync-orders',
      { tracking_number: { kind: 'field', path: 't', adjust: { subtract: 1 } } },
      '$.fields.tracking_number.adjust',
      'SOURCE_NOT_ALLOWED',
    ],
    [
      'a fractional buffer on a whole-number field',
      'sync',
      { quantity: { kind: 'field', path: 'q', adjust: { subtract: 1.5 } } },
      '$.fields.quantity.adjust.subtract',
      'INVALID_VALUE',
    ],
    [
      'a maximum over the field range',
      'sync',
      { handling_time: { kind: 'field', path: 'h', adjust: { maximum: 31 } } },
      '$.fields.handling_time.adjust.maximum',
      'INVALID_VALUE',
    ],
    ['a negative buffer', 'sync', { quantity: { kind: 'field', path: 'q', adjust: { subtract: -1 } } }, '$.fields.quantity.adjust.subtract', 'SCHEMA_INVALID'],
    ['an unknown adjustment', 'sync', { quantity: { kind: 'field', path: 'q', adjust: { multiply: 2 } } }, '$.fields.quantity.adjust', 'SCHEMA_INVALID'],
  ] as const)('refuses %s at its JSON path', (_label, operation, fields, path, code) => {
    const result = validateTemplate(template(operation, fields as never));
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path, code })]));
  });
});
