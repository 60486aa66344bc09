import { SYSTEM_RUN, type JobOperation } from '@amazon-channel/contracts';

/** A schedule every authorized connection starts with (each editable or deletable afterwards). */
export interface DefaultSchedule {
  operation: JobOperation;
  interval: string;
}

/** Seed 002/003: orders every 15 minutes, listings every 30, links daily; import stays manual. */
export const DEFAULT_SCHEDULES: readonly DefaultSchedule[] = [
  { operation: 'get-orders', interval: 'PT15M' },
  { operation: 'sync-orders', interval: 'PT15M' },
  { operation: 'sync-listings', interval: 'PT30M' },
  { operation: 'link-listings', interval: 'P1D' },
];

/** The schedules of no tenant: PII redaction across every tenant and connection, daily. */
export const SYSTEM_SCHEDULES: ReadonlyArray<DefaultSchedule & { id: string; tenantId: string; connectionId: string }> = [
  // A fixed id: every tick seeds the same row, and it is found again after a restore.
  { id: '0c4f2d55-3f59-4b8a-9d6e-6a0e2a1b7c01', operation: 'pii-redaction', interval: 'P1D', ...SYSTEM_RUN },
];
