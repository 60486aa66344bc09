import type { JsonPathSegment } from '../template/json-path';
import { toJsonPath } from '../template/json-path';
import type { ConditionGroup, ConditionNode, LeafCondition, MappingRule } from '../template/template.types';
import type { ConditionTest } from './conditions';
import { isLeaf } from './conditions';
import { EvalContext } from './eval-context';
import type { PathSegments } from './source-path';
import { recordWithValue } from './source-path';

/** A rule that can never apply, found at save time. */
export interface RuleAnalysisIssue {
  readonly code: 'NEVER_MATCHES' | 'UNREACHABLE_RULE';
  readonly at: readonly JsonPathSegment[];
  readonly message: string;
}

/** What the analysis needs from the compiler: path parsing and leaf compilation (undefined when invalid). */
export interface AnalysisTools {
  segments(path: string): PathSegments | undefined;
  compile(leaf: LeafCondition): ConditionTest | undefined;
}

interface Located {
  readonly leaf: LeafCondition;
  readonly at: readonly JsonPathSegment[];
}

interface Facts {
  readonly never?: { at: readonly JsonPathSegment[]; reason: string };
  readonly always: boolean;
}

const BLANK = /^\s*$/;

function describe(l: LeafCondition): string {
  switch (l.op) {
    case 'is_empty':
    case 'is_not_empty':
      return `${l.op} "${l.path}"`;
    case 'matches':
      return `"${l.path}" matches /${l.pattern}/`;
    case 'length_is':
      return `"${l.path}" length_is ${l.length}`;
    case 'in_list':
      return `"${l.path}" in_list [${l.values.map((v) => JSON.stringify(v)).join(', ')}]`;
    case 'equals':
    case 'not_equals':
    case 'starts_with':
    case 'ends_with':
    case 'contains':
    case 'greater_than':
    case 'less_than':
      return `"${l.path}" ${l.op} ${JSON.stringify(l.value)}`;
  }
}

/** Ops that are false for every empty value (missing, null, blank text) when their constant is not blank. */
function requiresNonEmpty(l: LeafCondition): boolean {
  switch (l.op) {
    case 'equals':
    case 'starts_with':
    case 'ends_with':
    case 'contains':
      return !BLANK.test(String(l.value));
    case 'greater_than':
    case 'less_than':
      return true;
    case 'in_list':
      return l.values.every((v) => !BLANK.test(String(v)));
    case 'not_equals':
    case 'is_empty':
    case 'is_not_empty':
    case 'matches':
    case 'length_is':
      return false;
  }
}

function flattenAll(group: ConditionGroup, at: readonly JsonPathSegment[], out: Located[]): void {
  group.conditions.forEach((c, i) => {
    const cAt = [...at, 'conditions', i];
    if (isLeaf(c)) out.push({ leaf: c, at: cAt });
    else if (c.op === 'all') flattenAll(c, cAt, out);
  });
}

/**
 * Finds two leaves on the same source path that cannot both hold. Every check is sound: it only
 * reports pairs no value can satisfy, so a template that could match is never rejected.
 */
