import type { FieldMapping } from '../template/template.types';
import { compile } from '../testing/spec-helpers';

const carriers = {
  carriers: {
    entries: [
      { from: 'GOSO', to: 'GLS US' },
      { from: 'UPSN', to: 'UPS' },
    ],
    default: 'Other',
  },
  exact: { entries: [{ from: 'GOSO', to: 'GLS US' }] },
  loose: { entries: [{ from: 'goso', to: 'GLS US' }], ignoreCase: true, passThrough: true },
};

type Row = [label: string, mapping: FieldMapping, record: Record<string, unknown>, expected: { present: boolean; value?: unknown }];

// Sync-orders shipping_method: optional free text that accepts every source but Option.
const rows: Row[] = [
  ["Don't Map leaves the field out", { kind: 'dont-map' }, { method: 'Ground' }, { present: false }],
  ['Set To Empty puts null', { kind: 'set-empty' }, { method: 'Ground' }, { present: true, value: null }],
  ['Field copies the source value', { kind: 'field', path: 'method' }, { method: 'Ground' }, { present: true, value: 'Ground' }],
  [
    'Field reads nested paths',
    { kind: 'field', path: 'shipment.methods[1]' },
    { shipment: { methods: ['a', 'Priority Mail'] } },
    { present: true, value: 'Priority Mail' },
  ],
  ['Field with a missing path gives no value', { kind: 'field', path: 'nope' }, { method: 'Ground' }, { present: false }],
  ['Field with blank text gives no value', { kind: 'field', path: 'method' }, { method: '   ' }, { present: false }],
  ['Value sets a constant', { kind: 'value', value: 'Ground' }, {}, { present: true, value: 'Ground' }],
  ['Mapping Set maps a known key', { kind: 'mapping-set', set: 'carriers', path: 'c' }, { c: 'GOSO' }, { present: true, value: 'GLS US' }],
  ['Mapping Set uses the default for an unknown key', { kind: 'mapping-set', set: 'carriers', path: 'c' }, { c: 'ZZZ' }, { present: true, value: 'Other' }],
  ['Mapping Set does not apply the default to a missing value', { kind: 'mapping-set', set: 'carriers', path: 'c' }, {}, { present: false }],
  ['Mapping Set is exact by default', { kind: 'mapping-set', set: 'exact', path: 'c' }, { c: 'goso' }, { present: false }],
  ['Mapping Set ignoreCase matches any case', { kind: 'mapping-set', set: 'loose', path: 'c' }, { c: 'GoSo' }, { present: true, value: 'GLS US' }],
  ['Mapping Set passThrough keeps unknown values', { kind: 'mapping-set', set: 'loose', path: 'c' }, { c: 'USPS' }, { present: true, value: 'USPS' }],
  [
    'Rules: first matching rule wins',
    {
      kind: 'rules',
      rules: [
        { when: { op: 'starts_with', path: 't', value: '1Z' }, then: { kind: 'value', value: 'UPS Ground' } },
        { when: { op: 'length_is', path: 't', length: 18 }, then: { kind: 'value', value: 'never reached for 1Z' } },
      ],
    },
    { t: '1Z9990399999999999' },
    { present: true, value: 'UPS Ground' },
  ],
  [
    'Rules: else branch when nothing matches',
    { kind: 'rules', rules: [{ when: { op: 'equals', path: 't', value: 'x' }, then: { kind: 'value', value: 'X' } }], else: { kind: 'field', path: 'method' } },
    { t: 'y', method: 'Ground' },
    { present: true, value: 'Ground' },
  ],
  [
    'Rules: no match and no else is Don’t Map',
    { kind: 'rules', rules: [{ when: { op: 'equals', path: 't', value: 'x' }, then: { kind: 'value', value: 'X' } }] },
    { t: 'y' },
    { present: false },
  ],
  [
    'Rules: action from a mapping set',
    { kind: 'rules', rules: [{ when: { op: 'is_not_empty', path: 'c' }, then: { kind: 'mapping-set', set: 'carriers', path: 'c' } }] },
    { c: 'UPSN' },
    { present: true, value: 'UPS' },
  ],
  [
    'Rules: action set-empty',
    { kind: 'rules', rules: [{ when: { op: 'is_empty', path: 'method' }, then: { kind: 'set-empty' } }], else: { kind: 'field', path: 'method' } },
    {},
    { present: true, value: null },
  ],
  [
    'Rules: all group needs every condition',
    {
      kind: 'rules',
      rules: [
        {
          when: {
            op: 'all',
            conditions: [
              { op: 'length_is', path: 't', length: 22 },
              { op: 'starts_with', path: 't', value: '9400' },
            ],
          },
          then: { kind: 'value', value: 'First Class' },
        },
      ],
      else: { kind: 'value', value: 'other' },
    },
    { t: '9400123' },
    { present: true, value: 'other' },
  ],
  [
    'Rules: any group needs one condition',
    {
      kind: 'rules',
      rules: [
        {
          when: {
            op: 'any',
            conditions: [
              { op: 'matches', path: 't', pattern: '^[0-9]{20}$' },
              { op: 'matches', path: 't', pattern: '^[0-9]{15}$' },
              { op: 'matches', path: 't', pattern: '^[0-9]{12}$' },
            ],
          },
          then: { kind: 'value', value: 'FedEx' },
        },
      ],
    },
    { t: '123456789012' },
    { present: true, value: 'FedEx' },
  ],
  [
    'Rules: nested any inside all',
    {
      kind: 'rules',
      rules: [
        {
          when: {
            op: 'all',
            conditions: [
              { op: 'length_is', path: 't', length: 22 },
              {
                op: 'any',
                conditions: [
                  { op: 'starts_with', path: 't', value: '9405' },
                  { op: 'starts_with', path: 't', value: '9205' },
                ],
              },
            ],
          },
          then: { kind: 'value', value: 'Priority Mail' },
        },
      ],
    },
    { t: '9205512345678901234567' },
    { present: true, value: 'Priority Mail' },
  ],
];

