/**
 * Stable codes of the record-level errors and warnings evaluation reports. Values never change
 * meaning; new ones may be added.
 */
export const MappingIssueCode = {
  /** A required target field has no mapping (Don't Map, or rules that chose none). */
  MISSING_REQUIRED_MAPPING: 'MISSING_REQUIRED_MAPPING',
  /** A required target field is mapped but this record gives it no value. */
  REQUIRED_VALUE_MISSING: 'REQUIRED_VALUE_MISSING',
  /** The value has the wrong type for the target field (text for a number, an object for text, ...). */
  INVALID_TYPE: 'INVALID_TYPE',
  /** The value is not one of the target field's allowed values. */
  VALUE_NOT_ALLOWED: 'VALUE_NOT_ALLOWED',
  /** The number is below the field's minimum or above its maximum. */
  VALUE_OUT_OF_RANGE: 'VALUE_OUT_OF_RANGE',
  /** The text is longer than the field accepts. */
  VALUE_TOO_LONG: 'VALUE_TOO_LONG',
  /** Publish: a Product ID Type is given without a Product ID. */
  PRODUCT_ID_REQUIRED_FOR_TYPE: 'PRODUCT_ID_REQUIRED_FOR_TYPE',
  /** Publish: a Product ID is given without a Product ID Type. */
  PRODUCT_ID_TYPE_REQUIRED: 'PRODUCT_ID_TYPE_REQUIRED',
  /** Publish: the Product ID does not have the shape of its type (e.g. a UPC that is not 12 digits). */
  PRODUCT_ID_INVALID_FOR_TYPE: 'PRODUCT_ID_INVALID_FOR_TYPE',
  /** Get orders: an amount is mapped without the invoice currency. */
  CURRENCY_REQUIRED_FOR_AMOUNT: 'CURRENCY_REQUIRED_FOR_AMOUNT',
  /** The record is not an object. */
  RECORD_NOT_OBJECT: 'RECORD_NOT_OBJECT',
  /** Reading the record threw (e.g. a throwing getter or proxy). */
  RECORD_UNREADABLE: 'RECORD_UNREADABLE',
  /** The line-item path holds something other than a list. */
  LINES_INVALID: 'LINES_INVALID',
  /** More line items than {@link MAPPING_LIMITS.maxLinesPerRecord}; the rest were not mapped. */
  TOO_MANY_LINES: 'TOO_MANY_LINES',
  /** Warning: a condition note was given for a New item; Amazon does not accept it, so it was left out. */
  CONDITION_NOTE_IGNORED_FOR_NEW: 'CONDITION_NOTE_IGNORED_FOR_NEW',
  /** Warning: FBA offers get their quantity from Amazon, so a mapped quantity was left out. */
  QUANTITY_IGNORED_FOR_FBA: 'QUANTITY_IGNORED_FOR_FBA',
  /** Warning: a mapping set had no row for the value and no default. */
  MAPPING_SET_NO_MATCH: 'MAPPING_SET_NO_MATCH',
  /** Warning: text too long for a `matches` condition; the condition was treated as not matching. */
  REGEX_INPUT_TOO_LONG: 'REGEX_INPUT_TOO_LONG',
  /** Warning: the record has no line items. */
  NO_LINE_ITEMS: 'NO_LINE_ITEMS',
} as const;

/** One of {@link MappingIssueCode}. */
export type MappingIssueCode = (typeof MappingIssueCode)[keyof typeof MappingIssueCode];

/** Whether an issue stops the record (error) or only informs (warning). */
export type MappingIssueSeverity = 'error' | 'warning';

/** A record-level error or warning, naming the target field it concerns. */
export interface MappingIssue {
  readonly code: MappingIssueCode;
  readonly severity: MappingIssueSeverity;
  /** Qualified target field name (e.g. `amazon.inventory_product.price`), or `record` for the whole record. */
  readonly field: string;
  /** Target field key in the template, when the issue concerns one field. */
  readonly key?: string;
  /** Line item index (get orders), when the issue concerns a line. */
  readonly line?: number;
  /** Source path read, when one was. */
  readonly sourcePath?: string;
  /** Message a seller can act on. */
  readonly message: string;
}