function findContradiction(leaves: readonly Located[], tools: AnalysisTools): Facts['never'] {
  const byPath = new Map<string, Located[]>();
  for (const l of leaves) {
    const seg = tools.segments(l.leaf.path);
    if (!seg) continue;
    const key = JSON.stringify(seg);
    let list = byPath.get(key);
    if (!list) byPath.set(key, (list = []));
    list.push(l);
  }
  const conflict = (a: Located, b: Located, why: string): Facts['never'] => ({
    at: b.at,
    reason: `it cannot hold together with the condition at ${toJsonPath(a.at)} (${describe(a.leaf)} and ${describe(b.leaf)}: ${why})`,
  });
  const ctx = new EvalContext();
  for (const list of byPath.values()) {
    if (list.length < 2) continue;
    const seg = tools.segments((list[0] as Located).leaf.path) as PathSegments;
    const empty = list.find((l) => l.leaf.op === 'is_empty');
    const notEmpty = list.find((l) => l.leaf.op === 'is_not_empty');
    if (empty && notEmpty) return conflict(empty, notEmpty, 'a value cannot be empty and not empty');
    if (empty) {
      const needs = list.find((l) => requiresNonEmpty(l.leaf));
      if (needs) return conflict(empty, needs, 'an empty value never satisfies it');
    }
    // A case-sensitive text equals pins the value: every other condition must accept that very value.
    const pins = list.filter((l) => l.leaf.op === 'equals' && typeof l.leaf.value === 'string' && l.leaf.ignoreCase !== true);
    const pin = pins[0];
    if (pin && pin.leaf.op === 'equals') {
      const record = recordWithValue(seg, pin.leaf.value);
      for (const other of list) {
        if (other === pin) continue;
        const test = tools.compile(other.leaf);
        if (test && !test(record, ctx)) return conflict(pin, other, `${JSON.stringify(pin.leaf.value)} does not satisfy it`);
      }
    }
    // A numeric equals pins the number: numeric conditions must accept it.
    const numPin = list.find((l) => l.leaf.op === 'equals' && typeof l.leaf.value === 'number');
    if (numPin && numPin.leaf.op === 'equals') {
      const record = recordWithValue(seg, numPin.leaf.value);
      for (const other of list) {
        const o = other.leaf;
        const numeric = o.op === 'greater_than' || o.op === 'less_than' || ((o.op === 'equals' || o.op === 'not_equals') && typeof o.value === 'number');
        if (other === numPin || !numeric) continue;
        const test = tools.compile(o);
        if (test && !test(record, ctx)) return conflict(numPin, other, `${String(numPin.leaf.value)} does not satisfy it`);
      }
    }
    const lows = list.filter((l) => l.leaf.op === 'greater_than');
    const highs = list.filter((l) => l.leaf.op === 'less_than');
    for (const lo of lows) {
      for (const hi of highs) {
        if (lo.leaf.op === 'greater_than' && hi.leaf.op === 'less_than' && lo.leaf.value >= hi.leaf.value) {
          return conflict(lo, hi, 'no number is in that range');
        }
      }
    }
    const lengths = list.filter((l) => l.leaf.op === 'length_is');
    for (const len of lengths) {
      if (len.leaf.op !== 'length_is') continue;
      for (const other of list) {
        const o = other.leaf;
        if (other === len) continue;
        if (o.op === 'length_is' && o.length !== len.leaf.length) return conflict(len, other, 'a value has one length');
        if ((o.op === 'starts_with' || o.op === 'ends_with' || o.op === 'contains') && o.ignoreCase !== true && o.value.length > len.leaf.length) {
          return conflict(len, other, `${JSON.stringify(o.value)} is longer than ${len.leaf.length} characters`);
        }
      }
    }
    for (const op of ['starts_with', 'ends_with'] as const) {
      const same = list.filter((l) => l.leaf.op === op && l.leaf.ignoreCase !== true);
      for (let i = 0; i < same.length; i++) {
        for (let j = i + 1; j < same.length; j++) {
          const a = (same[i] as Located).leaf;
          const b = (same[j] as Located).leaf;
          if (a.op !== op || b.op !== op) continue;
          const fits =
            op === 'starts_with' ? a.value.startsWith(b.value) || b.value.startsWith(a.value) : a.value.endsWith(b.value) || b.value.endsWith(a.value);
          if (!fits) return conflict(same[i] as Located, same[j] as Located, `no text ${op === 'starts_with' ? 'starts' : 'ends'} with both`);
        }
      }
    }
  }
  return undefined;
}

function analyzeNode(node: ConditionNode, at: readonly JsonPathSegment[], tools: AnalysisTools): Facts {
  if (isLeaf(node)) {
    if (node.op === 'in_list' && node.values.length === 0) return { never: { at, reason: 'an in_list condition with no values never matches' }, always: false };
    return { always: false };
  }
  const facts = node.conditions.map((c, i) => analyzeNode(c, [...at, 'conditions', i], tools));
  if (node.op === 'any') {
    if (facts.length === 0) return { never: { at, reason: 'an empty "any" group never matches' }, always: false };
    if (facts.every((f) => f.never)) return { never: { at, reason: 'none of the conditions in this "any" group can match' }, always: false };
    return { always: facts.some((f) => f.always) };
  }
  const neverChild = facts.find((f) => f.never);
  if (neverChild) return neverChild;
  const leaves: Located[] = [];
  flattenAll(node, at, leaves);
  const never = findContradiction(leaves, tools);
  if (never) return { never, always: false };
  return { always: facts.every((f) => f.always) };
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Checks a field's rules for rules that can never apply: contradictory conditions, empty lists
 * and groups, and rules shadowed by an earlier rule that always matches or tests the same thing.
 */
export function analyzeRules(rules: readonly MappingRule[], hasElse: boolean, at: readonly JsonPathSegment[], tools: AnalysisTools): RuleAnalysisIssue[] {
  const issues: RuleAnalysisIssue[] = [];
  const seen = new Map<string, number>();
  let alwaysAt: number | undefined;
  rules.forEach((rule, i) => {
    const ruleAt = [...at, 'rules', i];
    const label = rule.name ? `rule ${i + 1} ("${rule.name}")` : `rule ${i + 1}`;
    if (alwaysAt !== undefined) {
      issues.push({ code: 'UNREACHABLE_RULE', at: ruleAt, message: `${label} can never apply: rule ${alwaysAt + 1} before it always matches` });
      return;
    }
    const key = canonical(rule.when);
    const twin = seen.get(key);
    if (twin !== undefined) {
      issues.push({ code: 'UNREACHABLE_RULE', at: ruleAt, message: `${label} can never apply: rule ${twin + 1} has the same conditions and comes first` });
      return;
    }
    seen.set(key, i);
    const facts = analyzeNode(rule.when, [...ruleAt, 'when'], tools);
    if (facts.never) issues.push({ code: 'NEVER_MATCHES', at: facts.never.at, message: `${label} can never match: ${facts.never.reason}` });
    else if (facts.always) alwaysAt = i;
  });
  if (hasElse && alwaysAt !== undefined) {
    issues.push({ code: 'UNREACHABLE_RULE', at: [...at, 'else'], message: `the else branch can never apply: rule ${alwaysAt + 1} always matches` });
  }
  return issues;
}
