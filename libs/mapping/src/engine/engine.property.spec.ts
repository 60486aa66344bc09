import fc from 'fast-check';
import type { ConditionNode, FieldMapping, LeafCondition, MappingTemplate, RuleAction } from '../template/template.types';
import { SYNC_ORDERS_FIELDS } from '../targets/sync-orders-fields';
import { DEFAULT_TEMPLATES } from '../defaults/default-templates';
import { testLeaf } from '../testing/spec-helpers';
import { compileTemplate, validateTemplate } from './compile-template';

const PATHS = ['a', 'b', 'n.x', 'list[0]'];
const TEXTS = ['', ' ', 'a', 'A', 'ab', 'b', '1Z', '5', '5.0', 'GOSO'];

const scalar = fc.oneof(fc.constantFrom(...TEXTS), fc.integer({ min: -3, max: 10 }), fc.boolean());
const path = fc.constantFrom(...PATHS);

const leaf: fc.Arbitrary<LeafCondition> = fc.oneof(
  fc.record({ op: fc.constantFrom('equals' as const, 'not_equals' as const), path, value: scalar, ignoreCase: fc.boolean() }),
  fc.record({ op: fc.constantFrom('is_empty' as const, 'is_not_empty' as const), path }),
  fc.record({ op: fc.constantFrom('starts_with' as const, 'ends_with' as const, 'contains' as const), path, value: fc.constantFrom('a', 'b', '1', 'Z', ' ') }),
  fc.record({ op: fc.constant('matches' as const), path, pattern: fc.constantFrom('^a', 'b$', '^[0-9]+$', '^1Z') }),
  fc.record({ op: fc.constant('length_is' as const), path, length: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ op: fc.constantFrom('greater_than' as const, 'less_than' as const), path, value: fc.integer({ min: -2, max: 8 }) }),
  fc.record({ op: fc.constant('in_list' as const), path, values: fc.array(scalar, { maxLength: 3 }) }),
);

const node: fc.Arbitrary<ConditionNode> = fc.oneof(
  { weight: 3, arbitrary: leaf },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('all' as const, 'any' as const), conditions: fc.array(leaf, { maxLength: 3 }) }) },
);

const action: fc.Arbitrary<RuleAction> = fc.oneof(
  fc.constant({ kind: 'dont-map' as const }),
  fc.constant({ kind: 'set-empty' as const }),
  fc.record({ kind: fc.constant('field' as const), path }),
  fc.record({ kind: fc.constant('value' as const), value: scalar }),
  fc.record({ kind: fc.constant('mapping-set' as const), set: fc.constant('carriers'), path }),
);

const mapping: fc.Arbitrary<FieldMapping> = fc.oneof(
  action,
  fc.record(
    { kind: fc.constant('rules' as const), rules: fc.array(fc.record({ when: node, then: action }), { maxLength: 3 }) },
    { requiredKeys: ['kind', 'rules'] },
  ),
  fc.record({ kind: fc.constant('rules' as const), rules: fc.array(fc.record({ when: node, then: action }), { maxLength: 3 }), else: action }),
);

/** Random sync-orders templates over free-text fields (every source kind is allowed for carrier and method). */
const syncOrdersTemplate: fc.Arbitrary<MappingTemplate> = fc
  .record({ carrier: mapping, shipping_method: mapping, tracking_number: fc.constant<FieldMapping>({ kind: 'field', path: 'a' }) })
  .map((fields) => ({
    schemaVersion: 1 as const,
    operation: 'sync-orders' as const,
    mappingSets: {
      carriers: {
        entries: [
          { from: 'GOSO', to: 'GLS US' },
          { from: 'a', to: 'A carrier' },
        ],
        default: 'Other',
      },
    },
    fields,
  }))
  .filter((t) => validateTemplate(t).ok);

const value = fc.oneof(
  fc.constantFrom(...TEXTS),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.string(),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);
const record = fc.record(
  { a: value, b: value, n: fc.oneof(fc.record({ x: value }), value), list: fc.oneof(fc.array(value, { maxLength: 2 }), value) },
  { requiredKeys: [] },
);

