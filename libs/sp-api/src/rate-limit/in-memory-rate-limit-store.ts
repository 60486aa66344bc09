import type { AcquireResult, RateLimitStore } from './rate-limit-store';
import { msUntilOneToken, refill } from './rate-limit-store';
import type { BucketPlan } from './usage-plans';

interface Bucket {
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

  tryAcquire(key: string, plan: BucketPlan): Promise<AcquireResult> {
    const b = this.bucket(key, plan);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return Promise.resolve({ granted: true, retryAfterMs: 0 });
    }
    return Promise.resolve({ granted: false, retryAfterMs: msUntilOneToken(b.tokens, b.rate) });
  }

  updateRate(key: string, rate: number, plan: BucketPlan): Promise<void> {
    const b = this.bucket(key, plan);
    b.rate = rate;
    return Promise.resolve();
  }

  drain(key: string, plan: BucketPlan): Promise<void> {
    const b = this.bucket(key, plan);
    b.tokens = 0;
    return Promise.resolve();
  }

  /** Current state of a bucket (tests, diagnostics). */
  peek(key: string): Readonly<Bucket> | undefined {
    return this.buckets.get(key);
  }

  private bucket(key: string, plan: BucketPlan): Bucket {
    const now = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: plan.burst, rate: plan.rate, burst: plan.burst, updatedAt: now };
      this.buckets.set(key, b);
      return b;
    }
    b.burst = plan.burst;
    b.tokens = refill(b.tokens, b.rate, b.burst, now - b.updatedAt);
    b.updatedAt = Math.max(b.updatedAt, now);
    return b;
  }
}
