import { anchorFor, firstDueAt } from './due-run';
import { scheduleRefusal, type ScheduleRefusal } from './schedulable-operations';
import { timingIssues, type ScheduleTiming, type TimingIssue } from './schedule-timing';

/** The timing fields a create or an update gives (absent: unchanged; null: cleared). */
export interface TimingInput {
  interval?: string | null;
  cron?: string | null;
  timeZone?: string;
  enabled?: boolean;
}

/** A schedule's stored timing, as an update starts from. */
export interface StoredTiming extends ScheduleTiming {
  enabled: boolean;
  anchorAt: Date;
  nextDueAt: Date;
}

/** What to store, or why not. */
export type SchedulePlan =
  | { ok: true; values: StoredTiming }
  | { ok: false; code: TimingIssue['code'] | ScheduleRefusal; message: string; issues: Array<{ field: string; reason: string }> };

/** Decides a new schedule: the operation must be schedulable by a tenant and the timing valid. */
export function planNewSchedule(operation: string, input: TimingInput, now: Date): SchedulePlan {
  const refusal = scheduleRefusal(operation);
  if (refusal)
    return {
      ok: false,
      code: refusal,
      message: refusalMessage(refusal, operation),
      issues: [{ field: 'operation', reason: refusalMessage(refusal, operation) }],
    };
  const timing: ScheduleTiming = { interval: input.interval ?? null, cron: input.cron ?? null, timeZone: input.timeZone ?? 'UTC' };
  return withTiming(timing, input.enabled ?? true, now);
}

/**
 * Decides an update: giving an interval clears the cron and the reverse; a new timing starts from
 * now (new anchor, first due time), while turning a schedule off and on keeps its due time (so it
 * gets one catch-up run, not one per missed slot).
 */
export function planUpdate(stored: StoredTiming, input: TimingInput, now: Date): SchedulePlan {
  const retimed = input.interval !== undefined || input.cron !== undefined || input.timeZone !== undefined;
  if (!retimed) return { ok: true, values: { ...stored, enabled: input.enabled ?? stored.enabled } };
  const timing: ScheduleTiming = {
    interval: input.interval !== undefined ? input.interval : input.cron != null ? null : stored.interval,
    cron: input.cron !== undefined ? input.cron : input.interval != null ? null : stored.cron,
    timeZone: input.timeZone ?? stored.timeZone,
  };
  return withTiming(timing, input.enabled ?? stored.enabled, now);
}

function withTiming(timing: ScheduleTiming, enabled: boolean, now: Date): SchedulePlan {
  const issues = timingIssues(timing, now);
  if (issues.length) {
    return {
      ok: false,
      code: issues[0].code,
      message: issues.map((i) => `${i.field}: ${i.reason}`).join('; '),
      issues: issues.map(({ field, reason }) => ({ field, reason })),
    };
  }
  const anchorAt = anchorFor(now);
  return { ok: true, values: { ...timing, enabled, anchorAt, nextDueAt: firstDueAt(timing, anchorAt, now) } };
}

function refusalMessage(refusal: ScheduleRefusal, operation: string): string {
  switch (refusal) {
    case 'IMPORT_IS_MANUAL':
      return 'import-listings is started by hand only (POST /connections/{connectionId}/jobs/import-listings on listings)';
    case 'OPERATION_NOT_SCHEDULABLE':
      return `${operation} runs as a system schedule for every tenant; it cannot be scheduled per connection`;
    case 'OPERATION_NOT_RUNNABLE':
      return `no service runs ${operation}`;
  }
}
