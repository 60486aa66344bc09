import type { RateLimitStore } from './rate-limit-store';
import { resolveCallPriority, type CallPriority } from './rate-priority';
import type { BucketPlan } from './usage-plans';

export type { CallPriority } from './rate-priority';

/** Time source and sleeper, injectable so specs run on virtual time. */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Real time. */
export const SYSTEM_CLOCK: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

interface Waiter {
  /** Higher first; equal ranks in arrival order. */
  priority: number;
  plan: BucketPlan;
  resolve: () => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface KeyState {
  /** Waiters by priority (highest first), then arrival. */
  queue: Waiter[];
  running: boolean;
}

/** Options for {@link RateLimiter}. */
export interface RateLimiterOptions {
  clock?: LimiterClock;
  /** Upper bound of one wait before asking the store again (another replica may change the rate). Default 5 s. */
  maxPollMs?: number;
  /** Lower bound of one wait, so a stampede of replicas does not spin on the store. Default 5 ms. */
  minPollMs?: number;
  /**
   * Latency margin the store keeps in the bucket once it has run dry. Amazon's bucket refills on
   * arrival times, ours on send times: if one request travels faster than the one before, it can
   * reach Amazon a few ms before Amazon's bucket holds a whole token and earn a 429. The store
   * grants a refilled token only `margin` after it arrived, which keeps a reserve of
   * `rate × margin` tokens in steady state for every limiter sharing the bucket (replicas); the
   * pace (one call per 1/rate) and the burst are unchanged. Capped at 0.9 token of reserve and by
   * the bucket size (a burst-1 bucket cannot hold a reserve): see `latencyReserve`.
   * Default 250 ms.
   */
  latencyMarginMs?: number;
  /**
   * How long a refused caller's claim on the bucket holds (see {@link AcquireOptions.claimTtlMs}).
   * The pump refreshes it at least every `maxPollMs`, so the default is twice that: a replica that
   * dies keeps lower priorities waiting at most this long. Default `2 × maxPollMs`.
   */
  claimTtlMs?: number;
  /** Leave and honour claims on shared buckets (default true); false only to show in specs what claims change. */
  claims?: boolean;
}

/**
 * Per-bucket queue in front of a {@link RateLimitStore}.
 *
 * Why: Amazon's budgets are tiny (searchOrders ≈ 1 call / 3 min), so callers must wait for a token
 * instead of spending one on a 429. Waiters are never dropped; each bucket key has one pump that
 * takes tokens from the store and hands them to the most urgent, longest-waiting caller.
 *
 * Share one instance per process (across all clients of a seller) so the queue sees every caller.
 */
export class RateLimiter {
  private readonly keys = new Map<string, KeyState>();
  private readonly clock: LimiterClock;
  private readonly maxPollMs: number;
  private readonly minPollMs: number;
  private readonly latencyMarginMs: number;
  private readonly claimTtlMs: number;
  private readonly claims: boolean;

  constructor(
    readonly store: RateLimitStore,
    options: RateLimiterOptions = {},
  ) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.maxPollMs = options.maxPollMs ?? 5_000;
    this.minPollMs = options.minPollMs ?? 5;
    this.latencyMarginMs = options.latencyMarginMs ?? 250;
    this.claimTtlMs = options.claimTtlMs ?? 2 * this.maxPollMs;
    this.claims = options.claims ?? true;
  }

  /**
   * Resolves when the caller may send one request for `key`. Rejects only if `signal` aborts or
   * the store fails.
   *
   * @param priority - a rank (higher first), or a {@link CallPriority}: `critical` above every run,
   *   otherwise the priority of the surrounding run (`withRatePriority`), else `normal`/`bulk`.
   */
  acquire(key: string, plan: BucketPlan, priority?: CallPriority | number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const rank = resolveCallPriority(priority);
    return new Promise<void>((resolve, reject) => {
      const state = this.state(key);
      const waiter: Waiter = { priority: rank, plan, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = state.queue.indexOf(waiter);
          if (i >= 0) state.queue.splice(i, 1);
          reject(abortReason(signal));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      // Behind every waiter of the same or a higher rank: arrival order within a rank.
      let at = state.queue.length;
      while (at > 0 && (state.queue[at - 1] as Waiter).priority < rank) at--;
      state.queue.splice(at, 0, waiter);
      void this.pump(key, state);
    });
  }

  /** Number of callers waiting for `key` (metrics, tests). */
  queued(key: string): number {
    return this.keys.get(key)?.queue.length ?? 0;
  }

  private state(key: string): KeyState {
    let s = this.keys.get(key);
    if (!s) {
      s = { queue: [], running: false };
      this.keys.set(key, s);
    }
    return s;
  }

  private head(state: KeyState): Waiter | undefined {
    return state.queue[0];
  }

  private take(state: KeyState): Waiter | undefined {
    return state.queue.shift();
  }

  private async pump(key: string, state: KeyState): Promise<void> {
    if (state.running) return;
    state.running = true;
    try {
      for (let head = this.head(state); head; head = this.head(state)) {
        let result;
        try {
          // The head's rank travels with the attempt: a refusal leaves a claim that keeps other
          // replicas' lower-ranked callers off the next token (see AcquireOptions.priority).
          result = await this.store.tryAcquire(key, head.plan, {
            latencyMarginMs: this.latencyMarginMs,
            priority: head.priority,
            claimTtlMs: this.claimTtlMs,
            ignoreClaims: !this.claims,
          });
        } catch (err) {
          // A broken store must surface to a caller rather than hang everyone: fail the head only.
          const w = this.take(state);
          if (w) this.settle(w, () => w.reject(err));
          continue;
        }
        if (result.granted) {
          // The token goes to whoever is most urgent now, which may be a more urgent caller that
          // arrived while we were asking the store.
          const w = this.take(state);
          if (w) this.settle(w, () => w.resolve());
          continue;
        }
        await this.clock.sleep(Math.min(this.maxPollMs, Math.max(this.minPollMs, result.retryAfterMs)));
      }
    } finally {
      state.running = false;
      if (this.head(state)) void this.pump(key, state);
      else this.keys.delete(key);
    }
  }

  private settle(w: Waiter, fn: () => void): void {
    if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
    fn();
  }
}

/** The abort reason as an Error (AbortSignal reasons may be any value). */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('aborted', { cause: reason });
}
