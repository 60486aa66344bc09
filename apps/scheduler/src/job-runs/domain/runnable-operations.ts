import type { JobOperation } from '@amazon-channel/contracts';

/**
 * The operations some service has a job handler for today. The contracts name more (publish,
 * sync...); a request for one of those would sit REQUESTED forever, so it is refused with 400.
 * Add an operation here when its handler ships.
 */
export const RUNNABLE_OPERATIONS: readonly JobOperation[] = ['import-listings', 'link-listings', 'get-orders', 'pii-redaction'];

/** Whether a run of `operation` can be requested. */
export function isRunnable(operation: string): operation is JobOperation {
  return (RUNNABLE_OPERATIONS as readonly string[]).includes(operation);
}
