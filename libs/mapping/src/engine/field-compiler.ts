import type { TemplateIssue, TemplateIssueCode } from '../errors/template-issue';
import type { JsonPathSegment } from '../template/json-path';
import { toJsonPath } from '../template/json-path';
import { MAPPING_LIMITS } from '../template/template-limits';
import type { ConditionNode, FieldMapping, LeafCondition, MappingRule, MappingSet, NumericAdjustment, RuleAction } from '../template/template.types';
import type { TargetFieldDefinition, TemplateScalar } from '../targets/target-field.types';
import type { Coercer } from './coerce';
import { compileCoercer, describeCoercionFailure, INVALID } from './coerce';
import type { CompiledField, Producer } from './compiled-field';
import { actionInfo, NOT_MAPPED, SET_EMPTY } from './compiled-field';
import type { ConditionTest } from './conditions';
import { combine, compileLeaf, isLeaf } from './conditions';
import type { CompiledMappingSet } from './mapping-sets';
import { checkRegex } from './regex-safety';
import { analyzeRules } from './rule-analysis';
import type { PathReader, PathSegments } from './source-path';
import { compilePathReader, parseSourcePath } from './source-path';
import { isEmptyValue } from './values';

/** Shared state of one template compilation: the issue list and the compiled mapping sets. */
export interface CompileScope {
  readonly sets: ReadonlyMap<string, CompiledMappingSet>;
  readonly rawSets: Readonly<Record<string, MappingSet>>;
  readonly usedSets: Set<string>;
  report(code: TemplateIssueCode, at: readonly JsonPathSegment[], message: string): void;
}

const IGNORE: Producer = () => NOT_MAPPED;
/** Text a numeric adjustment reads as a number (`"12"`, `" 3.50 "`); anything else is left to the coercion. */
const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;

/**
 * Compiles one target field's source into a producer, reporting every fault with its JSON path.
 * Returns undefined when the field has faults (the template will be rejected anyway).
 */
export class FieldCompiler {
  private readonly coerce: Coercer;
  private readonly readers = new Map<string, { reader: PathReader; segments: PathSegments }>();
  private readonly checkedSets = new Set<string>();
  private faults = 0;

  constructor(
    private readonly def: TargetFieldDefinition,
    private readonly scope: CompileScope,
  ) {
    this.coerce = compileCoercer(def);
  }

  compile(mapping: FieldMapping, at: readonly JsonPathSegment[]): CompiledField | undefined {
    this.checkAllowed(mapping.kind, [...at, 'kind']);
    const fallback = this.def.default === undefined ? undefined : this.coerce(this.def.default);
    let field: CompiledField;
    if (mapping.kind === 'rules') {
      const produce = this.compileRules(mapping.rules, mapping.else, at);
      field = {
        def: this.def,
        mapping,
        produce,
        coerce: this.coerce,
        fallback,
        rules: mapping.rules.map((r) => ({ ...(r.name !== undefined ? { name: r.name } : {}), action: actionInfo(r.then) })),
        ...(mapping.else ? { elseAction: actionInfo(mapping.else) } : {}),
      };
    } else {
      field = { def: this.def, mapping, produce: this.compileAction(mapping, at), coerce: this.coerce, fallback, action: actionInfo(mapping) };
    }
    return this.faults === 0 ? field : undefined;
  }

  private report(code: TemplateIssueCode, at: readonly JsonPathSegment[], message: string): void {
    this.faults++;
    this.scope.report(code, at, message);
  }

  private checkAllowed(kind: FieldMapping['kind'], at: readonly JsonPathSegment[]): void {
    if (!this.def.sources.includes(kind)) {
      this.report('SOURCE_NOT_ALLOWED', at, `${this.def.name} cannot use "${kind}"; allowed: ${this.def.sources.join(', ')}`);
    }
  }

  private reader(path: string, at: readonly JsonPathSegment[]): PathReader {
    const cached = this.readers.get(path);
    if (cached) return cached.reader;
    const parsed = parseSourcePath(path);
    if (!parsed.ok) {
      this.report('INVALID_PATH', at, `invalid source path "${path}": ${parsed.reason}`);
      return () => undefined;
    }
    const reader = compilePathReader(parsed.segments);
    this.readers.set(path, { reader, segments: parsed.segments });
    return reader;
  }

