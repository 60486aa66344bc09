import type { MappingIssue, MappingIssueCode } from '../errors/mapping-issue';
import type { SourceKind } from '../targets/target-field.types';
import type { MappingSetOutcome } from './eval-context';

/**
 * The outcome of mapping one record: the mapped record plus field-level errors and warnings.
 * Fields with an error are left out of `value`; `ok` is false when any error was reported.
 */
export interface MappingResult<R = Record<string, unknown>> {
  readonly ok: boolean;
  readonly value: R;
  readonly errors: readonly MappingIssue[];
  readonly warnings: readonly MappingIssue[];
}

/**
 * What happened to one target field:
 * `mapped` (value set), `empty` (Set To Empty: present as null), `default` (the definition's
 * default was used because the source gave no value), `not-mapped` (left out: Don't Map or no
 * rule applied), `no-value` (mapped, but the record had nothing), `error` (value rejected),
 * `dropped` (left out by an operation check, e.g. a condition note on a New item).
 */
export type FieldOutcome = 'mapped' | 'empty' | 'default' | 'not-mapped' | 'no-value' | 'error' | 'dropped';

/** Which source or rule produced one target field's value, for previews and support. */
export interface FieldExplanation {
  /** Target field key. */
  readonly key: string;
  /** Qualified target field name. */
  readonly name: string;
  /** Line item index for line-scoped fields. */
  readonly line?: number;
  /** The template's source kind for the field. */
  readonly source: SourceKind;
  /** Rules: the rule that matched (0-based) and its name, when one did. */
  readonly rule?: { readonly index: number; readonly name?: string };
  /** Rules: whether a rule, the else branch, or nothing applied. */
  readonly branch?: 'rule' | 'else' | 'none';
  /** The action that produced the value (the source itself, or the chosen rule's action). */
  readonly action: SourceKind;
  /** Source path read, for field and mapping-set actions. */
  readonly inputPath?: string;
  /** Mapping-set actions: the set and how the lookup went. */
  readonly mappingSet?: { readonly name: string; readonly outcome: MappingSetOutcome };
  readonly outcome: FieldOutcome;
  /** The value in the mapped record (present for mapped, empty and default outcomes). */
  readonly value?: unknown;
  /** Codes of the issues raised for this field. */
  readonly issues: readonly MappingIssueCode[];
  /** One-line human summary, e.g. `rule 1 "If no ASIN use UPC" matched: field "upc"`. */
  readonly summary: string;
}

/** {@link MappingResult} plus one explanation per target field (and per line for line fields). */
export interface MappingExplanation<R = Record<string, unknown>> extends MappingResult<R> {
  readonly fields: readonly FieldExplanation[];
}
