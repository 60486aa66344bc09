import type { BucketPlan } from './usage-plans';

/** Result of one atomic take attempt. */
export interface AcquireResult {
  /** True when a token was taken. */
  granted: boolean;
  /** When not granted: ms until one token will be available (at the bucket's current rate). */
  retryAfterMs: number;
}

/**
 * Where token buckets live. In-memory for one process; PostgreSQL so a seller's budget holds
 * across replicas.
 *
 * Implementations must make `tryAcquire` atomic per key (refill by elapsed time, then take one
 * token if at least one is available) — two processes may race on the same bucket.
 */
export interface RateLimitStore {
  /** Refills the bucket (creating it full from `plan` if new) and takes one token if available. */
  tryAcquire(key: string, plan: BucketPlan): Promise<AcquireResult>;
  /** Changes the bucket's refill rate (from `x-amzn-RateLimit-Limit`); tokens earned so far are kept. */
  updateRate(key: string, rate: number, plan: BucketPlan): Promise<void>;
  /** Empties the bucket (after a 429: Amazon's bucket is empty, ours should be too). */
  drain(key: string, plan: BucketPlan): Promise<void>;
}

/** Refills a bucket by elapsed time, capped at burst. Shared by the in-memory store and tests. */
export function refill(tokens: number, rate: number, burst: number, elapsedMs: number): number {
  return Math.min(burst, tokens + (Math.max(0, elapsedMs) / 1000) * rate);
}

/** Milliseconds until a bucket holding `tokens` reaches one token at `rate`. */
export function msUntilOneToken(tokens: number, rate: number): number {
  if (tokens >= 1) return 0;
  return Math.ceil(((1 - tokens) / rate) * 1000);
}
