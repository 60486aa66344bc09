import { HttpStatus } from '@nestjs/common';

/** Stable codes of the connections module, each with its HTTP status. */
export const CONNECTION_ERRORS = {
  INVALID_REQUEST: HttpStatus.BAD_REQUEST,
  UNKNOWN_MARKETPLACE: HttpStatus.BAD_REQUEST,
  /** The marketplace is served by another region than the connection's credential. */
  MARKETPLACE_REGION_MISMATCH: HttpStatus.UNPROCESSABLE_ENTITY,
  /** The seller does not participate in the marketplace (Sellers API). */
  MARKETPLACE_NOT_PARTICIPATING: HttpStatus.UNPROCESSABLE_ENTITY,
  CONNECTION_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_STATUS_TRANSITION: HttpStatus.CONFLICT,
  /** The tenant already has a connection for this authorization and marketplace. */
  CONNECTION_EXISTS: HttpStatus.CONFLICT,
  /** No usable credential: pending, disabled, revoked or failed (the message says which). */
  CONNECTION_NOT_ACTIVE: HttpStatus.CONFLICT,
  /** LWA refused the refresh token (invalid_grant): the seller must authorize again. */
  CONNECTION_AUTH_FAILED: HttpStatus.CONFLICT,
  OAUTH_STATE_MISSING: HttpStatus.BAD_REQUEST,
  /** Not a state this service issued (forged or garbled). */
  OAUTH_STATE_INVALID: HttpStatus.BAD_REQUEST,
  OAUTH_STATE_EXPIRED: HttpStatus.BAD_REQUEST,
  OAUTH_STATE_REPLAYED: HttpStatus.CONFLICT,
  /** Issued by us, but for another flow or for a connection that no longer accepts it. */
  OAUTH_STATE_FOREIGN: HttpStatus.FORBIDDEN,
  /** The seller pressed Cancel on the consent page, or Amazon reported another OAuth error. */
  OAUTH_DENIED: HttpStatus.BAD_REQUEST,
  OAUTH_CODE_MISSING: HttpStatus.BAD_REQUEST,
  /** LWA refused the authorization code (used, expired, wrong redirect URI). */
  CODE_EXCHANGE_FAILED: HttpStatus.BAD_REQUEST,
  /** Amazon authorized another selling account than the connection expects. */
  SELLER_MISMATCH: HttpStatus.CONFLICT,
  SETUP_LINK_INVALID: HttpStatus.BAD_REQUEST,
  SETUP_LINK_EXPIRED: HttpStatus.GONE,
  CLAIM_CODE_INVALID: HttpStatus.BAD_REQUEST,
  /** LWA or SP-API did not answer usefully (5xx, timeout); retry later. */
  AMAZON_UNAVAILABLE: HttpStatus.BAD_GATEWAY,
} as const;

/** A code of {@link CONNECTION_ERRORS}. */
export type ConnectionErrorCode = keyof typeof CONNECTION_ERRORS;

/** A connections failure with a stable code; the filter maps it to its HTTP status (gRPC maps it too). */
export class ConnectionError extends Error {
  constructor(
    readonly code: ConnectionErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ConnectionError';
  }

  get status(): number {
    return CONNECTION_ERRORS[this.code];
  }
}
