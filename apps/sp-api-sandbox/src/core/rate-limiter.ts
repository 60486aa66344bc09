/** A usage plan: tokens added per second and bucket size. */
export interface UsagePlan {
  rate: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  lastMs: number;
}

/**
 * Token buckets per (selling partner + application, operation), as Amazon applies them. Buckets
 * start full and refill continuously at the plan's rate, measured on the sandbox clock so moving
 * the clock forward refills them too.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** Takes one token; returns false when the bucket is empty (the caller answers 429). */
  take(key: string, plan: UsagePlan, nowMs: number): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: plan.burst, lastMs: nowMs };
      this.buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, nowMs - bucket.lastMs) / 1000;
    bucket.tokens = Math.min(plan.burst, bucket.tokens + elapsed * plan.rate);
    bucket.lastMs = nowMs;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Forgets every bucket (admin reset, plan change). */
  clear(): void {
    this.buckets.clear();
  }
}
