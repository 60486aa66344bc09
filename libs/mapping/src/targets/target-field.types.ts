/**
 * The kinds of source a template can assign to a target field.
 *
 * - `dont-map`: the field is left out of the mapped record entirely.
 * - `set-empty`: the field is present with `null`, telling the consumer to clear it.
 * - `field`: read a path of the source record.
 * - `value`: a constant.
 * - `option`: one of the field's allowed values (like `value`, but only for fields with a list).
 * - `mapping-set`: look a source value up in a named table, with a default.
 * - `rules`: ordered conditional rules with an else branch.
 */
export type SourceKind = 'dont-map' | 'set-empty' | 'field' | 'value' | 'option' | 'mapping-set' | 'rules';

/** Every source kind, in the order an editor lists them. */
export const SOURCE_KINDS: readonly SourceKind[] = ['dont-map', 'set-empty', 'field', 'value', 'option', 'mapping-set', 'rules'];

/**
 * The value type of a target field. Mapped values are coerced to it:
 * `string` (text), `integer` (whole number), `decimal` (number in the currency's major unit, as
 * Amazon's APIs carry prices; services convert to integer minor units when they store money),
 * `datetime` (ISO 8601 text), `boolean`.
 */
export type TargetFieldType = 'string' | 'integer' | 'decimal' | 'datetime' | 'boolean';

/**
 * Whether a field is evaluated once per record or once per line item (get orders: one order,
 * many order items).
 */
export type TargetFieldScope = 'record' | 'line';

/** A scalar a template can hold as a constant. */
export type TemplateScalar = string | number | boolean;

/**
 * The definition of one target field of an operation: what a template may put there and how
 * the engine checks it.
 *
 * Why: one definition drives template validation at save time, coercion and error messages at
 * evaluation time, and a template editor's field list, so they cannot drift apart.
 */
export interface TargetFieldDefinition {
  /** Key in the template's `fields` object and in the mapped record (snake_case). */
  readonly key: string;
  /** Fully qualified name used in messages, e.g. `amazon.inventory_product.fulfillment_center_id`. */
  readonly name: string;
  /** Short human label for editors. */
  readonly label: string;
  /** What the field means and how Amazon or the platform uses it. */
  readonly description: string;
  /** Value type the mapped value is coerced to. */
  readonly type: TargetFieldType;
  /** A record without a value here gets an error and is not sent. */
  readonly required: boolean;
  /** Per record or per line item. */
  readonly scope: TargetFieldScope;
  /** Source kinds the template may use for this field (also checked on rule actions). */
  readonly sources: readonly SourceKind[];
  /** When present, the mapped value must be one of these (matched case-insensitively, output canonical). */
  readonly allowedValues?: readonly string[];
  /** Used when the field is mapped but the record yields no value. Never used for Don't Map. */
  readonly default?: TemplateScalar;
  /** Longest accepted text (string fields). */
  readonly maxLength?: number;
  /** Smallest accepted number (integer and decimal fields). */
  readonly min?: number;
  /** Largest accepted number (integer and decimal fields). */
  readonly max?: number;
}

/** The mapping operations that have templates. */
export type MappingOperation = 'publish' | 'sync' | 'get-orders' | 'sync-orders';

/** Every mapping operation. */
export const MAPPING_OPERATIONS: readonly MappingOperation[] = ['publish', 'sync', 'get-orders', 'sync-orders'];

/** The target fields of one operation and, for operations with line items, where lines come from. */
export interface OperationDefinition {
  /** The operation. */
  readonly operation: MappingOperation;
  /** Human label. */
  readonly label: string;
  /** Target fields in the order the mapped record lists them. */
  readonly fields: readonly TargetFieldDefinition[];
  /**
   * For operations with line-scoped fields: the default source path of the line array and the
   * key of the mapped lines in the output.
   */
  readonly lines?: { readonly defaultPath: string; readonly outputKey: 'lines' };
}
