import { backoffDelay, sleep } from '@amazon-channel/platform-messaging';
import { decideDueRun, type DueRun } from '../schedules/domain/due-run';
import type { TickConfig } from '../config/scheduler.config';
import type { DueSchedule, TickRepository } from './tick.repository';

/** What one tick did, for the CLI's line and the ticker's log. */
export interface TickOutcome {
  seeded: number;
  requested: number;
  skipped: number;
  notStarted: number;
  expired: number;
}

/** Retries of each step on a database error (a restart, a failover): about a minute in all, then the tick fails visibly. */
export interface TickRetry {
  attempts: number;
  initialMs: number;
  maxMs: number;
}

const DEFAULT_RETRY: TickRetry = { attempts: 8, initialMs: 500, maxMs: 15_000 };

/**
 * One tick: seeds the default schedules of newly authorized connections, requests every due run
 * (in batches; each run once whatever the number of concurrent ticks), ends runs no service
 * started within the bound as NOT_STARTED, and deletes runs past retention. Each step is retried
 * with bounded backoff on a database error, so a tick spans a database restart.
 */
export async function runTick(
  repository: TickRepository,
  config: Pick<TickConfig, 'SCHEDULER_TICK_BATCH' | 'SCHEDULER_NOT_STARTED_AFTER_MINUTES' | 'JOB_RUNS_RETENTION_DAYS'>,
  options: { now?: Date; retry?: TickRetry; signal?: AbortSignal; onRetry?: (step: string, attempt: number, error: unknown) => void } = {},
): Promise<TickOutcome> {
  const now = options.now ?? new Date();
  const retry = options.retry ?? DEFAULT_RETRY;
  const step = <T>(name: string, fn: () => Promise<T>) => withRetries(name, fn, retry, options);
  const outcome: TickOutcome = { seeded: 0, requested: 0, skipped: 0, notStarted: 0, expired: 0 };
  outcome.seeded = await step('seed defaults', () => repository.seedDefaults(now));
  for (;;) {
    const batch = await step('request due runs', () => repository.processDueBatch(now, config.SCHEDULER_TICK_BATCH, (schedule) => decide(schedule, now)));
    if (!batch) break;
    outcome.requested += batch.requested;
    outcome.skipped += batch.skipped;
  }
  outcome.notStarted = await step('fail runs not started', () => repository.failNotStarted(now, config.SCHEDULER_NOT_STARTED_AFTER_MINUTES));
  outcome.expired = await step('delete expired runs', () => repository.deleteExpired(now, config.JOB_RUNS_RETENTION_DAYS));
  return outcome;
}

/** A due schedule's run; null for one whose timing cannot be evaluated any more (it waits a day rather than block every tick). */
function decide(schedule: DueSchedule, now: Date): DueRun | null {
  try {
    return decideDueRun(schedule, now);
  } catch {
    return null;
  }
}

async function withRetries<T>(
  name: string,
  fn: () => Promise<T>,
  retry: TickRetry,
  options: { signal?: AbortSignal; onRetry?: (step: string, attempt: number, error: unknown) => void },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= retry.attempts || options.signal?.aborted) throw error;
      options.onRetry?.(name, attempt, error);
      await sleep(backoffDelay(attempt, retry), options.signal);
    }
  }
}
