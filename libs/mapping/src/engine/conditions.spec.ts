import type { LeafCondition } from '../template/template.types';
import { testLeaf } from '../testing/spec-helpers';

type Row = [label: string, leaf: LeafCondition, record: unknown, expected: boolean];

const p = 'v';
const rows: Row[] = [
  // equals / not_equals
  ['equals text', { op: 'equals', path: p, value: 'ASIN' }, { v: 'ASIN' }, true],
  ['equals is case-sensitive by default', { op: 'equals', path: p, value: 'ASIN' }, { v: 'asin' }, false],
  ['equals ignoreCase', { op: 'equals', path: p, value: 'ASIN', ignoreCase: true }, { v: 'asin' }, true],
  ['equals text matches a number source by its text', { op: 'equals', path: p, value: '42' }, { v: 42 }, true],
  ['equals number compares numerically', { op: 'equals', path: p, value: 5 }, { v: '5.0' }, true],
  ['equals number rejects non-numeric text', { op: 'equals', path: p, value: 5 }, { v: 'five' }, false],
  ['equals boolean accepts "true" text', { op: 'equals', path: p, value: true }, { v: 'TRUE' }, true],
  ['equals on a missing field is false', { op: 'equals', path: p, value: 'x' }, {}, false],
  ['equals on an object is false', { op: 'equals', path: p, value: '[object Object]' }, { v: {} }, false],
  ['not_equals different text', { op: 'not_equals', path: p, value: 'DEFAULT' }, { v: 'AMAZON_NA' }, true],
  ['not_equals same text', { op: 'not_equals', path: p, value: 'DEFAULT' }, { v: 'DEFAULT' }, false],
  ['not_equals on a missing field is true', { op: 'not_equals', path: p, value: 'DEFAULT' }, {}, true],
  // is_empty / is_not_empty
  ['is_empty missing', { op: 'is_empty', path: p }, {}, true],
  ['is_empty null', { op: 'is_empty', path: p }, { v: null }, true],
  ['is_empty blank text', { op: 'is_empty', path: p }, { v: ' \t\n' }, true],
  ['is_empty empty list', { op: 'is_empty', path: p }, { v: [] }, true],
  ['is_empty zero is a value', { op: 'is_empty', path: p }, { v: 0 }, false],
  ['is_empty false is a value', { op: 'is_empty', path: p }, { v: false }, false],
  ['is_not_empty text', { op: 'is_not_empty', path: p }, { v: 'B07X4K9Y9Z' }, true],
  ['is_not_empty leading space text', { op: 'is_not_empty', path: p }, { v: ' x' }, true],
  ['is_not_empty no-break-space only', { op: 'is_not_empty', path: p }, { v: '\u00a0' }, false],
  // starts_with / ends_with / contains
  ['starts_with', { op: 'starts_with', path: p, value: '1Z' }, { v: '1Z999AA10123456784' }, true],
  ['starts_with other prefix', { op: 'starts_with', path: p, value: '1Z' }, { v: '9400' }, false],
  ['starts_with ignoreCase', { op: 'starts_with', path: p, value: 'amz-', ignoreCase: true }, { v: 'AMZ-1' }, true],
  ['starts_with on a number source', { op: 'starts_with', path: p, value: '94' }, { v: 9400111 }, true],
  ['ends_with', { op: 'ends_with', path: p, value: '-FBA' }, { v: 'SKU-FBA' }, true],
  ['ends_with ignoreCase', { op: 'ends_with', path: p, value: '-fba', ignoreCase: true }, { v: 'SKU-FBA' }, true],
  ['ends_with other suffix', { op: 'ends_with', path: p, value: '-FBA' }, { v: 'SKU-FBM' }, false],
  ['contains', { op: 'contains', path: p, value: 'OVERNIGHT' }, { v: 'GOLDEN STATE OVERNIGHT' }, true],
  ['contains ignoreCase', { op: 'contains', path: p, value: 'overnight', ignoreCase: true }, { v: 'GOLDEN STATE OVERNIGHT' }, true],
  ['contains on missing', { op: 'contains', path: p, value: 'x' }, {}, false],
  // matches
  ['matches', { op: 'matches', path: p, pattern: '^[0-9]{12}$' }, { v: '123456789012' }, true],
  ['matches fails', { op: 'matches', path: p, pattern: '^[0-9]{12}$' }, { v: '12345678901' }, false],
  ['matches with i flag', { op: 'matches', path: p, pattern: '^b0', flags: 'i' }, { v: 'b07X' }, true],
  ['matches on a list is false', { op: 'matches', path: p, pattern: '.*' }, { v: ['a'] }, false],
  // length_is
  ['length_is text', { op: 'length_is', path: p, length: 22 }, { v: '9400111899223100000000' }, true],
  ['length_is other length', { op: 'length_is', path: p, length: 22 }, { v: '94001118992231' }, false],
  ['length_is list', { op: 'length_is', path: p, length: 2 }, { v: [1, 2] }, true],
  ['length_is 0 on missing', { op: 'length_is', path: p, length: 0 }, {}, true],
  ['length_is number text form', { op: 'length_is', path: p, length: 3 }, { v: 123 }, true],
  // greater_than / less_than
  ['greater_than number', { op: 'greater_than', path: p, value: 10 }, { v: 11 }, true],
  ['greater_than numeric text', { op: 'greater_than', path: p, value: 10 }, { v: ' 10.5 ' }, true],
  ['greater_than equal is false', { op: 'greater_than', path: p, value: 10 }, { v: 10 }, false],
  ['greater_than non-numeric is false', { op: 'greater_than', path: p, value: 0 }, { v: 'abc' }, false],
  ['greater_than hex text is not a number', { op: 'greater_than', path: p, value: 0 }, { v: '0x10' }, false],
  ['less_than', { op: 'less_than', path: p, value: 1 }, { v: 0 }, true],
  ['less_than missing is false', { op: 'less_than', path: p, value: 1 }, {}, false],
  // in_list
  ['in_list text', { op: 'in_list', path: p, values: ['US', 'CA', 'MX'] }, { v: 'CA' }, true],
  ['in_list absent', { op: 'in_list', path: p, values: ['US', 'CA', 'MX'] }, { v: 'GB' }, false],
  ['in_list ignoreCase', { op: 'in_list', path: p, values: ['US', 'CA'], ignoreCase: true }, { v: 'ca' }, true],
  ['in_list numbers match numeric text', { op: 'in_list', path: p, values: [1, 2] }, { v: '2.0' }, true],
  ['in_list empty list never matches', { op: 'in_list', path: p, values: [] }, { v: 'x' }, false],
  // nested paths
  ['nested path', { op: 'equals', path: 'a.b[1].c', value: 'x' }, { a: { b: [{}, { c: 'x' }] } }, true],
  ['nested path through a string is missing', { op: 'is_empty', path: 'a.b' }, { a: 'text' }, true],
];

describe('condition operators', () => {
  it.each(rows)('%s', (_label, leaf, record, expected) => {
    expect(testLeaf(leaf, record)).toBe(expected);
  });

  it('covers every operator', () => {
    const ops = new Set(rows.map((r) => r[1].op));
    expect([...ops].sort()).toEqual(
      [
        'contains',
        'ends_with',
        'equals',
        'greater_than',
        'in_list',
        'is_empty',
        'is_not_empty',
        'length_is',
        'less_than',
        'matches',
        'not_equals',
        'starts_with',
      ].sort(),
    );
  });

  it('does not lower-case huge text to compare it case-insensitively', () => {
    const huge = 'A'.repeat(5_000_000);
    expect(testLeaf({ op: 'equals', path: 'v', value: 'a', ignoreCase: true }, { v: huge })).toBe(false);
    expect(testLeaf({ op: 'in_list', path: 'v', values: ['a'], ignoreCase: true }, { v: huge })).toBe(false);
  });
});
