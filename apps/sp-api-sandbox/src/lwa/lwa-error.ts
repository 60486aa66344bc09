/** OAuth 2.0 error codes Login with Amazon answers with. */
export enum LwaErrorCode {
  InvalidRequest = 'invalid_request',
  InvalidClient = 'invalid_client',
  InvalidGrant = 'invalid_grant',
  UnsupportedGrantType = 'unsupported_grant_type',
  InvalidScope = 'invalid_scope',
  UnauthorizedClient = 'unauthorized_client',
}

/** An LWA token-endpoint error, rendered as `{ error, error_description }` (not the SP-API shape). */
export class LwaError extends Error {
  constructor(
    readonly code: LwaErrorCode,
    readonly description: string,
  ) {
    super(description);
    this.name = 'LwaError';
  }

  /** invalid_client is 401 in OAuth 2.0 (RFC 6749 §5.2); the others are 400. */
  get status(): number {
    return this.code === LwaErrorCode.InvalidClient ? 401 : 400;
  }
}
