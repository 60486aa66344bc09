import { v5 as uuidv5 } from 'uuid';
import { slotAfter, slotAtOrBefore, type ScheduleTiming } from './schedule-timing';

/** Namespace of due-run ids (a fixed random UUID: ids are only compared with each other). */
const DUE_RUN_NAMESPACE = '5b0f3c0e-7c1e-4d59-9a55-2f1f4c3a9e17';

/** What the tick needs of a schedule to decide its due run. */
export interface DueCandidate extends ScheduleTiming {
  id: string;
  anchorAt: Date;
  nextDueAt: Date;
}

/** The run a due schedule gets now, and when it is next due. */
export interface DueRun {
  scheduleId: string;
  /** The slot this run stands for: the latest one reached, so a schedule down for hours gets one catch-up run. */
  slotAt: Date;
  /** The same for every tick that decides this schedule and slot: concurrent ticks insert one row. */
  runId: string;
  nextDueAt: Date;
}

/** The id of a schedule's run for one slot: deterministic (uuid v5 of schedule id and slot). */
export function dueRunId(scheduleId: string, slotAt: Date): string {
  return uuidv5(`${scheduleId}@${slotAt.toISOString()}`, DUE_RUN_NAMESPACE);
}

/**
 * Decides a schedule's run at `now`: none before `nextDueAt`; otherwise one run for the latest slot
 * reached (however many were missed while no tick ran) and the first slot after `now` as the next due time.
 */
export function decideDueRun(schedule: DueCandidate, now: Date): DueRun | null {
  if (schedule.nextDueAt.getTime() > now.getTime()) return null;
  const slotAt = slotAtOrBefore(schedule, schedule.anchorAt, now) ?? schedule.nextDueAt;
  return { scheduleId: schedule.id, slotAt, runId: dueRunId(schedule.id, slotAt), nextDueAt: slotAfter(schedule, schedule.anchorAt, now) };
}

/**
 * When a new (or re-timed) schedule is first due: an interval schedule at its anchor (the next
 * tick, so a seller sees a first run at once), a cron schedule at its next firing.
 */
export function firstDueAt(timing: ScheduleTiming, anchor: Date, now: Date): Date {
  return timing.cron !== null ? slotAfter(timing, anchor, now) : anchor;
}

/** The minute `now` falls in: a new schedule's anchor. */
export function anchorFor(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}
