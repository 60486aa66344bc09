import type { FieldMapping, NumericAdjustment, RuleAction } from '../template/template.types';
import type { SourceKind, TargetFieldDefinition } from '../targets/target-field.types';
import type { Coercer } from './coerce';
import type { EvalContext } from './eval-context';

/** A producer's answer when the target must be left out (Don't Map, or rules that chose none). */
export const NOT_MAPPED: unique symbol = Symbol('not-mapped');
/** A producer's answer when the target must be present and cleared (Set To Empty). */
export const SET_EMPTY: unique symbol = Symbol('set-empty');

/** Produces a field's raw value (or a sentinel) from a record. */
export type Producer = (record: unknown, ctx: EvalContext) => unknown;

/** Static description of an action, kept for explain so evaluation does not have to record it. */
export interface ActionInfo {
  readonly kind: SourceKind;
  readonly path?: string;
  readonly set?: string;
  readonly adjust?: NumericAdjustment;
}

/** A target field ready for evaluation. */
export interface CompiledField {
  readonly def: TargetFieldDefinition;
  readonly mapping: FieldMapping;
  readonly produce: Producer;
  readonly coerce: Coercer;
  /** The definition's default, already coerced; used when the mapped source gives no value. */
  readonly fallback: unknown;
  /** The field's direct action (for non-rule sources). */
  readonly action?: ActionInfo;
  /** Rules sources: each rule's name and action, and the else action. */
  readonly rules?: readonly { readonly name?: string; readonly action: ActionInfo }[];
  readonly elseAction?: ActionInfo;
}

/** Describes an action for explain. */
export function actionInfo(a: RuleAction): ActionInfo {
  switch (a.kind) {
    case 'field':
      return { kind: a.kind, path: a.path, ...(a.adjust ? { adjust: a.adjust } : {}) };
    case 'mapping-set':
      return { kind: a.kind, path: a.path, set: a.set };
    case 'dont-map':
    case 'set-empty':
    case 'value':
    case 'option':
      return { kind: a.kind };
  }
}
