import type { TemplateIssue } from '../errors/template-issue';
import type { MappingTemplate } from '../template/template.types';
import type { MappingOperation } from '../targets/target-field.types';
import type { EvaluationPlan } from './evaluator';
import { runPlan } from './evaluator';
import { ExplainTrace } from './explain-trace';
import type { MappingExplanation, MappingResult } from './mapping-result.types';

/**
 * A validated template compiled for repeated evaluation: compile once (at save or load), then
 * call {@link CompiledTemplate.evaluate} for every record of a job.
 *
 * @typeParam R - the mapped record type (see {@link MappedRecordByOperation}).
 */
export interface CompiledTemplate<R = Record<string, unknown>> {
  /** The operation the template is for. */
  readonly operation: MappingOperation;
  /** The validated template (deep-frozen). */
  readonly template: MappingTemplate;
  /** Advisories found at compile time (e.g. a required field left unmapped). */
  readonly warnings: readonly TemplateIssue[];
  /** Maps one record. Never throws. */
  evaluate(record: unknown): MappingResult<R>;
  /**
   * Maps one record and says, for each target field, which source or rule produced the value.
   * Its `value`, `errors` and `warnings` are exactly what {@link CompiledTemplate.evaluate} returns.
   */
  explain(record: unknown): MappingExplanation<R>;
}

/** Default implementation of {@link CompiledTemplate}. */
export class CompiledMappingTemplate<R = Record<string, unknown>> implements CompiledTemplate<R> {
  constructor(
    readonly operation: MappingOperation,
    readonly template: MappingTemplate,
    readonly warnings: readonly TemplateIssue[],
    private readonly plan: EvaluationPlan,
  ) {}

  evaluate(record: unknown): MappingResult<R> {
    return runPlan(this.plan, record, undefined) as MappingResult<R>;
  }

  explain(record: unknown): MappingExplanation<R> {
    const trace = new ExplainTrace();
    const result = runPlan(this.plan, record, trace) as MappingResult<R>;
    return { ...result, fields: trace.entries };
  }
}
