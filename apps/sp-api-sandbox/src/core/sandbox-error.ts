/**
 * Stable error codes of the sandbox's SP-API surface. Each maps to one HTTP status and is rendered
 * in Amazon's `{ "errors": [ { "code", "message", "details" } ] }` shape by {@link SpApiErrorFilter}.
 */
export enum SandboxErrorCode {
  InvalidInput = 'InvalidInput',
  Unauthorized = 'Unauthorized',
  NotFound = 'NotFound',
  MethodNotAllowed = 'MethodNotAllowed',
  QuotaExceeded = 'QuotaExceeded',
  UnsupportedMediaType = 'UnsupportedMediaType',
  RequestTooLarge = 'RequestEntityTooLarge',
  InternalFailure = 'InternalFailure',
  ServiceUnavailable = 'ServiceUnavailable',
}

const STATUS: Record<SandboxErrorCode, number> = {
  [SandboxErrorCode.InvalidInput]: 400,
  [SandboxErrorCode.Unauthorized]: 403,
  [SandboxErrorCode.NotFound]: 404,
  [SandboxErrorCode.MethodNotAllowed]: 405,
  [SandboxErrorCode.QuotaExceeded]: 429,
  [SandboxErrorCode.UnsupportedMediaType]: 415,
  [SandboxErrorCode.RequestTooLarge]: 413,
  [SandboxErrorCode.InternalFailure]: 500,
  [SandboxErrorCode.ServiceUnavailable]: 503,
};

/** The one error type of the sandbox's SP-API handlers; the filter turns it into Amazon's error body. */
export class SandboxError extends Error {
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
    readonly details = '',
  ) {
    super(message);
    this.name = 'SandboxError';
  }

  /** HTTP status Amazon uses for this code. */
  get status(): number {
    return STATUS[this.code];
  }

  /** 400 naming the offending field, as Amazon's validation errors do. */
  static invalid(field: string, message: string): SandboxError {
    return new SandboxError(SandboxErrorCode.InvalidInput, message, field);
  }

  static notFound(what: string): SandboxError {
    return new SandboxError(SandboxErrorCode.NotFound, `${what} not found.`, '');
  }

  /** Amazon's wording for a missing, wrong or expired `x-amz-access-token`. */
  static unauthorized(details: string): SandboxError {
    return new SandboxError(SandboxErrorCode.Unauthorized, 'Access to requested resource is denied.', details);
  }
}

/** The body Amazon returns for every error. */
export interface AmazonErrorBody {
  errors: Array<{ code: string; message: string; details: string }>;
}

/** Renders an error in Amazon's shape. */
export function errorBody(code: string, message: string, details = ''): AmazonErrorBody {
  return { errors: [{ code, message, details }] };
}
