import type { SpApiErrorCode } from '../errors/sp-api-error';
import { SpApiError } from '../errors/sp-api-error';
import type { LimiterClock } from '../rate-limit/rate-limiter';

/** Polling schedule for report/feed status. */
export interface PollOptions {
  /** First wait (ms). Default 2 s. */
  initialDelayMs?: number;
  /** Growth factor between waits. Default 1.5. */
  factor?: number;
  /** Longest single wait (ms). Default 60 s. */
  maxDelayMs?: number;
  /** Give up after this long (ms). Default 45 min. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Polls `check` with growing delays until it returns a value; fails with `failureCode` after the
 * timeout. Each check goes through the limiter, so polling never exceeds the plan.
 */
export async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  clock: LimiterClock,
  failureCode: SpApiErrorCode,
  what: string,
  options: PollOptions = {},
): Promise<T> {
  const factor = options.factor ?? 1.5;
  const maxDelay = options.maxDelayMs ?? 60_000;
  const deadline = clock.now() + (options.timeoutMs ?? 45 * 60_000);
  let delay = options.initialDelayMs ?? 2_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    if (clock.now() + delay > deadline) {
      throw new SpApiError({ code: failureCode, message: `Gave up waiting for ${what}`, retryable: true });
    }
    await clock.sleep(delay);
    delay = Math.min(maxDelay, delay * factor);
  }
}
