import { MappingIssueCode } from '../errors/mapping-issue';
import type { MappingIssue } from '../errors/mapping-issue';
import { MAPPING_LIMITS } from '../template/template-limits';
import type { OperationPolicy } from '../policies/operation-policy';
import { describeCoercionFailure, INVALID } from './coerce';
import type { CompiledField } from './compiled-field';
import { NOT_MAPPED, SET_EMPTY } from './compiled-field';
import { EvalContext } from './eval-context';
import type { ExplainTrace } from './explain-trace';
import type { MappingResult } from './mapping-result.types';
import type { PathReader } from './source-path';
import { isEmptyValue, previewValue } from './values';

const NONE: readonly MappingIssue[] = Object.freeze([]);

/** Everything the evaluator needs from a compiled template. */
export interface EvaluationPlan {
  /** Fields that can produce something or must report (optional Don't Map fields are skipped). */
  readonly recordFields: readonly CompiledField[];
  readonly lineFields: readonly CompiledField[];
  /** Every field, for explain, which lists Don't Map fields too. */
  readonly allRecordFields: readonly CompiledField[];
  readonly allLineFields: readonly CompiledField[];
  /** Reader of the line array, for operations with line items. */
  readonly readLines?: PathReader;
  readonly linesPath?: string;
  readonly policy: OperationPolicy;
}

function inputPathOf(f: CompiledField, ctx: EvalContext): string | undefined {
  if (f.rules) return ctx.rule >= 0 ? f.rules[ctx.rule]?.action.path : ctx.rule === -1 ? f.elseAction?.path : undefined;
  return f.action?.path;
}

function errorMessage(e: unknown): string {
  try {
    return e instanceof Error ? e.message.slice(0, 200) : previewValue(e);
  } catch {
    return 'unknown error';
  }
}

/** Maps the fields of one scope into `out`. */
function mapFields(fields: readonly CompiledField[], record: unknown, ctx: EvalContext, out: Record<string, unknown>, trace: ExplainTrace | undefined): void {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as CompiledField;
    const def = f.def;
    ctx.field = def;
    ctx.rule = -2;
    ctx.setOutcome = undefined;
    const before = trace ? { errors: ctx.errors?.length ?? 0, warnings: ctx.warnings?.length ?? 0 } : undefined;
    let outcome: 'mapped' | 'empty' | 'default' | 'not-mapped' | 'no-value' | 'error';
    let value: unknown;
    try {
      const raw = f.produce(record, ctx);
      if (raw === NOT_MAPPED) {
        outcome = 'not-mapped';
        if (def.required) ctx.report('error', MappingIssueCode.MISSING_REQUIRED_MAPPING, `Missing required mapping for ${def.name} in mapping template`);
      } else if (raw === SET_EMPTY) {
        if (def.required) {
          outcome = 'error';
          ctx.report('error', MappingIssueCode.REQUIRED_VALUE_MISSING, `${def.name} is required, but the mapping template sets it to empty`);
        } else {
          outcome = 'empty';
          value = null;
          out[def.key] = null;
        }
      } else if (isEmptyValue(raw)) {
        if (f.fallback !== undefined) {
          outcome = 'default';
          value = f.fallback;
          out[def.key] = value;
        } else {
          outcome = 'no-value';
          if (def.required) {
            const from = inputPathOf(f, ctx);
            ctx.report(
              'error',
              MappingIssueCode.REQUIRED_VALUE_MISSING,
              `${def.name} is required, but ${from !== undefined ? `"${from}" is empty for this record` : 'the mapping gives no value for this record'}`,
              from,
            );
          }
        }
      } else {
        const v = f.coerce(raw);
        if (v === INVALID) {
          outcome = 'error';
          const failure = describeCoercionFailure(def, raw);
          const from = inputPathOf(f, ctx);
          ctx.report('error', failure.code, from !== undefined ? `${failure.message} (from "${from}")` : failure.message, from);
        } else {
          outcome = 'mapped';
          value = v;
          out[def.key] = v;
        }
      }
    } catch (e) {
      outcome = 'error';
      ctx.report('error', MappingIssueCode.RECORD_UNREADABLE, `${def.name} could not be read from the record: ${errorMessage(e)}`);
    }
    if (trace && before) trace.add(f, ctx, outcome, value, before);
  }
  ctx.field = undefined;
}

function mapLines(plan: EvaluationPlan, record: unknown, ctx: EvalContext, out: Record<string, unknown>, trace: ExplainTrace | undefined): void {
  const read = plan.readLines as PathReader;
  const source = read(record);
  const lines: Record<string, unknown>[] = [];
  out['lines'] = lines;
  if (source === undefined || source === null) {
    ctx.report('warning', MappingIssueCode.NO_LINE_ITEMS, `The record has no line items at "${plan.linesPath}"`, plan.linesPath);
    return;
  }
  if (!Array.isArray(source)) {
    ctx.report('error', MappingIssueCode.LINES_INVALID, `Line items at "${plan.linesPath}" must be a list; got ${previewValue(source)}`, plan.linesPath);
    return;
  }
  const max = MAPPING_LIMITS.maxLinesPerRecord;
  if (source.length > max) {
    ctx.report('error', MappingIssueCode.TOO_MANY_LINES, `The record has ${source.length} line items; only the first ${max} were mapped`, plan.linesPath);
  }
  const n = Math.min(source.length, max);
  for (let i = 0; i < n; i++) {
    ctx.line = i;
    const line: Record<string, unknown> = {};
    mapFields(trace ? plan.allLineFields : plan.lineFields, source[i], ctx, line, trace);
    lines.push(line);
  }
  ctx.line = undefined;
}

/**
 * Evaluates one record. Never throws: odd records (missing paths, wrong types, huge strings,
 * cycles, throwing getters) become field errors. `trace` is given by explain only.
 */
export function runPlan(plan: EvaluationPlan, record: unknown, trace: ExplainTrace | undefined): MappingResult {
  const ctx = new EvalContext();
  const out: Record<string, unknown> = {};
  try {
    // Array.isArray throws on a revoked proxy, so even this check sits inside the try.
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      ctx.report('error', MappingIssueCode.RECORD_NOT_OBJECT, `The record must be an object; got ${previewValue(record)}`);
    } else {
      mapFields(trace ? plan.allRecordFields : plan.recordFields, record, ctx, out, trace);
      if (plan.readLines) mapLines(plan, record, ctx, out, trace);
      plan.policy(out, ctx, trace);
    }
  } catch (e) {
    ctx.field = undefined;
    ctx.line = undefined;
    ctx.report('error', MappingIssueCode.RECORD_UNREADABLE, `The record could not be read: ${errorMessage(e)}`);
  }
  const errors = ctx.errors ?? NONE;
  return { ok: errors.length === 0, value: out, errors, warnings: ctx.warnings ?? NONE };
}
