import type { JobOperation } from './enums';

/**
 * A job run across every tenant and connection (PII retention), asked for by the scheduler's
 * command line only: the HTTP API refuses {@link SYSTEM_RUN}'s connection id, so no tenant's call
 * can request one. The owning service reads the pair with {@link isSystemRun}.
 */
export const SYSTEM_RUN = { tenantId: 'system', connectionId: '*' } as const;

/** The operations that may run as a system run. */
export const SYSTEM_RUN_OPERATIONS: readonly JobOperation[] = ['pii-redaction'];

/** Whether a run (job run, queued job) is the system run rather than one tenant's connection. */
export function isSystemRun(run: { tenantId: string; connectionId: string }): boolean {
  return run.tenantId === SYSTEM_RUN.tenantId && run.connectionId === SYSTEM_RUN.connectionId;
}
