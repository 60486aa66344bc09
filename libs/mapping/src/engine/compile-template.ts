import type { TemplateIssue, TemplateIssueCode } from '../errors/template-issue';
import { MappingTemplateError } from '../errors/template-issue';
import { deepFreeze } from '../template/deep-freeze';
import type { JsonPathSegment } from '../template/json-path';
import { toJsonPath } from '../template/json-path';
import { MAPPING_LIMITS } from '../template/template-limits';
import { fromZodIssues, precheckTemplateSize } from '../template/template-prechecks';
import { mappingTemplateSchema } from '../template/template-schema';
import type { MappingTemplate } from '../template/template.types';
import type { MappedRecordByOperation } from '../targets/operations';
import { OPERATION_DEFINITIONS } from '../targets/operations';
import type { MappingOperation, TargetFieldDefinition } from '../targets/target-field.types';
import { compileCoercer } from './coerce';
import { OPERATION_POLICIES } from '../policies/operation-policies';
import type { CompiledField } from './compiled-field';
import { NOT_MAPPED } from './compiled-field';
import type { CompiledTemplate } from './compiled-template';
import { CompiledMappingTemplate } from './compiled-template';
import type { EvaluationPlan } from './evaluator';
import type { CompileScope } from './field-compiler';
import { FieldCompiler } from './field-compiler';
import type { CompiledMappingSet } from './mapping-sets';
import { compileMappingSet, findDuplicateEntries } from './mapping-sets';
import type { PathSegments } from './source-path';
import { compilePathReader, parseSourcePath } from './source-path';

/** Outcome of {@link validateTemplate}. */
export interface TemplateValidation {
  /** True when the template can be saved. */
  readonly ok: boolean;
  /** Faults that stop the template from being saved, each with its JSON path. */
  readonly issues: readonly TemplateIssue[];
  /** Advisories that do not stop saving (e.g. a required field left unmapped). */
  readonly warnings: readonly TemplateIssue[];
}

/** A field the template does not list: Don't Map, whatever sources the field offers. */
function unmappedField(def: TargetFieldDefinition): CompiledField {
  return { def, mapping: { kind: 'dont-map' }, produce: () => NOT_MAPPED, coerce: compileCoercer(def), fallback: undefined, action: { kind: 'dont-map' } };
}

