import { compile } from '../testing/spec-helpers';

const sets = { carriers: { entries: [{ from: 'GOSO', to: 'GLS US' }], default: 'Other' } };
const c = compile(
  'sync-orders',
  {
    carrier: {
      kind: 'rules',
      rules: [
        { name: 'UPS by prefix', when: { op: 'starts_with', path: 't', value: '1Z' }, then: { kind: 'value', value: 'UPS' } },
        { name: 'vendor carriers', when: { op: 'is_not_empty', path: 'c' }, then: { kind: 'mapping-set', set: 'carriers', path: 'c' } },
      ],
    },
    tracking_number: { kind: 'field', path: 't' },
    shipping_method: { kind: 'set-empty' },
  },
  sets,
);

describe('explain', () => {
  it('names the rule, the action and the input for each field', () => {
    const { fields } = c.explain({ t: 'X1', c: 'GOSO' });
    expect(fields).toEqual([
      {
        key: 'carrier',
        name: 'fulfillment_data.carrier',
        source: 'rules',
        rule: { index: 1, name: 'vendor carriers' },
        branch: 'rule',
        action: 'mapping-set',
        inputPath: 'c',
        mappingSet: { name: 'carriers', outcome: 'matched' },
        outcome: 'mapped',
        value: 'GLS US',
        issues: [],
        summary: 'rule 2 "vendor carriers" matched: mapping set "carriers" on "c" (matched)',
      },
      {
        key: 'tracking_number',
        name: 'fulfillment_data.tracking_number',
        source: 'field',
        action: 'field',
        inputPath: 't',
        outcome: 'mapped',
        value: 'X1',
        issues: [],
        summary: 'field "t"',
      },
      {
        key: 'shipping_method',
        name: 'fulfillment_data.shipping_method',
        source: 'set-empty',
        action: 'set-empty',
        outcome: 'empty',
        value: null,
        issues: [],
        summary: 'set to empty (cleared)',
      },
    ]);
  });

  it('reports a mapping-set default and a rules miss', () => {
    const { fields, errors } = c.explain({ t: 'X1', c: 'Unknown Co' });
    expect(fields[0]).toMatchObject({ mappingSet: { name: 'carriers', outcome: 'default' }, value: 'Other' });
    expect(errors).toEqual([]);
    const miss = c.explain({ t: 'X1' });
    expect(miss.fields[0]).toMatchObject({ branch: 'none', action: 'dont-map', outcome: 'not-mapped', issues: ['MISSING_REQUIRED_MAPPING'] });
    expect(miss.fields[0]?.summary).toBe('no rule matched and there is no else branch (left out)');
  });

  it('lists line-item fields once per line with the line index', () => {
    const orders = compile('get-orders', {
      reference_number: { kind: 'field', path: 'id' },
      ordered_on: { kind: 'value', value: '2026-01-01T00:00:00Z' },
      item_sku: { kind: 'field', path: 'sku' },
      item_quantity: { kind: 'field', path: 'q' },
    });
    const { fields } = orders.explain({
      id: '1',
      orderItems: [
        { sku: 'A', q: 1 },
        { sku: 'B', q: 'x' },
      ],
    });
    const lineEntries = fields.filter((f) => f.line !== undefined && (f.key === 'item_sku' || f.key === 'item_quantity'));
    expect(lineEntries.map((f) => [f.line, f.key, f.outcome])).toEqual([
      [0, 'item_sku', 'mapped'],
      [0, 'item_quantity', 'mapped'],
      [1, 'item_sku', 'mapped'],
      [1, 'item_quantity', 'error'],
    ]);
  });
});
