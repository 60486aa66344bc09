import type { AcquireOptions, AcquireResult, RateLimitStore } from './rate-limit-store';
import { latencyReserve, mayGrant, msUntilTokens, refill } from './rate-limit-store';
import type { BucketPlan } from './usage-plans';

interface Bucket {
  /** Tokens right after the last grant, drain or rate change (refusals leave the bucket alone). */
  tokens: number;
  rate: number;
  burst: number;
  updatedAt: number;
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
    if (mayGrant(b.tokens, refilled, reserve)) {
      b.tokens = refilled - 1;
      b.updatedAt = Math.max(b.updatedAt, now);
      return Promise.resolve({ granted: true, retryAfterMs: 0 });
    }
    return Promise.resolve({ granted: false, retryAfterMs: msUntilTokens(refilled, 1 + reserve, b.rate) });
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
      b = { tokens: plan.burst, rate: plan.rate, burst: plan.burst, updatedAt: now };
      this.buckets.set(key, b);
    }
    b.burst = plan.burst;
    return b;
  }
}