describe('sources', () => {
  it.each(rows)('%s', (_label, mapping, record, expected) => {
    const result = compile(
      'sync-orders',
      { carrier: { kind: 'value', value: 'UPS' }, tracking_number: { kind: 'value', value: '1Z' }, shipping_method: mapping },
      carriers,
    ).evaluate(record);
    expect('shipping_method' in result.value).toBe(expected.present);
    if (expected.present) expect(result.value['shipping_method']).toBe(expected.value);
  });

  it('Option sets one of the allowed values (publish product_id_type)', () => {
    const result = compile('publish', { product_id_type: { kind: 'option', option: 'GTIN' } }).evaluate({});
    expect(result.value['product_id_type']).toBe('GTIN');
  });

  it('fields missing from the template are not mapped', () => {
    const result = compile('sync', { price: { kind: 'field', path: 'price' } }).evaluate({ price: 10, quantity: 5 });
    expect(result.value).toEqual({ price: 10 });
  });

  it('uses the field definition default when a mapped source gives no value', () => {
    const c = compile('sync', { fulfillment_channel: { kind: 'field', path: 'channel' } });
    expect(c.evaluate({}).value['fulfillment_channel']).toBe('DEFAULT');
    expect(c.evaluate({ channel: 'AMAZON_EU' }).value['fulfillment_channel']).toBe('AMAZON_EU');
  });

  it('warns with the set name when a mapping set has no row and no default', () => {
    const fields = { carrier: { kind: 'mapping-set', set: 'exact', path: 'c' }, tracking_number: { kind: 'field', path: 't' } } as const;
    const result = compile('sync-orders', fields, carriers).evaluate({ c: 'DHL', t: '1Z' });
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: 'MAPPING_SET_NO_MATCH',
        field: 'fulfillment_data.carrier',
        sourcePath: 'c',
        message: expect.stringContaining('"exact"'),
      }),
    ]);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'REQUIRED_VALUE_MISSING', field: 'fulfillment_data.carrier' })]);
  });
});