  private segments(path: string): PathSegments | undefined {
    return this.readers.get(path)?.segments ?? (parseSourcePath(path) as { segments?: PathSegments }).segments;
  }

  /** Checks a template constant against the field: type, range, length and allowed values. */
  private constant(value: TemplateScalar, at: readonly JsonPathSegment[], origin: string): unknown {
    // A blank constant means "no value" (e.g. a rule that deliberately sends no shipping method).
    if (isEmptyValue(value)) return value;
    const out = this.coerce(value);
    if (out === INVALID) {
      const failure = describeCoercionFailure(this.def, value);
      this.report(failure.code === 'VALUE_NOT_ALLOWED' ? 'VALUE_NOT_ALLOWED' : 'INVALID_VALUE', at, `${origin}: ${failure.message}`);
    }
    return out;
  }

  private compileAction(a: RuleAction, at: readonly JsonPathSegment[]): Producer {
    switch (a.kind) {
      case 'dont-map':
        return IGNORE;
      case 'set-empty':
        return () => SET_EMPTY;
      case 'field': {
        const read = this.reader(a.path, [...at, 'path']);
        return a.adjust ? this.adjusted(read, a.adjust, [...at, 'adjust']) : read;
      }
      case 'value': {
        const v = this.constant(a.value, [...at, 'value'], 'constant value');
        return () => v;
      }
      case 'option': {
        if (!this.def.allowedValues) {
          this.report('SOURCE_NOT_ALLOWED', [...at, 'kind'], `${this.def.name} has no list of options; use "value" instead`);
          return IGNORE;
        }
        const v = this.constant(a.option, [...at, 'option'], 'option');
        return () => v;
      }
      case 'mapping-set':
        return this.compileSetAction(a.set, a.path, at);
    }
  }

  /**
   * Wraps a numeric read with its adjustment. A value that is not a number passes unchanged, so
   * the field's coercion reports it as it would without the adjustment.
   */
  private adjusted(read: PathReader, adjust: NumericAdjustment, at: readonly JsonPathSegment[]): Producer {
    if (this.def.type !== 'integer' && this.def.type !== 'decimal') {
      this.report('SOURCE_NOT_ALLOWED', at, `${this.def.name} is not a number; only numeric fields can be adjusted`);
      return IGNORE;
    }
    const subtract = adjust.subtract ?? 0;
    if (this.def.type === 'integer' && !Number.isInteger(subtract))
      this.report('INVALID_VALUE', [...at, 'subtract'], `${this.def.name} is a whole number; subtract a whole number`);
    if (adjust.maximum !== undefined) this.constant(adjust.maximum, [...at, 'maximum'], 'maximum');
    const floor = this.def.min ?? Number.NEGATIVE_INFINITY;
    const cap = adjust.maximum ?? Number.POSITIVE_INFINITY;
    return (r) => {
      const value = read(r);
      const n = typeof value === 'number' ? value : typeof value === 'string' && NUMERIC.test(value) ? Number(value) : Number.NaN;
      if (!Number.isFinite(n)) return value;
      // Amazon keeps decimals in minor-unit precision; rounding here keeps 10.1 - 0.1 from becoming 9.999999.
      return Math.min(Math.max(Math.round((n - subtract) * 1e6) / 1e6, floor), cap);
    };
  }

  private compileSetAction(name: string, path: string, at: readonly JsonPathSegment[]): Producer {
    const read = this.reader(path, [...at, 'path']);
    const set = this.scope.sets.get(name);
    const raw = this.scope.rawSets[name];
    if (!set || !raw) {
      const known = Object.keys(this.scope.rawSets);
      this.report(
        'UNKNOWN_MAPPING_SET',
        [...at, 'set'],
        `mapping set "${name}" does not exist${known.length ? ` (defined: ${known.join(', ')})` : ' (the template defines none)'}`,
      );
      return IGNORE;
    }
    this.scope.usedSets.add(name);
    if (!this.checkedSets.has(name)) {
      this.checkedSets.add(name);
      // Every value the set can produce must fit this field, so a bad row is caught at save time.
      raw.entries.forEach((e, i) =>
        this.constant(e.to, ['mappingSets', name, 'entries', i, 'to'], `mapping set "${name}" row "${e.from}" (used by ${this.def.name})`),
      );
      if (raw.default !== undefined) this.constant(raw.default, ['mappingSets', name, 'default'], `mapping set "${name}" default (used by ${this.def.name})`);
    }
    return (r, ctx) => set.lookup(read(r), ctx, path);
  }

