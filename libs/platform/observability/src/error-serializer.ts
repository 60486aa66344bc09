/** What a logged error keeps: enough to find the fault, nothing a query was given. */
export interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  /** SQLSTATE of a database error (`23505`, `22P02`, ...); not `code`, which the log redaction blanks (OAuth codes). */
  sqlState?: string;
  /** Any other error's own code (`ECONNREFUSED`, a module code). */
  errorCode?: string;
  table?: string;
  column?: string;
  constraint?: string;
  cause?: LoggedError;
}

/**
 * An error as it may be logged. TypeORM's `QueryFailedError` carries the SQL text, its
 * `parameters` and the driver error (whose `detail` quotes row values, "Key (email)=(...)"); those
 * values can be buyer data or secrets, so only the type, message, SQLSTATE, table, column,
 * constraint and stack are kept. PostgreSQL quotes the offending value in the message of data
 * exceptions (SQLSTATE class 22: `invalid input syntax for type uuid: "..."`), so that part is
 * cut too. Used as pino's `err` serializer, the net under every logger call.
 */
export function serializeError(input: unknown, depth = 0): LoggedError {
  // pino-http hands custom serializers the std-serialized error, which keeps the original as `raw`.
  const error = input && typeof input === 'object' && 'raw' in input ? (input as { raw: unknown }).raw : input;
  if (!(error instanceof Error)) {
    const record = error && typeof error === 'object' ? (error as Record<string, unknown>) : {};
    return {
      type: typeof record.type === 'string' ? record.type : typeof error,
      message: typeof error === 'string' ? error : typeof record.message === 'string' ? record.message : 'non-Error value thrown',
    };
  }
  const source = error as Error & Record<string, unknown>;
  const driver = (source.driverError && typeof source.driverError === 'object' ? source.driverError : source) as Record<string, unknown>;
  const code = typeof driver.code === 'string' ? driver.code : typeof source.code === 'string' ? source.code : undefined;
  const database = isDatabaseError(source, driver);
  const out: LoggedError = {
    type: source.constructor?.name ?? source.name,
    message: database && code?.startsWith('22') ? cutQuotedValue(error.message) : error.message,
    ...(error.stack
      ? { stack: database && code?.startsWith('22') ? replaceFirstLine(error.stack, `${source.name}: ${cutQuotedValue(error.message)}`) : error.stack }
      : {}),
  };
  if (code && database) out.sqlState = code;
  else if (code) out.errorCode = code;
  if (database) {
    for (const key of ['table', 'column', 'constraint'] as const) if (typeof driver[key] === 'string') out[key] = driver[key];
  }
  if (source.cause !== undefined && depth < 3) out.cause = serializeError(source.cause, depth + 1);
  return out;
}

function isDatabaseError(source: Record<string, unknown>, driver: Record<string, unknown>): boolean {
  return 'query' in source || 'parameters' in source || 'driverError' in source || ('severity' in driver && 'code' in driver);
}

/** `invalid input syntax for type uuid: "x"` → `invalid input syntax for type uuid: [REDACTED]`. */
function cutQuotedValue(message: string): string {
  const colon = message.indexOf(': ');
  return colon === -1 ? message : `${message.slice(0, colon)}: [REDACTED]`;
}

function replaceFirstLine(stack: string, line: string): string {
  const newline = stack.indexOf('\n');
  return newline === -1 ? line : `${line}${stack.slice(newline)}`;
}
