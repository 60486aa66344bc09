/** Codes of {@link TemplatesError}, each with its HTTP status. */
export const TEMPLATES_ERRORS = {
  /** The template has faults; `details` lists each with its JSON path and libs/mapping issue code. */
  INVALID_TEMPLATE: 400,
  /** The request (not the template) is malformed: a preview without a record, a bad `If-Match`. */
  INVALID_REQUEST: 400,
  /** The service runs no such operation (listings: publish-listings, sync-listings; orders: get-orders; ...). */
  TEMPLATE_OPERATION_NOT_FOUND: 404,
  /** `If-Match` names another version than the saved one: somebody saved (or reset) in between. */
  TEMPLATE_VERSION_CONFLICT: 409,
  /** A template saved earlier no longer validates (libs/mapping changed); the seller must save it again. */
  SAVED_TEMPLATE_INVALID: 409,
} as const;

/** One of {@link TEMPLATES_ERRORS}' codes. */
export type TemplatesErrorCode = keyof typeof TEMPLATES_ERRORS;

/** One fault of a template or request: `field` is a JSON path (`$.fields.price.rules[0].when.op`). */
export interface TemplateFieldIssue {
  field: string;
  reason: string;
  /** libs/mapping's issue code (`UNKNOWN_TARGET_FIELD`, `SOURCE_NOT_ALLOWED`, ...), when the fault is the template's. */
  code?: string;
}

/**
 * The templates module's coded error; {@link TemplatesErrorFilter} answers it in the shared
 * `{ code, message, details: [{ field, reason }], context? }` shape. Job code catches it too
 * (a saved template that no longer compiles ends the run with its message).
 */
export class TemplatesError extends Error {
  constructor(
    readonly code: TemplatesErrorCode,
    message: string,
    readonly details: TemplateFieldIssue[] = [],
    readonly context?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'TemplatesError';
  }

  get status(): number {
    return TEMPLATES_ERRORS[this.code];
  }
}
