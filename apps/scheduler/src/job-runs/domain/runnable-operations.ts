import type { JobOperation } from '@amazon-channel/contracts';

/**
 * The operations some service has a job handler for. A request for any other would sit REQUESTED
 * forever, so it is refused with 400. publish-listings, sync-listings and sync-orders are listed as
 * their handlers land (issue 17: the write-path issues register here); a run no service picks up
 * still ends FAILED NOT_STARTED after the tick's bound.
 */
export const RUNNABLE_OPERATIONS: readonly JobOperation[] = [
  'import-listings',
  'link-listings',
  'publish-listings',
  'sync-listings',
  'get-orders',
  'sync-orders',
  'pii-redaction',
];

/** Whether a run of `operation` can be requested. */
export function isRunnable(operation: string): operation is JobOperation {
  return (RUNNABLE_OPERATIONS as readonly string[]).includes(operation);
}
