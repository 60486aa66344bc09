import type { MappingIssueCode } from '../errors/mapping-issue';
import type { EvalContext, FieldIdentity } from '../engine/eval-context';
import type { ExplainTrace } from '../engine/explain-trace';
import type { MappingOperation, TargetFieldDefinition } from '../targets/target-field.types';
import { OPERATION_DEFINITIONS } from '../targets/operations';

/**
 * A cross-field check an operation applies after the fields are mapped (e.g. a Product ID Type
 * needs a Product ID). Policies read and may drop fields of the mapped record; they never add
 * values, so a Don't Map field stays absent.
 */
export type OperationPolicy = (out: Record<string, unknown>, ctx: EvalContext, trace: ExplainTrace | undefined) => void;

/** The identity (key and qualified name) of an operation's field, for messages. */
export function fieldOf(operation: MappingOperation, key: string): FieldIdentity {
  const def: TargetFieldDefinition | undefined = OPERATION_DEFINITIONS[operation].fields.find((f) => f.key === key);
  if (!def) throw new Error(`internal: ${operation} has no field ${key}`);
  return { key: def.key, name: def.name };
}

/** True when the mapped record has a non-null value for `key`. */
export function hasValue(out: Record<string, unknown>, key: string): boolean {
  const v = out[key];
  return v !== undefined && v !== null;
}

/** Removes a field from the mapped record with a warning saying why. */
export function dropWithWarning(
  out: Record<string, unknown>,
  ctx: EvalContext,
  trace: ExplainTrace | undefined,
  field: FieldIdentity,
  code: MappingIssueCode,
  message: string,
): void {
  delete out[field.key];
  ctx.report('warning', code, message, undefined, field);
  trace?.dropped(field.key, code, message);
}

/** Reports an error about a field found by a cross-field check. */
export function flagError(ctx: EvalContext, trace: ExplainTrace | undefined, field: FieldIdentity, code: MappingIssueCode, message: string): void {
  ctx.report('error', code, message, undefined, field);
  trace?.flagged(field.key, code);
}
