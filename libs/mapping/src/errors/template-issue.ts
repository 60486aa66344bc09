/**
 * Stable codes of the faults that stop a template from being saved (and of the advisories that
 * do not). Values never change meaning; new ones may be added.
 */
export const TemplateIssueCode = {
  /** The document does not have the template shape (wrong type, unknown key, missing member). */
  SCHEMA_INVALID: 'SCHEMA_INVALID',
  /** A documented size limit ({@link MAPPING_LIMITS}) is exceeded. */
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  /** `fields` names a target field the operation does not have. */
  UNKNOWN_TARGET_FIELD: 'UNKNOWN_TARGET_FIELD',
  /** The source kind is not offered for this target field (e.g. Option on a free-text field). */
  SOURCE_NOT_ALLOWED: 'SOURCE_NOT_ALLOWED',
  /** A source path is malformed or uses a reserved property name. */
  INVALID_PATH: 'INVALID_PATH',
  /** A `matches` pattern is not a valid regular expression. */
  INVALID_REGEX: 'INVALID_REGEX',
  /** A `matches` pattern nests quantifiers and could take exponential time. */
  UNSAFE_REGEX: 'UNSAFE_REGEX',
  /** A source refers to a mapping set the template does not define. */
  UNKNOWN_MAPPING_SET: 'UNKNOWN_MAPPING_SET',
  /** A mapping set lists the same key twice (after case folding when `ignoreCase`). */
  DUPLICATE_MAPPING_ENTRY: 'DUPLICATE_MAPPING_ENTRY',
  /** A mapping set sets both `default` and `passThrough`. */
  CONFLICTING_FALLBACK: 'CONFLICTING_FALLBACK',
  /** A constant is not one of the target field's allowed values. */
  VALUE_NOT_ALLOWED: 'VALUE_NOT_ALLOWED',
  /** A constant does not fit the target field's type or range. */
  INVALID_VALUE: 'INVALID_VALUE',
  /** A rule's conditions contradict each other (or test an empty list / empty `any`). */
  NEVER_MATCHES: 'NEVER_MATCHES',
  /** A rule (or else branch) is shadowed by an earlier rule that always or identically matches. */
  UNREACHABLE_RULE: 'UNREACHABLE_RULE',
  /** The template is for another operation than the caller asked for. */
  OPERATION_MISMATCH: 'OPERATION_MISMATCH',
  /** `lines` is given for an operation without line items. */
  LINES_NOT_SUPPORTED: 'LINES_NOT_SUPPORTED',
  /** Advisory: a required target field is left unmapped; every record will fail until it is mapped. */
  REQUIRED_FIELD_UNMAPPED: 'REQUIRED_FIELD_UNMAPPED',
  /** Advisory: a mapping set no field uses. */
  UNUSED_MAPPING_SET: 'UNUSED_MAPPING_SET',
} as const;

/** One of {@link TemplateIssueCode}. */
export type TemplateIssueCode = (typeof TemplateIssueCode)[keyof typeof TemplateIssueCode];

/** A fault (or advisory) in a template, located by JSON path. */
export interface TemplateIssue {
  readonly code: TemplateIssueCode;
  /** JSON path of the faulty node, e.g. `$.fields.product_id.rules[0].when.conditions[1].pattern`. */
  readonly path: string;
  /** Message a seller can act on. */
  readonly message: string;
}

/**
 * Thrown by {@link compileTemplate} when a template cannot be saved.
 *
 * Why one error with every issue: an editor should show all faults at once, not one per save
 * attempt. `code` is the first issue's code so callers that only branch on one code still can.
 */
export class MappingTemplateError extends Error {
  /** Code of the first issue. */
  readonly code: TemplateIssueCode;
  /** Every fault found, in document order. */
  readonly issues: readonly TemplateIssue[];

  constructor(issues: readonly TemplateIssue[]) {
    const first = issues[0] ?? { code: TemplateIssueCode.SCHEMA_INVALID, path: '$', message: 'Invalid mapping template' };
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`Invalid mapping template at ${first.path}: ${first.message}${more}`);
    this.name = 'MappingTemplateError';
    this.code = first.code;
    this.issues = issues.length > 0 ? issues : [first];
  }
}
