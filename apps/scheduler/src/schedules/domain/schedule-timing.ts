import { CronExpressionParser } from 'cron-parser';
import { DateTime, Duration, IANAZone } from 'luxon';

/** When a schedule fires: an ISO 8601 interval from its anchor, or a cron expression, in a time zone. */
export interface ScheduleTiming {
  interval: string | null;
  cron: string | null;
  timeZone: string;
}

/** One problem with a schedule's timing, naming the body field at fault. */
export interface TimingIssue {
  code: 'INVALID_TIMING' | 'INTERVAL_TOO_SHORT' | 'CRON_INVALID' | 'CRON_NEVER_FIRES' | 'CRON_TOO_FREQUENT' | 'UNKNOWN_TIME_ZONE';
  field: 'interval' | 'cron' | 'timeZone';
  reason: string;
}

/** The shortest period between two runs: a tick runs every minute, so anything shorter would only pile up SKIPPED runs. */
export const MIN_PERIOD_MS = 60_000;
/** A cron whose next firing is further away than this never fires in practice (`0 0 30 2 *`). */
const NEVER_HORIZON_YEARS = 5;
/** Consecutive firings checked for a gap under {@link MIN_PERIOD_MS} (a seconds field fires several times a minute). */
const FREQUENCY_SAMPLES = 12;

/**
 * The faults of a schedule's timing, empty when it is valid: exactly one of interval or cron, an
 * interval of at least a minute, a cron that fires at all and not more than once a minute, a
 * known IANA time zone.
 */
export function timingIssues(timing: ScheduleTiming, now: Date = new Date()): TimingIssue[] {
  const issues: TimingIssue[] = [];
  if (!IANAZone.isValidZone(timing.timeZone)) {
    issues.push({ code: 'UNKNOWN_TIME_ZONE', field: 'timeZone', reason: `${timing.timeZone} is not an IANA time zone` });
  }
  if ((timing.interval === null) === (timing.cron === null)) {
    const field = timing.interval === null ? 'interval' : 'cron';
    issues.push({ code: 'INVALID_TIMING', field, reason: 'give exactly one of interval and cron' });
    return issues;
  }
  if (timing.interval !== null) {
    const duration = Duration.fromISO(timing.interval);
    if (!duration.isValid) issues.push({ code: 'INVALID_TIMING', field: 'interval', reason: `${timing.interval} is not an ISO 8601 duration` });
    else if (approximateMs(duration) < MIN_PERIOD_MS)
      issues.push({ code: 'INTERVAL_TOO_SHORT', field: 'interval', reason: `${timing.interval} is shorter than one minute` });
    return issues;
  }
  if (issues.length) return issues; // a cron cannot be checked without its zone
  issues.push(...cronIssues(timing.cron as string, timing.timeZone, now));
  return issues;
}

function cronIssues(cron: string, timeZone: string, now: Date): TimingIssue[] {
  let firings: Date[];
  try {
    const expression = CronExpressionParser.parse(cron, { tz: timeZone, currentDate: now });
    firings = Array.from({ length: FREQUENCY_SAMPLES }, () => expression.next().toDate());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // cron-parser reports an impossible date (30 February, 31 April) with this wording.
    if (/explicit day of month|Invalid explicit/i.test(message) || /Out of the time span range/i.test(message)) {
      return [{ code: 'CRON_NEVER_FIRES', field: 'cron', reason: `${cron} never fires (${message})` }];
    }
    return [{ code: 'CRON_INVALID', field: 'cron', reason: `${cron} is not a cron expression (${message})` }];
  }
  if (firings[0].getTime() - now.getTime() > NEVER_HORIZON_YEARS * 366 * 86_400_000) {
    return [{ code: 'CRON_NEVER_FIRES', field: 'cron', reason: `${cron} does not fire within ${NEVER_HORIZON_YEARS} years` }];
  }
  for (let i = 1; i < firings.length; i++) {
    if (firings[i].getTime() - firings[i - 1].getTime() < MIN_PERIOD_MS) {
      return [{ code: 'CRON_TOO_FREQUENT', field: 'cron', reason: `${cron} fires more than once a minute` }];
    }
  }
  return [];
}

