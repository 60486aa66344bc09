import { DEFAULT_PUBLISH_TEMPLATE } from '../defaults/listing-defaults';
import { MappingTemplateError } from '../errors/template-issue';
import { MAPPING_LIMITS } from '../template/template-limits';
import type { ConditionNode, FieldMapping, MappingTemplate } from '../template/template.types';
import { template, withChange } from '../testing/spec-helpers';
import { compileTemplate, compileTemplateFor, validateTemplate } from './compile-template';

const base: MappingTemplate = {
  ...DEFAULT_PUBLISH_TEMPLATE,
  fields: { ...DEFAULT_PUBLISH_TEMPLATE.fields, fulfillment_center_id: { kind: 'option', option: 'DEFAULT' } },
};

const rulesOn = (when: ConditionNode): FieldMapping => ({ kind: 'rules', rules: [{ name: 'r', when, then: { kind: 'value', value: 'X' } }] });
const carrierRules = (...whens: ConditionNode[]): MappingTemplate =>
  template('sync-orders', {
    carrier: { kind: 'rules', rules: whens.map((when, i) => ({ when, then: { kind: 'value', value: `C${i}` } })), else: { kind: 'value', value: 'Other' } },
    tracking_number: { kind: 'field', path: 't' },
  });

type Row = [label: string, input: unknown, code: string, path: string];

