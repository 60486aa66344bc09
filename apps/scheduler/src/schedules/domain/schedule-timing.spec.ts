import { slotAfter, slotAtOrBefore, timingIssues, type ScheduleTiming } from './schedule-timing';

const NOW = new Date('2026-03-10T10:07:30Z');
const interval = (value: string, timeZone = 'UTC'): ScheduleTiming => ({ interval: value, cron: null, timeZone });
const cron = (value: string, timeZone = 'UTC'): ScheduleTiming => ({ interval: null, cron: value, timeZone });

describe('schedule timing: validation', () => {
  it.each([
    ['an interval of 15 minutes', interval('PT15M')],
    ['an interval of exactly one minute', interval('PT1M')],
    ['a daily interval in Berlin', interval('P1D', 'Europe/Berlin')],
    ['a cron every 5 minutes', cron('*/5 * * * *')],
    ['a cron on weekdays at 06:30 in Tokyo', cron('30 6 * * 1-5', 'Asia/Tokyo')],
    ['a cron on 29 February', cron('0 0 29 2 *')],
  ])('accepts %s', (_name, timing) => {
    expect(timingIssues(timing, NOW)).toEqual([]);
  });

  it.each([
    ['an interval under a minute', interval('PT30S'), 'INTERVAL_TOO_SHORT', 'interval'],
    ['a zero interval', interval('PT0M'), 'INTERVAL_TOO_SHORT', 'interval'],
    ['an interval that is not ISO 8601', interval('15 minutes'), 'INVALID_TIMING', 'interval'],
    ['a cron that fires every second', cron('* * * * * *'), 'CRON_TOO_FREQUENT', 'cron'],
    ['a cron that fires twice a minute', cron('0,30 * * * * *'), 'CRON_TOO_FREQUENT', 'cron'],
    ['a cron on 30 February (never fires)', cron('0 0 30 2 *'), 'CRON_NEVER_FIRES', 'cron'],
    ['a cron on 31 April (never fires)', cron('0 0 31 4 *'), 'CRON_NEVER_FIRES', 'cron'],
    ['a cron that does not parse', cron('every monday'), 'CRON_INVALID', 'cron'],
    ['an unknown time zone', interval('PT15M', 'Mars/Olympus_Mons'), 'UNKNOWN_TIME_ZONE', 'timeZone'],
    ['a cron with an unknown time zone', cron('0 * * * *', 'Nowhere/Town'), 'UNKNOWN_TIME_ZONE', 'timeZone'],
    ['neither interval nor cron', { interval: null, cron: null, timeZone: 'UTC' }, 'INVALID_TIMING', 'interval'],
    ['both interval and cron', { interval: 'PT15M', cron: '0 * * * *', timeZone: 'UTC' }, 'INVALID_TIMING', 'cron'],
  ])('refuses %s with %s naming %s', (_name, timing, code, field) => {
    expect(timingIssues(timing as ScheduleTiming, NOW)).toEqual([expect.objectContaining({ code, field })]);
  });
});

describe('schedule timing: slots', () => {
  const anchor = new Date('2026-03-10T08:00:00Z');

  it('places interval slots at anchor + k × interval', () => {
    expect(slotAtOrBefore(interval('PT15M'), anchor, NOW)).toEqual(new Date('2026-03-10T10:00:00Z'));
    expect(slotAfter(interval('PT15M'), anchor, NOW)).toEqual(new Date('2026-03-10T10:15:00Z'));
  });

  it('counts a slot reached exactly as reached', () => {
    const at = new Date('2026-03-10T10:15:00Z');
    expect(slotAtOrBefore(interval('PT15M'), anchor, at)).toEqual(at);
    expect(slotAfter(interval('PT15M'), anchor, at)).toEqual(new Date('2026-03-10T10:30:00Z'));
  });

  it('has no slot before the anchor', () => {
    expect(slotAtOrBefore(interval('PT15M'), anchor, new Date('2026-03-10T07:59:00Z'))).toBeNull();
    expect(slotAfter(interval('PT15M'), anchor, new Date('2026-03-10T07:59:00Z'))).toEqual(anchor);
  });

  it('keeps a daily slot at its local hour across a daylight-saving change', () => {
    // 08:00 in Berlin is 07:00Z in winter; on 29 March 2026 Berlin moves to summer time (06:00Z).
    const berlin = new Date('2026-03-27T07:00:00Z');
    expect(slotAtOrBefore(interval('P1D', 'Europe/Berlin'), berlin, new Date('2026-03-30T12:00:00Z'))).toEqual(new Date('2026-03-30T06:00:00Z'));
  });

  it('steps fixed-length intervals (time units anywhere, days and weeks in UTC) exactly', () => {
    expect(slotAtOrBefore(interval('PT90M', 'Europe/Berlin'), anchor, NOW)).toEqual(new Date('2026-03-10T09:30:00Z'));
    expect(slotAfter(interval('PT1H30M'), anchor, NOW)).toEqual(new Date('2026-03-10T11:00:00Z'));
    expect(slotAtOrBefore(interval('P1D'), new Date('2026-03-01T06:00:00Z'), NOW)).toEqual(new Date('2026-03-10T06:00:00Z'));
    expect(slotAfter(interval('P1W'), new Date('2026-03-01T06:00:00Z'), NOW)).toEqual(new Date('2026-03-15T06:00:00Z'));
  });

  it('steps monthly intervals by the calendar', () => {
    const start = new Date('2026-01-31T00:00:00Z');
    expect(slotAtOrBefore(interval('P1M'), start, new Date('2026-03-15T00:00:00Z'))).toEqual(new Date('2026-02-28T00:00:00Z'));
  });

  it('takes cron slots from the expression in its time zone', () => {
    const timing = cron('30 6 * * *', 'Asia/Tokyo'); // 21:30Z the day before
    expect(slotAtOrBefore(timing, new Date('2026-01-01T00:00:00Z'), NOW)).toEqual(new Date('2026-03-09T21:30:00Z'));
    expect(slotAfter(timing, new Date('2026-01-01T00:00:00Z'), NOW)).toEqual(new Date('2026-03-10T21:30:00Z'));
  });

  it('counts a cron firing exactly now as reached', () => {
    const at = new Date('2026-03-10T10:15:00Z');
    expect(slotAtOrBefore(cron('*/15 * * * *'), anchor, at)).toEqual(at);
  });
});
