import { DEFAULT_SCHEDULES, SYSTEM_SCHEDULES } from './default-schedules';
import { scheduleRefusal } from './schedulable-operations';
import { scheduleState } from './schedule-state';
import { timingIssues } from './schedule-timing';

describe('schedulable operations', () => {
  it.each([
    ['import-listings', 'IMPORT_IS_MANUAL'],
    ['pii-redaction', 'OPERATION_NOT_SCHEDULABLE'],
    ['reindex-everything', 'OPERATION_NOT_RUNNABLE'],
    ['get-orders', null],
    ['sync-orders', null],
    ['sync-listings', null],
    ['publish-listings', null],
    ['link-listings', null],
  ])('%s → %s', (operation, refusal) => {
    expect(scheduleRefusal(operation)).toBe(refusal);
  });
});

describe('schedule state', () => {
  it.each([
    [true, 'ACTIVE', false, { state: 'ACTIVE', pausedReason: null }],
    [true, 'AUTH_FAILED', false, { state: 'PAUSED', pausedReason: 'CONNECTION_AUTH_FAILED' }],
    [true, 'REVOKED', false, { state: 'PAUSED', pausedReason: 'CONNECTION_REVOKED' }],
    [true, 'PENDING_AUTHORIZATION', false, { state: 'PAUSED', pausedReason: 'CONNECTION_PENDING_AUTHORIZATION' }],
    [true, null, false, { state: 'PAUSED', pausedReason: 'CONNECTION_UNKNOWN' }],
    [false, 'ACTIVE', false, { state: 'DISABLED', pausedReason: null }],
    [true, null, true, { state: 'ACTIVE', pausedReason: null }],
  ])('enabled=%s, connection %s, system=%s', (enabled, status, system, expected) => {
    expect(scheduleState(enabled, status, system)).toEqual(expected);
  });
});

describe('default schedules', () => {
  it('are the seeds: get-orders and sync-orders every 15 minutes, sync-listings every 30, link-listings daily, no import', () => {
    expect(DEFAULT_SCHEDULES).toEqual([
      { operation: 'get-orders', interval: 'PT15M' },
      { operation: 'sync-orders', interval: 'PT15M' },
      { operation: 'sync-listings', interval: 'PT30M' },
      { operation: 'link-listings', interval: 'P1D' },
    ]);
  });

  it('are all valid and schedulable, and PII redaction is a daily system schedule', () => {
    for (const d of DEFAULT_SCHEDULES) {
      expect(timingIssues({ interval: d.interval, cron: null, timeZone: 'UTC' })).toEqual([]);
      expect(scheduleRefusal(d.operation)).toBeNull();
    }
    expect(SYSTEM_SCHEDULES).toEqual([expect.objectContaining({ operation: 'pii-redaction', interval: 'P1D', tenantId: 'system', connectionId: '*' })]);
  });
});