const runs = { numRuns: 300 };

describe('engine invariants (property-based)', () => {
  it("a Don't Map field is never present in the mapped record", () => {
    fc.assert(
      fc.property(syncOrdersTemplate, fc.array(record, { minLength: 1, maxLength: 5 }), (t, records) => {
        const compiled = compileTemplate(t);
        const dontMap = SYNC_ORDERS_FIELDS.filter((f) => t.fields[f.key]?.kind === 'dont-map' || t.fields[f.key] === undefined).map((f) => f.key);
        for (const r of records) {
          const out = compiled.evaluate(r).value;
          for (const key of dontMap) expect(key in out).toBe(false);
        }
      }),
      runs,
    );
  });

  it('evaluation is deterministic (same template and record, same result, across compilations)', () => {
    fc.assert(
      fc.property(syncOrdersTemplate, record, (t, r) => {
        const first = compileTemplate(t).evaluate(r);
        const again = compileTemplate(structuredClone(t));
        expect(again.evaluate(r)).toEqual(first);
        expect(again.evaluate(r)).toEqual(first);
      }),
      runs,
    );
  });

  it('explain agrees with evaluate', () => {
    fc.assert(
      fc.property(syncOrdersTemplate, record, (t, r) => {
        const compiled = compileTemplate(t);
        const { fields, ...result } = compiled.explain(r);
        expect(result).toEqual(compiled.evaluate(r));
        expect(fields.map((f) => f.key)).toEqual(SYNC_ORDERS_FIELDS.map((f) => f.key));
        for (const f of fields) {
          const present = f.outcome === 'mapped' || f.outcome === 'empty' || f.outcome === 'default';
          expect(f.key in result.value).toBe(present);
          if (present) expect(result.value[f.key]).toEqual(f.value);
          for (const code of [...result.errors, ...result.warnings].filter((i) => i.key === f.key).map((i) => i.code)) expect(f.issues).toContain(code);
        }
      }),
      runs,
    );
  });

  it('default templates never throw and explain agrees, on arbitrary input', () => {
    const compiled = Object.values(DEFAULT_TEMPLATES).map((t) => compileTemplate(t));
    fc.assert(
      fc.property(fc.oneof(fc.anything(), record, fc.object()), (input) => {
        for (const c of compiled) {
          const result = c.evaluate(input);
          expect(typeof result.ok).toBe('boolean');
          const { fields: _fields, ...explained } = c.explain(input);
          expect(explained).toEqual(result);
        }
      }),
      runs,
    );
  });

  it('the never-match analysis is sound: a rejected rule matches none of the probe values', () => {
    const group = fc.record({
      op: fc.constant('all' as const),
      conditions: fc.array(
        leaf.map((l) => ({ ...l, path: 'a' })),
        { minLength: 2, maxLength: 3 },
      ),
    });
    let rejected = 0;
    const probes: unknown[] = [...TEXTS, undefined, null, 0, 5, 7, -1, true, false, [], ['a'], '   ', 'aab', 'ba', '1Z9', 'b1', 'GOSO'];
    fc.assert(
      fc.property(group, (when) => {
        const t: MappingTemplate = {
          schemaVersion: 1,
          operation: 'sync-orders',
          fields: { carrier: { kind: 'rules', rules: [{ when, then: { kind: 'value', value: 'X' } }] }, tracking_number: { kind: 'field', path: 't' } },
        };
        const verdict = validateTemplate(t);
        if (verdict.issues.some((i) => i.code === 'NEVER_MATCHES')) {
          rejected++;
          for (const probe of probes) {
            expect(when.conditions.every((c) => testLeaf(c as LeafCondition, { a: probe }))).toBe(false);
          }
        }
      }),
      { numRuns: 1_000 },
    );
    // The generator is tuned so contradictions are common; otherwise this property would prove nothing.
    expect(rejected).toBeGreaterThan(50);
  });
});