/** A duration's length in ms, months as 30 days (only used to bound and estimate; slots use calendar arithmetic). */
function approximateMs(duration: Duration): number {
  return duration.as('milliseconds');
}

/**
 * The latest slot at or before `now` (null when the schedule has not reached its first slot).
 * Interval slots are `anchor + k × interval` in the schedule's time zone (so P1D keeps its local
 * hour across daylight saving); cron slots are the expression's firings.
 */
export function slotAtOrBefore(timing: ScheduleTiming, anchor: Date, now: Date): Date | null {
  if (timing.cron !== null) {
    const expression = CronExpressionParser.parse(timing.cron, { tz: timing.timeZone, currentDate: new Date(now.getTime() + 1) });
    const slot = expression.prev().toDate();
    return slot.getTime() >= anchor.getTime() ? slot : null;
  }
  if (now.getTime() < anchor.getTime()) return null;
  const fixed = fixedPeriodMs(timing);
  if (fixed !== null) return new Date(anchor.getTime() + Math.floor((now.getTime() - anchor.getTime()) / fixed) * fixed);
  const duration = Duration.fromISO(timing.interval as string);
  const start = DateTime.fromJSDate(anchor, { zone: timing.timeZone });
  let k = Math.floor((now.getTime() - anchor.getTime()) / approximateMs(duration));
  // Calendar units (months, days across DST) make the estimate off by one either way: settle it exactly.
  while (k > 0 && slotAt(start, duration, k).toMillis() > now.getTime()) k--;
  while (slotAt(start, duration, k + 1).toMillis() <= now.getTime()) k++;
  return slotAt(start, duration, k).toJSDate();
}

/** The first slot strictly after `after`. */
export function slotAfter(timing: ScheduleTiming, anchor: Date, after: Date): Date {
  if (timing.cron !== null) {
    const expression = CronExpressionParser.parse(timing.cron, { tz: timing.timeZone, currentDate: new Date(Math.max(after.getTime(), anchor.getTime() - 1)) });
    return expression.next().toDate();
  }
  const current = slotAtOrBefore(timing, anchor, after);
  if (!current) return anchor;
  const fixed = fixedPeriodMs(timing);
  if (fixed !== null) return new Date(current.getTime() + fixed);
  return DateTime.fromJSDate(current, { zone: timing.timeZone })
    .plus(Duration.fromISO(timing.interval as string))
    .toJSDate();
}

const fixedPeriods = new Map<string, number | null>();

/**
 * The interval's length in ms when it has one whatever the date: no months or years, and no days
 * or weeks outside UTC (a local day is 23 or 25 hours across daylight saving). The tick decides
 * thousands of schedules a minute; this spares them calendar arithmetic (about 0.3 ms each).
 */
function fixedPeriodMs(timing: ScheduleTiming): number | null {
  const key = `${timing.interval}|${timing.timeZone}`;
  let fixed = fixedPeriods.get(key);
  if (fixed === undefined) {
    const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$|^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(timing.interval ?? '');
    const utc = timing.timeZone === 'UTC' || timing.timeZone === 'Etc/UTC';
    fixed = null;
    if (match && (match[1] ?? match[2] ?? match[3]) !== undefined) {
      fixed = (Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0)) * 1000;
    } else if (match && utc) {
      fixed =
        (((Number(match[4] ?? 0) * 7 + Number(match[5] ?? 0)) * 24 + Number(match[6] ?? 0)) * 3600 + Number(match[7] ?? 0) * 60 + Number(match[8] ?? 0)) * 1000;
    }
    if (fixed === 0) fixed = null;
    fixedPeriods.set(key, fixed);
  }
  return fixed;
}

function slotAt(start: DateTime, duration: Duration, k: number): DateTime {
  return start.plus(duration.mapUnits((value) => value * k));
}