/** At most this many issues are reported; a broken paste could otherwise produce thousands. */
const MAX_ISSUES = 200;

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0] as number;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j] as number;
      dp[j] = Math.min((dp[j] as number) + 1, (dp[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length] as number;
}

function suggest(key: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(key.toLowerCase(), c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(key.length / 3)) ? ` Did you mean "${best}"?` : '';
}

interface BuildResult {
  readonly issues: TemplateIssue[];
  readonly warnings: TemplateIssue[];
  readonly compiled?: CompiledMappingTemplate;
}

function build(input: unknown): BuildResult {
  const issues: TemplateIssue[] = [];
  const warnings: TemplateIssue[] = [];
  const report = (code: TemplateIssueCode, at: readonly JsonPathSegment[], message: string): void => {
    if (issues.length < MAX_ISSUES) issues.push({ code, path: toJsonPath(at), message });
  };
  const tooBig = precheckTemplateSize(input);
  if (tooBig) return { issues: [tooBig], warnings };
  const parsed = mappingTemplateSchema.safeParse(input);
  if (!parsed.success) return { issues: fromZodIssues(parsed.error.issues).slice(0, MAX_ISSUES), warnings };
  const template = parsed.data;
  const opDef = OPERATION_DEFINITIONS[template.operation];

  const rawSets = template.mappingSets ?? {};
  const setNames = Object.keys(rawSets);
  if (setNames.length > MAPPING_LIMITS.maxMappingSets) {
    report(
      'LIMIT_EXCEEDED',
      ['mappingSets'],
      `a template may define at most ${MAPPING_LIMITS.maxMappingSets} mapping sets; this one defines ${setNames.length}`,
    );
  }
  let totalEntries = 0;
  const sets = new Map<string, CompiledMappingSet>();
  for (const name of setNames) {
    const set = rawSets[name];
    if (!set) continue;
    totalEntries += set.entries.length;
    if (set.default !== undefined && set.passThrough === true) {
      report('CONFLICTING_FALLBACK', ['mappingSets', name, 'passThrough'], `mapping set "${name}" has both a default and passThrough; choose one`);
    }
    for (const d of findDuplicateEntries(set)) {
      report(
        'DUPLICATE_MAPPING_ENTRY',
        ['mappingSets', name, 'entries', d.index, 'from'],
        `mapping set "${name}" already has a row for "${set.entries[d.index]?.from}" (row ${d.firstIndex + 1})`,
      );
    }
    sets.set(name, compileMappingSet(name, set));
  }
  if (totalEntries > MAPPING_LIMITS.maxMappingEntriesPerTemplate) {
    report(
      'LIMIT_EXCEEDED',
      ['mappingSets'],
      `mapping sets may hold at most ${MAPPING_LIMITS.maxMappingEntriesPerTemplate} rows in total; these hold ${totalEntries}`,
    );
  }

  let linesPath: string | undefined;
  let linesSegments: PathSegments | undefined;
  if (template.lines && !opDef.lines) {
    report('LINES_NOT_SUPPORTED', ['lines'], `the ${template.operation} operation has no line items`);
  } else if (opDef.lines) {
    linesPath = template.lines?.path ?? opDef.lines.defaultPath;
    const parsedLines = parseSourcePath(linesPath);
    if (parsedLines.ok) linesSegments = parsedLines.segments;
    else report('INVALID_PATH', ['lines', 'path'], `invalid source path "${linesPath}": ${parsedLines.reason}`);
  }

  const scope: CompileScope = { sets, rawSets, usedSets: new Set(), report };
  const byKey = new Map(opDef.fields.map((f) => [f.key, f] as const));
  const compiledByKey = new Map<string, CompiledField>();
  let totalRules = 0;
  for (const key of Object.keys(template.fields)) {
    const mapping = template.fields[key];
    const def = byKey.get(key);
    if (!mapping) continue;
    if (!def) {
      report('UNKNOWN_TARGET_FIELD', ['fields', key], `"${key}" is not a ${template.operation} target field.${suggest(key, [...byKey.keys()])}`);
      continue;
    }
    if (mapping.kind === 'rules') totalRules += mapping.rules.length;
    const compiled = new FieldCompiler(def, scope).compile(mapping, ['fields', key]);
    if (compiled) compiledByKey.set(key, compiled);
  }
  if (totalRules > MAPPING_LIMITS.maxRulesPerTemplate) {
    report('LIMIT_EXCEEDED', ['fields'], `a template may have at most ${MAPPING_LIMITS.maxRulesPerTemplate} rules; this one has ${totalRules}`);
  }
  if (issues.length > 0) return { issues, warnings };

  for (const def of opDef.fields) {
    const m = template.fields[def.key];
    if (def.required && (!m || m.kind === 'dont-map')) {
      warnings.push({
        code: 'REQUIRED_FIELD_UNMAPPED',
        path: toJsonPath(['fields', def.key]),
        message: `Missing required mapping for ${def.name} in mapping template; every record will fail until it is mapped`,
      });
    }
  }
  for (const name of setNames) {
    if (!scope.usedSets.has(name))
      warnings.push({ code: 'UNUSED_MAPPING_SET', path: toJsonPath(['mappingSets', name]), message: `mapping set "${name}" is not used by any field` });
  }

  // Unlisted fields are Don't Map; they are still evaluated so required ones report their error.
  const ordered = opDef.fields.map((def) => compiledByKey.get(def.key) ?? unmappedField(def));
  // Optional Don't Map fields can never produce anything: skip them in the hot loop.
  const live = ordered.filter((f) => f.def.required || f.mapping.kind !== 'dont-map');
  const plan: EvaluationPlan = {
    recordFields: live.filter((f) => f.def.scope === 'record'),
    lineFields: live.filter((f) => f.def.scope === 'line'),
    allRecordFields: ordered.filter((f) => f.def.scope === 'record'),
    allLineFields: ordered.filter((f) => f.def.scope === 'line'),
    ...(linesPath !== undefined && linesSegments ? { readLines: compilePathReader(linesSegments), linesPath } : {}),
    policy: OPERATION_POLICIES[template.operation],
  };
  return { issues, warnings, compiled: new CompiledMappingTemplate(template.operation, deepFreeze(template), warnings, plan) };
}

/**
 * Validates a template without compiling it for use: what a save endpoint or editor calls to
 * show every fault (with its JSON path) and advisory at once. Never throws.
 */
export function validateTemplate(input: unknown): TemplateValidation {
  const { issues, warnings } = build(input);
  return { ok: issues.length === 0, issues, warnings };
}

/**
 * Validates and compiles a template (JSON data, e.g. parsed from the database) into an
 * evaluator. Throws {@link MappingTemplateError} listing every fault with its JSON path.
 *
 * @example
 * const compiled = compileTemplate(defaultTemplate('publish'));
 * const { value, errors } = compiled.evaluate({ sku: 'ABC', asin: 'B07X4K9Y9Z', price: 29.99 });
 */
export function compileTemplate(input: unknown): CompiledTemplate {
  const { issues, compiled } = build(input);
  if (!compiled) throw new MappingTemplateError(issues);
  return compiled;
}

/**
 * Like {@link compileTemplate}, but checks the template is for `operation` and types the mapped
 * record accordingly (e.g. `compileTemplateFor('publish', json).evaluate(r).value.price`).
 */
export function compileTemplateFor<Op extends MappingOperation>(operation: Op, input: unknown): CompiledTemplate<MappedRecordByOperation[Op]> {
  const compiled = compileTemplate(input);
  if (compiled.operation !== operation) {
    throw new MappingTemplateError([
      { code: 'OPERATION_MISMATCH', path: '$.operation', message: `expected a ${operation} template; this one is for ${compiled.operation}` },
    ]);
  }
  return compiled as unknown as CompiledTemplate<MappedRecordByOperation[Op]>;
}

/** Re-exported for callers that only need the template type next to the compiler. */
export type { MappingTemplate };
