import type { AcquireOptions, AcquireResult, BucketClaim, RateLimitStore } from './rate-limit-store';
import {
  DEFAULT_CLAIM_PRIORITY,
  DEFAULT_CLAIM_TTL_MS,
  claimBlocks,
  claimWaitMs,
  latencyReserve,
  mayGrant,
  msUntilTokens,
  nextClaim,
  refill,
} from './rate-limit-store';
import type { BucketPlan } from './usage-plans';

interface Bucket {
  /** Tokens right after the last grant, drain or rate change (refusals leave the bucket alone). */
  tokens: number;
  rate: number;
  burst: number;
  updatedAt: number;
  /** A waiting caller's claim on the next token (see AcquireOptions.priority). */
  claim: BucketClaim | null;
}

/**
 * Token buckets in this process's memory. Correct for one replica (or the embedded default);
 * use {@link PostgresRateLimitStore} when several replicas serve one seller.
 */
export class InMemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  tryAcquire(key: string, plan: BucketPlan, options: AcquireOptions = {}): Promise<AcquireResult> {
    const now = this.now();
    const b = this.bucket(key, plan, now);
    const refilled = refill(b.tokens, b.rate, b.burst, now - b.updatedAt);
    const reserve = latencyReserve(b.rate, b.burst, options.latencyMarginMs ?? 0);
    const priority = options.priority ?? DEFAULT_CLAIM_PRIORITY;
    const blocked = !options.ignoreClaims && claimBlocks(b.claim, priority, now);
    const granted = !blocked && mayGrant(b.tokens, refilled, reserve);
    if (!options.ignoreClaims) b.claim = nextClaim(b.claim, priority, granted, now, options.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS);
    if (granted) {
      b.tokens = refilled - 1;
      b.updatedAt = Math.max(b.updatedAt, now);
      return Promise.resolve({ granted: true, retryAfterMs: 0 });
    }
    // Held back by a claim: ask again when the token would be there anyway, or when the claim ends.
    const wait = msUntilTokens(refilled, 1 + reserve, b.rate);
    return Promise.resolve({ granted: false, retryAfterMs: blocked && b.claim ? Math.max(wait, claimWaitMs(b.claim.until - now, b.rate)) : wait });
  }

  updateRate(key: string, rate: number, plan: BucketPlan): Promise<void> {
    const now = this.now();
    const b = this.bucket(key, plan, now);
    b.tokens = refill(b.tokens, b.rate, b.burst, now - b.updatedAt);
    b.updatedAt = Math.max(b.updatedAt, now);
    b.rate = rate;
    return Promise.resolve();
  }

  drain(key: string, plan: BucketPlan): Promise<void> {
    const now = this.now();
    const b = this.bucket(key, plan, now);
    b.tokens = 0;
    b.updatedAt = Math.max(b.updatedAt, now);
    return Promise.resolve();
  }

  /** Current state of a bucket (tests, diagnostics): tokens as of its last update. */
  peek(key: string): Readonly<Bucket> | undefined {
    return this.buckets.get(key);
  }

  private bucket(key: string, plan: BucketPlan, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: plan.burst, rate: plan.rate, burst: plan.burst, updatedAt: now, claim: null };
      this.buckets.set(key, b);
    }
    b.burst = plan.burst;
    return b;
  }
}