  private compileLeafChecked(leaf: LeafCondition, at: readonly JsonPathSegment[]): ConditionTest {
    const read = this.reader(leaf.path, [...at, 'path']);
    if (leaf.op !== 'matches') return compileLeaf(leaf, { read, path: leaf.path });
    const check = checkRegex(leaf.pattern, leaf.flags);
    if (!check.ok) {
      this.report(check.code, [...at, 'pattern'], `invalid regular expression /${leaf.pattern}/: ${check.reason}`);
      return () => false;
    }
    return compileLeaf(leaf, { read, path: leaf.path, regex: check.regex });
  }

  private compileNode(node: ConditionNode, at: readonly JsonPathSegment[], depth: number, count: { leaves: number }): ConditionTest {
    if (isLeaf(node)) {
      count.leaves++;
      return this.compileLeafChecked(node, at);
    }
    if (depth >= MAPPING_LIMITS.maxGroupDepth) {
      this.report('LIMIT_EXCEEDED', at, `condition groups nest deeper than ${MAPPING_LIMITS.maxGroupDepth} levels`);
      return () => false;
    }
    const tests = node.conditions.map((c, i) => this.compileNode(c, [...at, 'conditions', i], depth + 1, count));
    return combine(node.op, tests);
  }

  private compileRules(rules: readonly MappingRule[], otherwise: RuleAction | undefined, at: readonly JsonPathSegment[]): Producer {
    const tests: ConditionTest[] = [];
    const actions: Producer[] = [];
    rules.forEach((rule, i) => {
      const ruleAt = [...at, 'rules', i];
      const count = { leaves: 0 };
      tests.push(this.compileNode(rule.when, [...ruleAt, 'when'], 0, count));
      if (count.leaves > MAPPING_LIMITS.maxConditionsPerRule) {
        this.report(
          'LIMIT_EXCEEDED',
          [...ruleAt, 'when'],
          `a rule may test at most ${MAPPING_LIMITS.maxConditionsPerRule} conditions; this one tests ${count.leaves}`,
        );
      }
      this.checkAllowed(rule.then.kind, [...ruleAt, 'then', 'kind']);
      actions.push(this.compileAction(rule.then, [...ruleAt, 'then']));
    });
    if (otherwise) this.checkAllowed(otherwise.kind, [...at, 'else', 'kind']);
    const elseProduce = otherwise ? this.compileAction(otherwise, [...at, 'else']) : undefined;
    if (this.faults === 0) {
      for (const issue of analyzeRules(rules, otherwise !== undefined, at, {
        segments: (p) => this.segments(p),
        compile: (leaf) =>
          compileLeaf(leaf, {
            read: this.reader(leaf.path, []),
            path: leaf.path,
            ...(leaf.op === 'matches' ? { regex: new RegExp(leaf.pattern, leaf.flags) } : {}),
          }),
      })) {
        this.report(issue.code, issue.at, issue.message);
      }
    }
    const n = tests.length;
    return (r, ctx) => {
      for (let i = 0; i < n; i++) {
        if ((tests[i] as ConditionTest)(r, ctx)) {
          ctx.rule = i;
          return (actions[i] as Producer)(r, ctx);
        }
      }
      if (elseProduce === undefined) {
        ctx.rule = -2;
        return NOT_MAPPED;
      }
      ctx.rule = -1;
      return elseProduce(r, ctx);
    };
  }
}

/** Renders an issue for the public list. */
export function templateIssue(code: TemplateIssueCode, at: readonly JsonPathSegment[], message: string): TemplateIssue {
  return { code, path: toJsonPath(at), message };
}
