import { planNewSchedule, planUpdate, type StoredTiming } from './schedule-plan';

const NOW = new Date('2026-03-10T10:07:30Z');

describe('planning a new schedule', () => {
  it('anchors an interval at the current minute and makes it due at once', () => {
    expect(planNewSchedule('get-orders', { interval: 'PT15M' }, NOW)).toEqual({
      ok: true,
      values: {
        interval: 'PT15M',
        cron: null,
        timeZone: 'UTC',
        enabled: true,
        anchorAt: new Date('2026-03-10T10:07:00Z'),
        nextDueAt: new Date('2026-03-10T10:07:00Z'),
      },
    });
  });

  it('makes a cron due at its next firing in its zone', () => {
    const plan = planNewSchedule('sync-listings', { cron: '0 6 * * *', timeZone: 'Europe/Paris' }, NOW);
    expect(plan).toMatchObject({ ok: true, values: { nextDueAt: new Date('2026-03-11T05:00:00Z') } });
  });

  it.each([
    ['import-listings', { interval: 'PT1H' }, 'IMPORT_IS_MANUAL', 'operation'],
    ['pii-redaction', { interval: 'P1D' }, 'OPERATION_NOT_SCHEDULABLE', 'operation'],
    ['reindex-everything', { interval: 'P1D' }, 'OPERATION_NOT_RUNNABLE', 'operation'],
    ['get-orders', { interval: 'PT10S' }, 'INTERVAL_TOO_SHORT', 'interval'],
    ['get-orders', { cron: '* * * * * *' }, 'CRON_TOO_FREQUENT', 'cron'],
    ['get-orders', { cron: '0 0 30 2 *' }, 'CRON_NEVER_FIRES', 'cron'],
    ['get-orders', { interval: 'PT15M', timeZone: 'Europe/Atlantis' }, 'UNKNOWN_TIME_ZONE', 'timeZone'],
    ['get-orders', {}, 'INVALID_TIMING', 'interval'],
  ])('refuses %s %j with %s naming %s', (operation, input, code, field) => {
    const plan = planNewSchedule(operation, input, NOW);
    expect(plan).toMatchObject({ ok: false, code, issues: [expect.objectContaining({ field })] });
  });
});

describe('planning an update', () => {
  const stored: StoredTiming = {
    interval: 'PT15M',
    cron: null,
    timeZone: 'UTC',
    enabled: true,
    anchorAt: new Date('2026-03-01T00:00:00Z'),
    nextDueAt: new Date('2026-03-10T10:15:00Z'),
  };

  it('turning off keeps the timing and the due time', () => {
    expect(planUpdate(stored, { enabled: false }, NOW)).toEqual({ ok: true, values: { ...stored, enabled: false } });
  });

  it('a cron replaces the interval and starts from now', () => {
    expect(planUpdate(stored, { cron: '*/5 * * * *' }, NOW)).toEqual({
      ok: true,
      values: {
        interval: null,
        cron: '*/5 * * * *',
        timeZone: 'UTC',
        enabled: true,
        anchorAt: new Date('2026-03-10T10:07:00Z'),
        nextDueAt: new Date('2026-03-10T10:10:00Z'),
      },
    });
  });

  it('a new interval too short is refused', () => {
    expect(planUpdate(stored, { interval: 'PT59S' }, NOW)).toMatchObject({ ok: false, code: 'INTERVAL_TOO_SHORT' });
  });

  it('clearing the interval without a cron leaves no timing and is refused', () => {
    expect(planUpdate(stored, { interval: null }, NOW)).toMatchObject({ ok: false, code: 'INVALID_TIMING' });
  });
});
