import { codedErrorBody, type ErrorBody } from '@amazon-channel/platform-observability';
import { HttpException } from '@nestjs/common';
import { PlatformHttpError } from './platform-http.error';

/** What the platform answers for an error: the status, the body, and whether it is a fault of ours to log. */
export interface ShapedError {
  status: number;
  /** An {@link ErrorBody}, except the health check's own result, which keeps terminus' documented shape. */
  body: ErrorBody | Record<string, unknown>;
  /** An error nobody raised on purpose (a 500): logged, and answered without its text. */
  unexpected: boolean;
}

/** Codes for the framework's own 4xx/5xx answers, which carry no code of their own. */
const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  410: 'GONE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

const INTERNAL_MESSAGE = 'Internal error';

/**
 * Turns anything a route threw (or the body parser, or the router) into one answer with a coded
 * body `{ code, message, details }`. Pure: the filter only writes what this returns.
 * - the platform's own input errors keep their code and field list;
 * - `HttpException`s with a `code` (modules, the jobs controller) keep it; the framework's uncoded
 *   ones (unknown route, ParseUUIDPipe, 413, 415) get a code from their status;
 * - body-parser errors: unparseable JSON is `MALFORMED_JSON`, too large 413, bad charset 415;
 * - everything else is a 500 `INTERNAL` whose text never leaves the service (a `QueryFailedError`
 *   would quote SQL and values): the caller gets the request id to quote instead.
 */
export function shapeHttpError(exception: unknown, requestId: string): ShapedError {
  if (exception instanceof PlatformHttpError) {
    return { status: exception.status, body: { code: exception.code, message: exception.message, details: exception.details }, unexpected: false };
  }
  if (exception instanceof HttpException) return shapeHttpException(exception, requestId);
  const parser = bodyParserError(exception);
  if (parser) return parser;
  return internal(requestId);
}

function shapeHttpException(exception: HttpException, requestId: string): ShapedError {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const record = response && typeof response === 'object' ? (response as Record<string, unknown>) : undefined;
  if (record && isHealthResult(record)) return { status, body: record, unexpected: false };
  if (record && typeof record.code === 'string') {
    const message = typeof record.message === 'string' ? record.message : exception.message;
    return { status, body: codedErrorBody(record.code, message, record.details), unexpected: false };
  }
  if (status >= 500)
    return status === 500
      ? internal(requestId)
      : { status, body: { code: STATUS_CODES[status] ?? 'INTERNAL', message: exception.message, details: [], requestId }, unexpected: false };
  const messages = record ? record.message : response;
  const message = Array.isArray(messages) ? messages.map(String).join('; ') : typeof messages === 'string' ? messages : exception.message;
  // Express' message for a path with a broken percent-encoding (`/listings/%FF`).
  if (status === 400 && /^Failed to decode param/.test(message))
    return { status, body: { code: 'INVALID_INPUT', message, details: [{ field: 'params', reason: 'not valid percent-encoding' }] }, unexpected: false };
  // ParseUUIDPipe's message; the platform's own id check normally answers first, naming the field.
  const code = status === 400 && /uuid is expected/i.test(message) ? 'INVALID_ID' : (STATUS_CODES[status] ?? `HTTP_${status}`);
  const details = Array.isArray(messages) ? messages.map((reason) => ({ field: 'body', reason: String(reason) })) : [];
  return { status, body: { code, message, details }, unexpected: false };
}

/** body-parser's errors: `{ type: 'entity.parse.failed', status: 400, expose: true, ... }`. */
function bodyParserError(exception: unknown): ShapedError | undefined {
  if (!exception || typeof exception !== 'object') return undefined;
  const error = exception as { type?: unknown; status?: unknown; statusCode?: unknown; message?: unknown; expose?: unknown };
  const status = typeof error.status === 'number' ? error.status : error.statusCode;
  if (typeof error.type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500 || error.expose !== true) return undefined;
  const message = typeof error.message === 'string' ? error.message.slice(0, 200) : 'The request body was refused';
  if (error.type === 'entity.parse.failed') {
    return {
      status: 400,
      body: { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON', details: [{ field: 'body', reason: message }] },
      unexpected: false,
    };
  }
  return { status, body: { code: STATUS_CODES[status] ?? `HTTP_${status}`, message, details: [{ field: 'body', reason: message }] }, unexpected: false };
}

/** terminus' `/health/ready` answer, `{ status, info, error, details }`, which probes and dashboards read as it is. */
function isHealthResult(record: Record<string, unknown>): boolean {
  return (record.status === 'error' || record.status === 'ok' || record.status === 'shutting_down') && typeof record.details === 'object' && 'info' in record;
}

function internal(requestId: string): ShapedError {
  return { status: 500, body: { code: 'INTERNAL', message: INTERNAL_MESSAGE, details: [], requestId }, unexpected: true };
}
