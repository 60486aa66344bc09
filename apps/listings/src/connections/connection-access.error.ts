/** Stable codes of the connection-access module. */
export type ConnectionAccessErrorCode = 'AUTH_CONNECTIONS_UNREACHABLE' | 'CONNECTION_NOT_FOUND' | 'ACCESS_TOKEN_UNAVAILABLE';

/** Getting a connection's seller account or access token failed; the message is seller-readable. */
export class ConnectionAccessError extends Error {
  constructor(
    readonly code: ConnectionAccessErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionAccessError';
  }
}
