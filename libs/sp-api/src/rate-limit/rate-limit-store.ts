import type { BucketPlan } from './usage-plans';

/** Result of one atomic take attempt. */
export interface AcquireResult {
  /** True when a token was taken. */
  granted: boolean;
  /** When not granted: ms until one token will be available (at the bucket's current rate). */
  retryAfterMs: number;
}

/** Options of one take attempt. */
export interface AcquireOptions {
  /**
   * Latency margin (ms): once the bucket has run dry, a refilled token is spendable only when the
   * bucket holds one token plus `rate × margin`. Amazon's bucket refills on arrival times and ours
   * on send times, so a request that travels faster than the one before it reaches Amazon early;
   * holding the margin in the bucket itself (not in one process's wait) keeps it for every replica
   * that shares the bucket. See {@link latencyReserve}. Default 0.
   */
  latencyMarginMs?: number;
  /**
   * Rank of the caller (higher first). While another caller's unexpired claim of a higher rank
   * stands on the bucket, this attempt is refused even with a token there; a refused attempt
   * leaves (or refreshes) a claim at its own rank, and a grant at or above the claim's rank clears
   * it. Why: each replica queues its own callers, but the bucket is shared — without the claim a
   * replica running an import takes every other token from a replica serving a person's request.
   * Unset: no claim is made and only unexpired claims above the default rank (50) hold it back.
   */
  priority?: number;
  /** How long a claim left by a refusal holds unless refreshed (ms). Default 10 s. */
  claimTtlMs?: number;
  /** Ignore claims altogether (both checking and making them): the behaviour before claims, for comparison in specs. */
  ignoreClaims?: boolean;
}

/** The rank an attempt without one is taken at (a `normal` call outside any run). */
export const DEFAULT_CLAIM_PRIORITY = 50;
/** Default lifetime of a claim (ms). */
export const DEFAULT_CLAIM_TTL_MS = 10_000;

/** A claim on a bucket: the rank of a waiting caller somewhere, and until when it holds (store clock). */
export interface BucketClaim {
  priority: number;
  until: number;
}

/** True when a standing claim keeps an attempt at `priority` from a token (shared rule of both stores). */
export function claimBlocks(claim: BucketClaim | null, priority: number, now: number): boolean {
  return claim !== null && claim.until > now && claim.priority > priority;
}

/**
 * How long a caller held back by a claim waits before asking again: one refill interval (by then the
 * claimant has taken the token it waited for), at most until the claim ends.
 */
export function claimWaitMs(claimRemainingMs: number, rate: number): number {
  return Math.max(1, Math.min(claimRemainingMs, Math.ceil(1000 / rate)));
}

/**
 * The claim a bucket holds after an attempt: a grant at or above the claim's rank clears it (the
 * claimant was served; if it still waits, its next refusal claims again); a refusal raises or
 * refreshes it to the attempt's rank, unless a higher unexpired claim stands.
 */
export function nextClaim(claim: BucketClaim | null, priority: number, granted: boolean, now: number, ttlMs: number): BucketClaim | null {
  const live = claim && claim.until > now ? claim : null;
  if (granted) return live && live.priority > priority ? live : null;
  if (live && live.priority > priority) return live;
  return { priority, until: now + ttlMs };
}

/**
 * Where token buckets live. In-memory for one process; PostgreSQL so a seller's budget holds
 * across replicas.
 *
 * Implementations must make `tryAcquire` atomic per key (refill by elapsed time, then take one
 * token if {@link mayGrant} allows) — two processes may race on the same bucket.
 */
export interface RateLimitStore {
  /**
   * Refills the bucket (creating it full from `plan` if new) and takes one token if it may: when
   * the bucket held a whole token right after the previous grant (the burst), or when it now holds
   * one token plus the {@link latencyReserve}. A refusal leaves the bucket as it was.
   */
  tryAcquire(key: string, plan: BucketPlan, options?: AcquireOptions): Promise<AcquireResult>;
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
  return msUntilTokens(tokens, 1, rate);
}

/** Milliseconds until a bucket holding `tokens` reaches `target` tokens at `rate`. */
export function msUntilTokens(tokens: number, target: number, rate: number): number {
  if (tokens >= target - TOKEN_EPSILON) return 0;
  return Math.ceil(((target - tokens) / rate) * 1000);
}

/** Float slack when comparing token counts (a refill computed to the ms lands a hair short). */
export const TOKEN_EPSILON = 1e-9;

/**
 * Tokens a bucket keeps in reserve once it has run dry: `rate × margin`, capped at 0.9 token (a
 * whole token of reserve would wrap around into the next interval) and at `burst − 1` (the cap
 * must fit one token plus the reserve, so a burst-1 bucket keeps none). The pace stays one call
 * per 1/rate; only the first grant after the bucket runs dry waits `margin` longer.
 */
export function latencyReserve(rate: number, burst: number, latencyMarginMs: number): number {
  return Math.max(0, Math.min((rate * latencyMarginMs) / 1000, 0.9, burst - 1));
}

/**
 * The store-side grant rule shared by both stores: `tokensAtLastUpdate` is what the bucket held
 * right after its last update (grant, drain or rate change), `refilled` what it holds now.
 */
export function mayGrant(tokensAtLastUpdate: number, refilled: number, reserve: number): boolean {
  return tokensAtLastUpdate >= 1 - TOKEN_EPSILON || refilled >= 1 + reserve - TOKEN_EPSILON;
}
