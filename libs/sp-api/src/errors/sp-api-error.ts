/**
 * Stable codes for every failure the SP-API client reports. Callers branch on these (and on
 * `status`), never on message text.
 */
export enum SpApiErrorCode {
  /** Amazon answered with a non-2xx status that is not one of the cases below. */
  HttpError = 'HTTP_ERROR',
  /** 429 after the bounded retries were used up. */
  Throttled = 'THROTTLED',
  /** 403 from Amazon: access denied, missing role, or a token that stayed invalid after one refresh. */
  Forbidden = 'FORBIDDEN',
  /** LWA rejected the refresh token (`invalid_grant`): the seller revoked or the token expired. */
  AuthorizationRevoked = 'AUTHORIZATION_REVOKED',
  /** LWA rejected a request for another reason (bad client credentials, used auth code, ...). */
  LwaRequestFailed = 'LWA_REQUEST_FAILED',
  /** The request did not complete in time. */
  Timeout = 'TIMEOUT',
  /** Connection-level failure (DNS, reset, TLS) before an HTTP status arrived. */
  Network = 'NETWORK',
  /** A response body could not be parsed as the operation promises. */
  InvalidResponse = 'INVALID_RESPONSE',
  /** A report ended CANCELLED or FATAL, or polling gave up. */
  ReportFailed = 'REPORT_FAILED',
  /** A feed ended CANCELLED or FATAL, or polling gave up. */
  FeedFailed = 'FEED_FAILED',
  /** A document download/upload to the pre-signed URL failed. */
  DocumentTransferFailed = 'DOCUMENT_TRANSFER_FAILED',
  /** The caller passed arguments or configuration the client cannot use. */
  InvalidArgument = 'INVALID_ARGUMENT',
}

/** One entry of Amazon's `errors` array. */
export interface AmazonErrorEntry {
  code: string;
  message: string;
  details?: string;
}

/** Constructor input for {@link SpApiError}. */
export interface SpApiErrorInit {
  code: SpApiErrorCode;
  message: string;
  operation?: string;
  status?: number;
  requestId?: string;
  amazonCode?: string;
  amazonMessage?: string;
  details?: string;
  errors?: AmazonErrorEntry[];
  retryable?: boolean;
  /** Internal cause; kept off `toJSON` so a logger never serialises transport internals. */
  cause?: unknown;
}

/**
 * The single error type of `@amazon-channel/sp-api`.
 *
 * Why: services map `code` to HTTP statuses / DLQ decisions, and support needs Amazon's request id.
 * The message is built by this library and never contains access tokens, refresh tokens, client
 * secrets or pre-signed URLs; `toJSON` emits only those safe fields so structured loggers that
 * serialise errors cannot leak anything either.
 */
export class SpApiError extends Error {
  /** Stable, machine-readable reason. */
  readonly code: SpApiErrorCode;
  /** Operation key such as `listings.patchListingsItem`, when the error belongs to a call. */
  readonly operation?: string;
  /** HTTP status from Amazon or LWA, when one arrived. */
  readonly status?: number;
  /** `x-amzn-RequestId` of the failing response (quote it to Amazon support). */
  readonly requestId?: string;
  /** Amazon's first error `code` (informational: Amazon uses free strings, branch on `status`). */
  readonly amazonCode?: string;
  /** Amazon's first error `message`. */
  readonly amazonMessage?: string;
  /** Amazon's first error `details`. */
  readonly details?: string;
  /** All entries of Amazon's `errors` array. */
  readonly errors: AmazonErrorEntry[];
  /** Whether retrying later could succeed (429, 5xx, network). */
  readonly retryable: boolean;

  constructor(init: SpApiErrorInit) {
    super(init.message);
    this.name = 'SpApiError';
    this.code = init.code;
    this.operation = init.operation;
    this.status = init.status;
    this.requestId = init.requestId;
    this.amazonCode = init.amazonCode;
    this.amazonMessage = init.amazonMessage;
    this.details = init.details;
    this.errors = init.errors ?? [];
    this.retryable = init.retryable ?? false;
    if (init.cause !== undefined) {
      Object.defineProperty(this, 'cause', { value: init.cause, enumerable: false, configurable: true });
    }
  }

  /** Safe serialisation for loggers: no cause, no headers, no tokens. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      operation: this.operation,
      status: this.status,
      requestId: this.requestId,
      amazonCode: this.amazonCode,
      amazonMessage: this.amazonMessage,
      details: this.details,
      errors: this.errors,
      retryable: this.retryable,
    };
  }
}

/**
 * LWA answered `invalid_grant` to a refresh-token grant: the seller's authorization is gone
 * (revoked in Seller Central, expired after 365 days, or the token is wrong).
 *
 * Why a subclass: auth-connections must mark the connection "re-authorization needed" instead of
 * retrying, and `instanceof` makes that branch impossible to miss.
 */
export class AuthorizationRevokedError extends SpApiError {
  constructor(init: Omit<SpApiErrorInit, 'code' | 'message'> & { message?: string }) {
    super({
      ...init,
      code: SpApiErrorCode.AuthorizationRevoked,
      message: init.message ?? 'Login with Amazon rejected the refresh token (invalid_grant): the seller must authorize again',
      retryable: false,
    });
    this.name = 'AuthorizationRevokedError';
  }
}

/** Removes the query string (pre-signed signatures, tokens) from a URL before it goes into a message. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : `${url.slice(0, q)}?<redacted>`;
}
