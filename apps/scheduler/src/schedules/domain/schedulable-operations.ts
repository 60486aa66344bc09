import { isRunnable } from '../../job-runs/domain/runnable-operations';

/** Why an operation cannot be scheduled by a tenant, or null when it can. */
export type ScheduleRefusal = 'IMPORT_IS_MANUAL' | 'OPERATION_NOT_SCHEDULABLE' | 'OPERATION_NOT_RUNNABLE';

/**
 * Import Listings is manual only (seed 002); PII redaction runs as the system schedule only; an
 * operation no service runs yet would pile up REQUESTED runs, so it is refused too.
 */
export function scheduleRefusal(operation: string): ScheduleRefusal | null {
  if (operation === 'import-listings') return 'IMPORT_IS_MANUAL';
  if (!isRunnable(operation)) return 'OPERATION_NOT_RUNNABLE';
  if (operation === 'pii-redaction') return 'OPERATION_NOT_SCHEDULABLE';
  return null;
}