const rows: Row[] = [
  ['not an object', 'publish', 'SCHEMA_INVALID', '$'],
  ['wrong schema version', { ...base, schemaVersion: 2 }, 'SCHEMA_INVALID', '$.schemaVersion'],
  ['unknown operation', { ...base, operation: 'delist' }, 'SCHEMA_INVALID', '$.operation'],
  ['unknown top-level key', { ...base, extra: true }, 'SCHEMA_INVALID', '$'],
  ['unknown source kind', withChange(base, ['fields', 'sku'], { kind: 'formula' }), 'SCHEMA_INVALID', '$.fields.sku.kind'],
  [
    'unknown condition operator',
    withChange(base, ['fields', 'product_id', 'rules', 0, 'when', 'op'], 'sounds_like'),
    'SCHEMA_INVALID',
    '$.fields.product_id.rules[0].when.op',
  ],
  ['unknown target field', withChange(base, ['fields', 'product_idd'], { kind: 'field', path: 'asin' }), 'UNKNOWN_TARGET_FIELD', '$.fields.product_idd'],
  [
    'field from another operation',
    withChange(base, ['fields', 'tracking_number'], { kind: 'field', path: 't' }),
    'UNKNOWN_TARGET_FIELD',
    '$.fields.tracking_number',
  ],
  [
    'invalid regex',
    withChange(base, ['fields', 'product_id', 'rules', 0, 'when'], { op: 'matches', path: 'asin', pattern: '([a-z' }),
    'INVALID_REGEX',
    '$.fields.product_id.rules[0].when.pattern',
  ],
  [
    'catastrophic regex',
    withChange(base, ['fields', 'product_id', 'rules', 0, 'when'], { op: 'matches', path: 'asin', pattern: '^(a+)+$' }),
    'UNSAFE_REGEX',
    '$.fields.product_id.rules[0].when.pattern',
  ],
  [
    'stateful regex flag',
    withChange(base, ['fields', 'product_id', 'rules', 0, 'when'], { op: 'matches', path: 'asin', pattern: 'a', flags: 'g' }),
    'SCHEMA_INVALID',
    '$.fields.product_id.rules[0].when.flags',
  ],
  [
    'missing mapping set',
    withChange(base, ['fields', 'item_condition', 'else', 'set'], 'conditions'),
    'UNKNOWN_MAPPING_SET',
    '$.fields.item_condition.else.set',
  ],
  [
    'duplicate mapping-set row',
    withChange(base, ['mappingSets', 'item-conditions', 'entries', 1, 'from'], 'NEW'),
    'DUPLICATE_MAPPING_ENTRY',
    '$.mappingSets["item-conditions"].entries[1].from',
  ],
  [
    'mapping-set row outside allowed values',
    withChange(base, ['mappingSets', 'item-conditions', 'entries', 2, 'to'], 'Brand New'),
    'VALUE_NOT_ALLOWED',
    '$.mappingSets["item-conditions"].entries[2].to',
  ],
  [
    'default and passThrough together',
    withChange(withChange(base, ['mappingSets', 'item-conditions', 'passThrough'], true), ['mappingSets', 'item-conditions', 'default'], 'new_new'),
    'CONFLICTING_FALLBACK',
    '$.mappingSets["item-conditions"].passThrough',
  ],
  [
    'option not in the list',
    withChange(base, ['fields', 'fulfillment_center_id', 'option'], 'AMAZON_MOON'),
    'VALUE_NOT_ALLOWED',
    '$.fields.fulfillment_center_id.option',
  ],
  ['option on a free-text field', withChange(base, ['fields', 'sku'], { kind: 'option', option: 'A' }), 'SOURCE_NOT_ALLOWED', '$.fields.sku.kind'],
  ['source kind not offered for the field', withChange(base, ['fields', 'price'], { kind: 'set-empty' }), 'SOURCE_NOT_ALLOWED', '$.fields.price.kind'],
  [
    'rule action kind not offered',
    withChange(base, ['fields', 'price'], { kind: 'rules', rules: [{ when: { op: 'is_empty', path: 'p' }, then: { kind: 'dont-map' } }] }),
    'SOURCE_NOT_ALLOWED',
    '$.fields.price.rules[0].then.kind',
  ],
  ['constant of the wrong type', withChange(base, ['fields', 'price'], { kind: 'value', value: 'cheap' }), 'INVALID_VALUE', '$.fields.price.value'],
  [
    'constant out of range',
    withChange(base, ['fields', 'handling_time', 'rules', 1, 'then', 'value'], 99),
    'INVALID_VALUE',
    '$.fields.handling_time.rules[1].then.value',
  ],
  ['malformed source path', withChange(base, ['fields', 'sku', 'path'], 'a..b'), 'INVALID_PATH', '$.fields.sku.path'],
  ['reserved source path', withChange(base, ['fields', 'sku', 'path'], 'x.__proto__'), 'INVALID_PATH', '$.fields.sku.path'],
  ['lines on an operation without lines', { ...base, lines: { path: 'items' } }, 'LINES_NOT_SUPPORTED', '$.lines'],
  [
    'too many list values',
    withChange(
      base,
      ['fields', 'sku'],
      rulesOn({ op: 'in_list', path: 'a', values: Array.from({ length: MAPPING_LIMITS.maxListValues + 1 }, (_, i) => `v${i}`) }),
    ),
    'LIMIT_EXCEEDED',
    '$.fields.sku.rules[0].when.values',
  ],
  [
    'too many rules',
    withChange(base, ['fields', 'sku'], {
      kind: 'rules',
      rules: Array.from({ length: MAPPING_LIMITS.maxRulesPerField + 1 }, (_, i) => ({
        when: { op: 'equals', path: 'a', value: `v${i}` },
        then: { kind: 'field', path: 'sku' },
      })),
    }),
    'LIMIT_EXCEEDED',
    '$.fields.sku.rules',
  ],
  [
    'huge constant',
    withChange(base, ['fields', 'title'], { kind: 'value', value: 'x'.repeat(MAPPING_LIMITS.maxStringLength + 1) }),
    'LIMIT_EXCEEDED',
    '$.fields.title.value',
  ],
  [
    'groups nested too deep',
    withChange(
      base,
      ['fields', 'sku'],
      rulesOn([1, 2, 3, 4, 5, 6].reduce<ConditionNode>((inner) => ({ op: 'all', conditions: [inner] }), { op: 'is_empty', path: 'a' })),
    ),
    'LIMIT_EXCEEDED',
    '$.fields.sku.rules[0].when.conditions[0].conditions[0].conditions[0].conditions[0].conditions[0]',
  ],
  [
    'absurdly deep document',
    withChange(base, ['description'], JSON.parse(`${'['.repeat(60)}${']'.repeat(60)}`)),
    'LIMIT_EXCEEDED',
    `$.description${'[0]'.repeat(MAPPING_LIMITS.maxTemplateDepth)}`,
  ],
  [
    '__proto__ key',
    JSON.parse('{"schemaVersion":1,"operation":"sync","fields":{"__proto__":{"kind":"value","value":1}}}'),
    'SCHEMA_INVALID',
    '$.fields.__proto__',
  ],
  // Rules that can never match
  [
    'equals a and equals b',
    carrierRules({
      op: 'all',
      conditions: [
        { op: 'equals', path: 'c', value: 'a' },
        { op: 'equals', path: 'c', value: 'b' },
      ],
    }),
    'NEVER_MATCHES',
    '$.fields.carrier.rules[0].when.conditions[1]',
  ],
  [
    'equals and not_equals the same value',
    carrierRules({
      op: 'all',
      conditions: [
        { op: 'equals', path: 'c', value: 'a' },
        { op: 'not_equals', path: 'c', value: 'a' },
      ],
    }),
    'NEVER_MATCHES',
    '$.fields.carrier.rules[0].when.conditions[1]',
  ],
  [
    'is_empty and is_not_empty',
    carrierRules({
      op: 'all',
      conditions: [
        { op: 'is_empty', path: 'c' },
        { op: 'is_not_empty', path: 'c' },
      ],
    }),
    'NEVER_MATCHES',
    '$.fields.carrier.rules[0].when.conditions[1]',
  ],
  [
    'is_empty and starts_with',
    carrierRules({
      op: 'all',
      conditions: [
        { op: 'is_empty', path: 'c' },
        { op: 'starts_with', path: 'c', value: '1Z' },
      ],
    }),
    'NEVER_MATCHES',
    '$.fields.carrier.rules[0].when.conditions[1]',
  ],
  [
    'two lengths',
    carrierRules({
      op: 'all',
      conditions: [
        { op: 'length_is', path: 't', length: 22 },
        { op: 'length_is', path: 't', length: 18 },
      ],
    }),
    'NEVER_MATCHES',
    '$.fields.carrier.rules[0].when.conditions[1]',
  ],
  [
    'prefix longer than the length',
    carrierRules({
      op: 'all',
      conditions: [
        { op: 'length_is', path: 't', length: 3 },
        { op: 'starts_with', path: 't', value: '9400' },
      ],
    }),
    'NEVER_MATCHES',
    '$.fields.carrier.rules[0].when.conditions[1]',
  ],
  [
    'incompatible prefixes',
    carrierRules({
      op: 'all',
      conditions: [
        { op: 'starts_with', path: 't', value: '94' },
        { op: 'starts_with', path: 't', value: '92' },
      ],
    }),
    'NEVER_MATCHES',
    '$.fields.carrier.rules[0].when.conditions[1]',
  ],
  [
    'empty numeric range',
    carrierRules({
      op: 'all',
      conditions: [
        { op: 'greater_than', path: 'n', value: 10 },
        { op: 'less_than', path: 'n', value: 5 },
      ],
    }),
    'NEVER_MATCHES',
    '$.fields.carrier.rules[0].when.conditions[1]',
  ],
  [
    'pinned value fails a regex',
    carrierRules({
      op: 'all',
      conditions: [
        { op: 'equals', path: 't', value: 'abc' },
        { op: 'matches', path: 't', pattern: '^[0-9]+$' },
      ],
    }),
    'NEVER_MATCHES',
    '$.fields.carrier.rules[0].when.conditions[1]',
  ],
  [
    'contradiction inside nested all',
    carrierRules({
      op: 'all',
      conditions: [
        { op: 'equals', path: 'c', value: 'a' },
        { op: 'all', conditions: [{ op: 'in_list', path: 'c', values: ['b', 'c'] }] },
      ],
    }),
    'NEVER_MATCHES',
    '$.fields.carrier.rules[0].when.conditions[1].conditions[0]',
  ],
  ['in_list with no values', carrierRules({ op: 'in_list', path: 'c', values: [] }), 'NEVER_MATCHES', '$.fields.carrier.rules[0].when'],
  ['empty any group', carrierRules({ op: 'any', conditions: [] }), 'NEVER_MATCHES', '$.fields.carrier.rules[0].when'],
  [
    'rule after an always-true rule',
    carrierRules({ op: 'all', conditions: [] }, { op: 'equals', path: 'c', value: 'a' }),
    'UNREACHABLE_RULE',
    '$.fields.carrier.rules[1]',
  ],
  [
    'rule repeating an earlier rule',
    carrierRules({ op: 'equals', path: 'c', value: 'a' }, { op: 'equals', path: 'c', value: 'a' }),
    'UNREACHABLE_RULE',
    '$.fields.carrier.rules[1]',
  ],
];

