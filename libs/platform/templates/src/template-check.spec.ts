import { defaultTemplate } from '@amazon-channel/mapping';
import { checkTemplate } from './template-check';

describe('checkTemplate', () => {
  it('accepts a template without operation and schemaVersion (the route names them)', () => {
    const result = checkTemplate({ fields: { price: { kind: 'dont-map' }, quantity: { kind: 'field', path: 'stock' } } }, 'sync');
    expect(result).toEqual({
      ok: true,
      template: { schemaVersion: 1, operation: 'sync', fields: { price: { kind: 'dont-map' }, quantity: { kind: 'field', path: 'stock' } } },
      warnings: [],
    });
  });

  it('accepts every default template as it is', () => {
    for (const op of ['publish', 'sync', 'get-orders', 'sync-orders'] as const) expect(checkTemplate(defaultTemplate(op), op).ok).toBe(true);
  });

  it('points each fault at its JSON path with the libs/mapping code', () => {
    const result = checkTemplate(
      {
        fields: {
          prize: { kind: 'field', path: 'price' },
          handling_time: { kind: 'rules', rules: [{ when: { op: 'matches', path: 'x', pattern: '(' }, then: { kind: 'value', value: 2 } }] },
        },
      },
      'sync',
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: '$.fields.prize', code: 'UNKNOWN_TARGET_FIELD', reason: expect.stringContaining('Did you mean "price"?') }),
        expect.objectContaining({ field: '$.fields.handling_time.rules[0].when.pattern', code: 'INVALID_REGEX' }),
      ]),
    );
  });

  it('refuses a value out of the field range at its path', () => {
    const result = checkTemplate({ fields: { handling_time: { kind: 'value', value: 45 } } }, 'sync');
    expect(!result.ok && result.issues.map((i) => [i.field, i.code])).toEqual([['$.fields.handling_time.value', 'INVALID_VALUE']]);
  });

  it('refuses a template of another operation at $.operation', () => {
    const result = checkTemplate(defaultTemplate('publish'), 'sync');
    expect(!result.ok && result.issues).toEqual([expect.objectContaining({ field: '$.operation', code: 'OPERATION_MISMATCH' })]);
  });

  it('reports faults under the given root (a draft inside a preview request)', () => {
    const result = checkTemplate({ fields: { price: { kind: 'bogus' } } }, 'sync', '$.template');
    expect(!result.ok && result.issues.every((i) => i.field.startsWith('$.template.fields.price'))).toBe(true);
  });

  it('refuses what is not an object at the root', () => {
    for (const input of [null, 42, 'text', [1]]) expect(checkTemplate(input, 'sync').ok).toBe(false);
  });

  it('keeps advisories apart from faults: a required field left unmapped still saves', () => {
    const result = checkTemplate({ fields: { carrier: { kind: 'dont-map' } } }, 'sync-orders');
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ field: '$.fields.carrier', code: 'REQUIRED_FIELD_UNMAPPED' })]));
  });
});
