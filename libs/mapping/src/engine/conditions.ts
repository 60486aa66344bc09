import { MappingIssueCode } from '../errors/mapping-issue';
import { MAPPING_LIMITS } from '../template/template-limits';
import type { ConditionNode, LeafCondition } from '../template/template.types';
import type { TemplateScalar } from '../targets/target-field.types';
import type { EvalContext } from './eval-context';
import type { PathReader } from './source-path';
import { isEmptyValue, scalarText, toNumber } from './values';

/** A compiled condition: true when the record satisfies it. */
export type ConditionTest = (record: unknown, ctx: EvalContext) => boolean;

/** What a leaf needs besides its JSON: the compiled path reader and, for `matches`, the checked regex. */
export interface LeafResources {
  readonly read: PathReader;
  readonly path: string;
  readonly regex?: RegExp;
}

function lowerIfShort(s: string, maxLength: number): string | undefined {
  // Lower-casing never shortens text, so anything longer than the longest constant cannot match.
  return s.length <= maxLength ? s.toLowerCase() : undefined;
}

function compileEquals(read: PathReader, value: TemplateScalar, ignoreCase: boolean): ConditionTest {
  if (typeof value === 'number') return (r) => toNumber(read(r)) === value;
  if (typeof value === 'boolean') {
    const text = String(value);
    return (r) => {
      const v = read(r);
      return v === value || (typeof v === 'string' && v.length <= 8 && v.trim().toLowerCase() === text);
    };
  }
  if (!ignoreCase) {
    return (r) => {
      const v = read(r);
      return typeof v === 'string' ? v === value : scalarText(v) === value;
    };
  }
  const lower = value.toLowerCase();
  return (r) => {
    const t = scalarText(read(r));
    return t !== undefined && lowerIfShort(t, lower.length) === lower;
  };
}

function compileInList(read: PathReader, values: readonly TemplateScalar[], ignoreCase: boolean): ConditionTest {
  const texts = new Set<string>();
  const numbers = new Set<number>();
  let maxLength = 0;
  for (const v of values) {
    const t = ignoreCase ? String(v).toLowerCase() : String(v);
    texts.add(t);
    maxLength = Math.max(maxLength, t.length);
    if (typeof v === 'number') numbers.add(v);
  }
  return (r) => {
    const v = read(r);
    const t = scalarText(v);
    if (t !== undefined) {
      const key = ignoreCase ? lowerIfShort(t, maxLength) : t;
      if (key !== undefined && texts.has(key)) return true;
    }
    return numbers.size > 0 && numbers.has(toNumber(v));
  };
}

function compileText(read: PathReader, op: 'starts_with' | 'ends_with' | 'contains', value: string, ignoreCase: boolean): ConditionTest {
  const needle = ignoreCase ? value.toLowerCase() : value;
  const n = value.length;
  switch (op) {
    case 'starts_with':
      return ignoreCase
        ? (r) => {
            const t = scalarText(read(r));
            return t !== undefined && t.slice(0, n).toLowerCase() === needle;
          }
        : (r) => {
            const t = scalarText(read(r));
            return t !== undefined && t.startsWith(needle);
          };
    case 'ends_with':
      return ignoreCase
        ? (r) => {
            const t = scalarText(read(r));
            return t !== undefined && t.slice(-n).toLowerCase() === needle;
          }
        : (r) => {
            const t = scalarText(read(r));
            return t !== undefined && t.endsWith(needle);
          };
    case 'contains':
      return ignoreCase
        ? (r) => {
            const t = scalarText(read(r));
            return t !== undefined && t.toLowerCase().includes(needle);
          }
        : (r) => {
            const t = scalarText(read(r));
            return t !== undefined && t.includes(needle);
          };
  }
}

function compileMatches(read: PathReader, path: string, regex: RegExp): ConditionTest {
  const max = MAPPING_LIMITS.maxRegexInputLength;
  return (r, ctx) => {
    const t = scalarText(read(r));
    if (t === undefined) return false;
    if (t.length > max) {
      ctx.report(
        'warning',
        MappingIssueCode.REGEX_INPUT_TOO_LONG,
        `"${path}" has ${t.length} characters, more than the ${max} a "matches" condition tests; the condition was treated as not matching`,
        path,
      );
      return false;
    }
    return regex.test(t);
  };
}

function lengthOf(v: unknown): number | undefined {
  if (v === undefined || v === null) return 0;
  if (Array.isArray(v)) return v.length;
  return scalarText(v)?.length;
}

/** Compiles one leaf condition. The caller has validated the leaf and checked its regex. */
export function compileLeaf(leaf: LeafCondition, res: LeafResources): ConditionTest {
  const { read } = res;
  switch (leaf.op) {
    case 'equals':
      return compileEquals(read, leaf.value, leaf.ignoreCase === true);
    case 'not_equals': {
      const eq = compileEquals(read, leaf.value, leaf.ignoreCase === true);
      return (r, c) => !eq(r, c);
    }
    case 'is_empty':
      return (r) => isEmptyValue(read(r));
    case 'is_not_empty':
      return (r) => !isEmptyValue(read(r));
    case 'starts_with':
    case 'ends_with':
    case 'contains':
      return compileText(read, leaf.op, leaf.value, leaf.ignoreCase === true);
    case 'matches':
      return compileMatches(read, res.path, res.regex ?? new RegExp(leaf.pattern, leaf.flags));
    case 'length_is': {
      const n = leaf.length;
      return (r) => lengthOf(read(r)) === n;
    }
    case 'greater_than': {
      const n = leaf.value;
      return (r) => toNumber(read(r)) > n;
    }
    case 'less_than': {
      const n = leaf.value;
      return (r) => toNumber(read(r)) < n;
    }
    case 'in_list':
      return compileInList(read, leaf.values, leaf.ignoreCase === true);
  }
}

/** Combines compiled children with all/any, unrolling the common one- and two-condition cases. */
export function combine(op: 'all' | 'any', tests: readonly ConditionTest[]): ConditionTest {
  const n = tests.length;
  if (n === 0) return op === 'all' ? () => true : () => false;
  if (n === 1) return tests[0] as ConditionTest;
  if (n === 2) {
    const [a, b] = tests as [ConditionTest, ConditionTest];
    return op === 'all' ? (r, c) => a(r, c) && b(r, c) : (r, c) => a(r, c) || b(r, c);
  }
  if (op === 'all') {
    return (r, c) => {
      for (let i = 0; i < n; i++) if (!(tests[i] as ConditionTest)(r, c)) return false;
      return true;
    };
  }
  return (r, c) => {
    for (let i = 0; i < n; i++) if ((tests[i] as ConditionTest)(r, c)) return true;
    return false;
  };
}

/** True when the node is a leaf condition rather than an all/any group. */
export function isLeaf(node: ConditionNode): node is LeafCondition {
  return node.op !== 'all' && node.op !== 'any';
}
