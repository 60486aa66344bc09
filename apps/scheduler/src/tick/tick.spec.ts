import type { TickRepository } from './tick.repository';
import { runTick } from './tick';

const CONFIG = { SCHEDULER_TICK_BATCH: 100, SCHEDULER_NOT_STARTED_AFTER_MINUTES: 60, JOB_RUNS_RETENTION_DAYS: 90 };
const FAST = { attempts: 4, initialMs: 1, maxMs: 2 };

/** A repository whose database is down for the first `failures` calls of each step, as during a restart. */
function fakeRepository(failures: number): { repository: TickRepository; calls: Record<string, number> } {
  const calls: Record<string, number> = { seed: 0, batch: 0, notStarted: 0, expired: 0 };
  const down = (step: string) => {
    calls[step]++;
    if (calls[step] <= failures) throw Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });
  };
  let batches = 2;
  const repository = {
    seedDefaults: async () => (down('seed'), 3),
    processDueBatch: async () => {
      down('batch');
      return batches-- > 0 ? { requested: 5, skipped: 1 } : null;
    },
    failNotStarted: async () => (down('notStarted'), 2),
    deleteExpired: async () => (down('expired'), 7),
  } as unknown as TickRepository;
  return { repository, calls };
}

describe('the tick across a database restart', () => {
  it('retries each step with backoff and finishes the tick once the database is back', async () => {
    const { repository, calls } = fakeRepository(2);
    const retries: string[] = [];
    const outcome = await runTick(repository, CONFIG, { retry: FAST, onRetry: (step, attempt) => retries.push(`${step} #${attempt}`) });
    expect(outcome).toEqual({ seeded: 3, requested: 10, skipped: 2, notStarted: 2, expired: 7 });
    expect(retries.slice(0, 2)).toEqual(['seed defaults #1', 'seed defaults #2']);
    expect(calls.seed).toBe(3);
  });

  it('gives up after the bounded attempts, so the CronJob run ends failed', async () => {
    const { repository, calls } = fakeRepository(10);
    await expect(runTick(repository, CONFIG, { retry: FAST })).rejects.toThrow('Connection terminated unexpectedly');
    expect(calls.seed).toBe(FAST.attempts);
    expect(calls.batch).toBe(0);
  });
});
