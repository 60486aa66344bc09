import { decideDueRun, dueRunId, type DueCandidate } from './due-run';

const ID = '3f2a1a7e-8b7b-4a53-9d0c-3c5d8a3c1b11';
const schedule = (nextDueAt: string, over: Partial<DueCandidate> = {}): DueCandidate => ({
  id: ID,
  interval: 'PT15M',
  cron: null,
  timeZone: 'UTC',
  anchorAt: new Date('2026-03-10T08:00:00Z'),
  nextDueAt: new Date(nextDueAt),
  ...over,
});

describe('due runs', () => {
  it('decides nothing before the next due time', () => {
    expect(decideDueRun(schedule('2026-03-10T10:15:00Z'), new Date('2026-03-10T10:14:59Z'))).toBeNull();
  });

  it('runs the slot reached and moves to the next one', () => {
    expect(decideDueRun(schedule('2026-03-10T10:15:00Z'), new Date('2026-03-10T10:15:20Z'))).toEqual({
      scheduleId: ID,
      slotAt: new Date('2026-03-10T10:15:00Z'),
      runId: dueRunId(ID, new Date('2026-03-10T10:15:00Z')),
      nextDueAt: new Date('2026-03-10T10:30:00Z'),
    });
  });

  it('after two hours without a tick, one catch-up run for the latest slot, not eight', () => {
    const run = decideDueRun(schedule('2026-03-10T08:15:00Z'), new Date('2026-03-10T10:16:00Z'));
    expect(run?.slotAt).toEqual(new Date('2026-03-10T10:15:00Z'));
    expect(run?.nextDueAt).toEqual(new Date('2026-03-10T10:30:00Z'));
  });

  it('gives every tick the same run id for a schedule and slot, and different slots different ids', () => {
    const a = decideDueRun(schedule('2026-03-10T10:15:00Z'), new Date('2026-03-10T10:15:01Z'));
    const b = decideDueRun(schedule('2026-03-10T10:15:00Z'), new Date('2026-03-10T10:29:59Z'));
    const c = decideDueRun(schedule('2026-03-10T10:15:00Z'), new Date('2026-03-10T10:30:00Z'));
    expect(a?.runId).toBe(b?.runId);
    expect(c?.runId).not.toBe(a?.runId);
    expect(dueRunId('other', new Date('2026-03-10T10:15:00Z'))).not.toBe(a?.runId);
  });

  it('runs a new schedule at its anchor', () => {
    const fresh = schedule('2026-03-10T08:00:00Z');
    expect(decideDueRun(fresh, new Date('2026-03-10T08:00:10Z'))?.slotAt).toEqual(new Date('2026-03-10T08:00:00Z'));
  });
});
