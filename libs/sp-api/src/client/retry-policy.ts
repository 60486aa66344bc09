/** Bounded exponential backoff with full jitter. */
export interface RetryPolicy {
  /** Total attempts including the first. Default 5. */
  maxAttempts: number;
  /** Base delay of the first retry (ms). Default 500. */
  baseDelayMs: number;
  /** Cap of any single delay (ms), Retry-After included. Default 60 s. */
  maxDelayMs: number;
}

/** Defaults used when the client is given no policy. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 60_000 };

/** HTTP statuses worth retrying: throttling and Amazon's transient server errors. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/**
 * Delay before retry number `attempt` (1 = first retry): full jitter over
 * `min(maxDelay, base * 2^(attempt-1))`, or Retry-After when Amazon sent one (capped).
 *
 * Why full jitter: replicas that were throttled together must not come back together.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, retryAfterMs?: number, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(policy.maxDelayMs, retryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Parses a Retry-After header (delta seconds or HTTP date) into ms; undefined if absent/invalid. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