describe('templates rejected at save time', () => {
  it.each(rows)('%s → %s at %s', (_label, input, code, path) => {
    const result = validateTemplate(input);
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(expect.objectContaining({ code, path }));
    expect(() => compileTemplate(input)).toThrow(MappingTemplateError);
  });

  it('reports every fault at once, with the first one as the error code', () => {
    const bad = withChange(withChange(base, ['fields', 'bogus'], { kind: 'value', value: 1 }), ['fields', 'sku', 'path'], 'a..b');
    try {
      compileTemplate(bad);
      throw new Error('expected a MappingTemplateError');
    } catch (e) {
      expect(e).toBeInstanceOf(MappingTemplateError);
      const err = e as MappingTemplateError;
      expect(err.issues.map((i) => i.code).sort()).toEqual(['INVALID_PATH', 'UNKNOWN_TARGET_FIELD']);
      expect(err.code).toBe(err.issues[0]?.code);
      expect(err.message).toContain(err.issues[0]?.path);
    }
  });

  it('suggests the closest target field for a typo', () => {
    const result = validateTemplate(withChange(base, ['fields', 'fulfilment_center_id'], { kind: 'option', option: 'DEFAULT' }));
    expect(result.issues[0]?.message).toContain('Did you mean "fulfillment_center_id"?');
  });

  it('rejects a template for another operation when the caller asks for one', () => {
    expect(() => compileTemplateFor('sync', base)).toThrow(expect.objectContaining({ code: 'OPERATION_MISMATCH' }));
  });

  it('accepts rules that look alike but can match', () => {
    const ok = carrierRules(
      {
        op: 'all',
        conditions: [
          { op: 'equals', path: 'c', value: 'ABC' },
          { op: 'equals', path: 'c', value: 'abc', ignoreCase: true },
        ],
      },
      {
        op: 'all',
        conditions: [
          { op: 'is_empty', path: 'c' },
          { op: 'length_is', path: 'c', length: 2 },
        ],
      },
      {
        op: 'all',
        conditions: [
          { op: 'starts_with', path: 't', value: '94' },
          { op: 'starts_with', path: 't', value: '940' },
        ],
      },
      {
        op: 'all',
        conditions: [
          { op: 'equals', path: 'n', value: 5 },
          { op: 'greater_than', path: 'n', value: 4 },
        ],
      },
      {
        op: 'any',
        conditions: [
          { op: 'in_list', path: 'c', values: [] },
          { op: 'equals', path: 'c', value: 'x' },
        ],
      },
      {
        op: 'all',
        conditions: [
          { op: 'is_empty', path: 'c' },
          { op: 'contains', path: 'c', value: ' ' },
        ],
      },
    );
    const result = validateTemplate(ok);
    expect(result.issues).toEqual([]);
    const compiled = compileTemplate(ok);
    // Each of those rules is reachable with some record, so none was rejected wrongly.
    expect(compiled.evaluate({ c: 'ABC', t: '1' }).value['carrier']).toBe('C0');
    expect(compiled.evaluate({ c: '  ', t: '1' }).value['carrier']).toBe('C1');
    expect(compiled.evaluate({ t: '9401' }).value['carrier']).toBe('C2');
    expect(compiled.evaluate({ n: '5', t: '1' }).value['carrier']).toBe('C3');
    expect(compiled.evaluate({ c: 'x', t: '1' }).value['carrier']).toBe('C4');
    expect(compiled.evaluate({ c: '   ', t: '1' }).value['carrier']).toBe('C5');
  });

  it('flags a required field left unmapped as an advisory, not a fault', () => {
    const result = validateTemplate(DEFAULT_PUBLISH_TEMPLATE);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: 'REQUIRED_FIELD_UNMAPPED',
        path: '$.fields.fulfillment_center_id',
        message: expect.stringContaining('amazon.inventory_product.fulfillment_center_id'),
      }),
    ]);
  });

  it('flags an unused mapping set as an advisory', () => {
    const result = validateTemplate({ ...base, mappingSets: { ...base.mappingSets, spare: { entries: [] } } });
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'UNUSED_MAPPING_SET', path: '$.mappingSets.spare' }));
  });
});
