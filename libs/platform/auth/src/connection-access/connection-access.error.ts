/**
 * Stable codes of {@link ConnectionAccessClientError}:
 * - `CONNECTION_NOT_FOUND`: auth-connections has no such connection (404), or it belongs to
 *   another tenant than the caller named.
 * - `ACCESS_TOKEN_UNAVAILABLE`: auth-connections answered but gave no token (revoked or failed
 *   authorization, inactive connection, Amazon down, refused internal token, unreadable body).
 * - `AUTH_CONNECTIONS_UNREACHABLE`: no answer at all (connection refused, timeout).
 */
export type ConnectionAccessErrorCode = 'CONNECTION_NOT_FOUND' | 'ACCESS_TOKEN_UNAVAILABLE' | 'AUTH_CONNECTIONS_UNREACHABLE';

/**
 * Getting a connection's access token from auth-connections failed. The message is
 * seller-readable and never holds a token; `upstreamCode` and `status` are auth-connections'
 * own error code and HTTP status when it answered.
 */
export class ConnectionAccessClientError extends Error {
  constructor(
    readonly code: ConnectionAccessErrorCode,
    message: string,
    readonly details: { connectionId: string; status?: number; upstreamCode?: string },
  ) {
    super(message);
    this.name = 'ConnectionAccessClientError';
  }
}
