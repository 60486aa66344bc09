/** One problem with one input field: `field` is a path such as `body.name`, `query.cursor` or `params.connectionId`. */
export interface FieldIssue {
  field: string;
  reason: string;
}

/**
 * The one error body every service answers with, whatever raised the error: a module's coded
 * error, the platform's input checks, the framework (unknown route, payload too large) or an
 * unexpected failure (500, with the request id to find its log line).
 */
export interface ErrorBody {
  code: string;
  message: string;
  /** The fields at fault; empty when the error is not about a field. */
  details: FieldIssue[];
  /** Ids and states that help the caller act (an open job's id, a connection's status); never a field problem. */
  context?: Record<string, unknown>;
  /** On 500s: the correlation id of the request, which its log lines carry. */
  requestId?: string;
}

/**
 * Shapes a module's coded error (`code`, `message`, and its free-form `details` record) into an
 * {@link ErrorBody}. Field problems become `details` entries, whichever way the module spelt them
 * (`{ field }`, `{ issues: [{ path, message }] }` or already `[{ field, reason }]`); every other key
 * (`jobId`, `status`, ...) moves to `context`, so a client reads one shape from every service.
 * @example res.status(400).json(codedErrorBody('INVALID_REQUEST', 'name is required', { field: 'name' }))
 */
export function codedErrorBody(code: string, message: string, details?: unknown): ErrorBody {
  const issues: FieldIssue[] = [];
  const context: Record<string, unknown> = {};
  if (Array.isArray(details)) {
    issues.push(...details.flatMap((entry) => toIssue(entry, message)));
  } else if (details && typeof details === 'object') {
    for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
      if (key === 'field' && typeof value === 'string') issues.push({ field: value, reason: reasonOf(details as Record<string, unknown>, message) });
      else if ((key === 'issues' || key === 'fields') && Array.isArray(value)) issues.push(...value.flatMap((entry) => toIssue(entry, message)));
      else if (key !== 'reason') context[key] = value;
    }
  }
  return { code, message, details: issues, ...(Object.keys(context).length ? { context } : {}) };
}

function reasonOf(details: Record<string, unknown>, fallback: string): string {
  return typeof details.reason === 'string' ? details.reason : fallback;
}

function toIssue(entry: unknown, fallback: string): FieldIssue[] {
  if (!entry || typeof entry !== 'object') return [];
  const record = entry as Record<string, unknown>;
  const field = [record.field, record.path].find((value) => typeof value === 'string' || Array.isArray(value));
  if (field === undefined) return [];
  const reason = [record.reason, record.message].find((value) => typeof value === 'string') as string | undefined;
  return [{ field: Array.isArray(field) ? field.join('.') : String(field), reason: reason ?? fallback }];
}
