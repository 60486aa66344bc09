/** Settings of the connections projection. */
export interface ConnectionsProjectionOptions {
  /** The service's name. */
  serviceName: string;
  /** Base URL of auth-connections, for the rebuild (`AUTH_CONNECTIONS_URL`). */
  authConnectionsUrl: string;
  /** Sent as `x-internal-token`. */
  internalToken: string;
  /** Rows asked per page of the rebuild (default 500). */
  pageSize?: number;
  /** First and longest wait between rebuild attempts while auth-connections is down. */
  retryInitialMs?: number;
  retryMaxMs?: number;
}

/** DI token of {@link ConnectionsProjectionOptions}. */
export const CONNECTIONS_PROJECTION_OPTIONS = Symbol('CONNECTIONS_PROJECTION_OPTIONS');
