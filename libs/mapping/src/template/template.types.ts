import type { MappingOperation, TemplateScalar } from '../targets/target-field.types';

/** The condition operators a rule can test a source field with. */
export type ConditionOperator =
  | 'equals'
  | 'not_equals'
  | 'is_empty'
  | 'is_not_empty'
  | 'starts_with'
  | 'ends_with'
  | 'contains'
  | 'matches'
  | 'length_is'
  | 'greater_than'
  | 'less_than'
  | 'in_list';

/** Every condition operator. */
export const CONDITION_OPERATORS: readonly ConditionOperator[] = [
  'equals',
  'not_equals',
  'is_empty',
  'is_not_empty',
  'starts_with',
  'ends_with',
  'contains',
  'matches',
  'length_is',
  'greater_than',
  'less_than',
  'in_list',
];

/**
 * `equals` / `not_equals`: the source value equals the constant. A number constant compares
 * numerically (`5` equals `"5.0"`); a text constant compares the source's text form.
 */
export interface EqualityCondition {
  readonly op: 'equals' | 'not_equals';
  readonly path: string;
  readonly value: TemplateScalar;
  readonly ignoreCase?: boolean;
}

/** `is_empty` / `is_not_empty`: missing, null, blank text (whitespace only) and empty arrays are empty. */
export interface EmptinessCondition {
  readonly op: 'is_empty' | 'is_not_empty';
  readonly path: string;
}

/** `starts_with` / `ends_with` / `contains` on the source's text form. */
export interface TextCondition {
  readonly op: 'starts_with' | 'ends_with' | 'contains';
  readonly path: string;
  readonly value: string;
  readonly ignoreCase?: boolean;
}

/** `matches`: a regular expression (flags i, m, s, u) tested on the source's text form. */
export interface RegexCondition {
  readonly op: 'matches';
  readonly path: string;
  readonly pattern: string;
  readonly flags?: string;
}

/** `length_is`: the text form (or array) has exactly this many characters (items); missing counts as 0. */
export interface LengthCondition {
  readonly op: 'length_is';
  readonly path: string;
  readonly length: number;
}

/** `greater_than` / `less_than`: numeric comparison; non-numeric sources never match. */
export interface NumericCondition {
  readonly op: 'greater_than' | 'less_than';
  readonly path: string;
  readonly value: number;
}

/** `in_list`: the source equals one of the values (same equality as `equals`). */
export interface ListCondition {
  readonly op: 'in_list';
  readonly path: string;
  readonly values: readonly TemplateScalar[];
  readonly ignoreCase?: boolean;
}

/** A condition on one source field. */
export type LeafCondition = EqualityCondition | EmptinessCondition | TextCondition | RegexCondition | LengthCondition | NumericCondition | ListCondition;

/** Conditions combined: `all` must all hold, `any` needs one. Groups nest. */
export interface ConditionGroup {
  readonly op: 'all' | 'any';
  readonly conditions: readonly ConditionNode[];
}

/** A leaf condition or a group. */
export type ConditionNode = LeafCondition | ConditionGroup;

/** Leaves the target out of the mapped record. */
export interface DontMapSource {
  readonly kind: 'dont-map';
}
/** Puts the target in the mapped record as `null` (clear it). */
export interface SetEmptySource {
  readonly kind: 'set-empty';
}
/**
 * Adjusts a number read from the record before it is sent, for numeric targets only: `subtract`
 * first (a stock buffer: 12 in stock, buffer 2 → 10; never below the field's minimum, so 1 in
 * stock with buffer 2 → 0), then `maximum` caps it (never offer more than 50).
 */
export interface NumericAdjustment {
  readonly subtract?: number;
  readonly maximum?: number;
}

/** Reads a path of the source record (`a.b[0].c`), optionally adjusted when the target is numeric. */
export interface FieldSource {
  readonly kind: 'field';
  readonly path: string;
  readonly adjust?: NumericAdjustment;
}
/** A constant. */
export interface ValueSource {
  readonly kind: 'value';
  readonly value: TemplateScalar;
}
/** One of the target field's allowed values. */
export interface OptionSource {
  readonly kind: 'option';
  readonly option: string;
}
/** Looks the value at `path` up in the named mapping set. */
export interface MappingSetSource {
  readonly kind: 'mapping-set';
  readonly set: string;
  readonly path: string;
}

/** What a rule (or the else branch) sets the target from. */
export type RuleAction = DontMapSource | SetEmptySource | FieldSource | ValueSource | OptionSource | MappingSetSource;

/** One conditional rule: when `when` holds, the target comes from `then`. */
export interface MappingRule {
  readonly name?: string;
  readonly when: ConditionNode;
  readonly then: RuleAction;
}

/** Ordered rules; the first that matches wins, else `else` (Don't Map when absent). */
export interface RulesSource {
  readonly kind: 'rules';
  readonly rules: readonly MappingRule[];
  readonly else?: RuleAction;
}

/** The source of one target field. */
export type FieldMapping = RuleAction | RulesSource;

/** One row of a mapping set. */
export interface MappingSetEntry {
  readonly from: string;
  readonly to: TemplateScalar;
}

/**
 * A named lookup table (e.g. `GOSO` → `GLS US`). A value with no row gets `default`; without a
 * default it passes through unchanged when `passThrough` is set, else the target gets no value
 * (and a `MAPPING_SET_NO_MATCH` warning).
 */
export interface MappingSet {
  readonly description?: string;
  readonly entries: readonly MappingSetEntry[];
  readonly default?: TemplateScalar;
  readonly passThrough?: boolean;
  /** Match keys case-insensitively (default: exact match, as sellers' lookups usually are). */
  readonly ignoreCase?: boolean;
}

/**
 * A mapping template: JSON data, one per operation, saved by a seller and compiled by
 * {@link compileTemplate}. Target fields the template does not list are Don't Map.
 */
export interface MappingTemplate {
  readonly schemaVersion: 1;
  readonly operation: MappingOperation;
  readonly name?: string;
  readonly description?: string;
  readonly mappingSets?: Readonly<Record<string, MappingSet>>;
  readonly fields: Readonly<Record<string, FieldMapping>>;
  /** Operations with line items: source path of the line array (default from the operation). */
  readonly lines?: { readonly path: string };
}
