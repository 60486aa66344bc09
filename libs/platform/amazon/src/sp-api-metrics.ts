import { currentService, serviceCounter, serviceGauge, serviceHistogram } from '@amazon-channel/platform-observability';
import { USAGE_PLANS, type SpApiCallEvent, type SpApiObserver, type SpApiRateAdaptedEvent, type SpApiRetryEvent } from '@amazon-channel/sp-api';

/** SP-API HTTP attempts by operation and status class (2xx, 4xx, 429, 5xx, network). */
export const spApiCalls = serviceCounter({
  name: 'amazon_channel_sp_api_calls_total',
  help: 'SP-API HTTP attempts by operation and status class',
  labelNames: ['operation', 'status'],
});

/** 429 answers by operation. */
export const spApiThrottled = serviceCounter({
  name: 'amazon_channel_sp_api_throttled_total',
  help: 'SP-API attempts answered 429 (rate limited)',
  labelNames: ['operation'],
});

/** SP-API attempt latency by operation (queueing excluded). */
export const spApiDuration = serviceHistogram({
  name: 'amazon_channel_sp_api_call_duration_seconds',
  help: 'SP-API attempt latency, rate-limit queueing excluded',
  labelNames: ['operation'],
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 30],
});

/** Time calls waited for a rate-limit token, by operation. */
export const spApiQueueWait = serviceHistogram({
  name: 'amazon_channel_sp_api_queue_wait_seconds',
  help: 'Time SP-API calls waited for a rate-limit token',
  labelNames: ['operation'],
  buckets: [0.01, 0.1, 1, 5, 30, 120, 600],
});

/** Retries scheduled by operation and reason. */
export const spApiRetries = serviceCounter({
  name: 'amazon_channel_sp_api_retries_total',
  help: 'SP-API retries scheduled, by operation and reason',
  labelNames: ['operation', 'reason'],
});

/** Window of {@link BudgetTracker}: one minute, in one-second slots. */
const WINDOW_S = 60;

interface BucketUse {
  operation: string;
  /** Calls per second-slot, indexed by epoch second modulo the window. */
  slots: number[];
  /** The epoch second each slot counts for (a stale slot counts nothing). */
  slotSecond: number[];
  /** The bucket's rate: the plan's, or Amazon's once it said otherwise. */
  rate: number;
}

/** Calls per seller account and operation over the last minute, against each bucket's rate. */
class BudgetTracker {
  private readonly buckets = new Map<string, BucketUse>();

  constructor(private readonly now: () => number = Date.now) {}

  call(event: SpApiCallEvent): void {
    const use = this.use(event);
    const second = Math.floor(this.now() / 1000);
    const slot = second % WINDOW_S;
    if (use.slotSecond[slot] !== second) {
      use.slotSecond[slot] = second;
      use.slots[slot] = 0;
    }
    use.slots[slot] = (use.slots[slot] ?? 0) + 1;
  }

  adapted(event: SpApiRateAdaptedEvent): void {
    this.use(event).rate = event.rate;
  }

  /** Per operation, the highest share of its rate any seller account used over the last minute. */
  usedRatios(): Map<string, number> {
    const since = Math.floor(this.now() / 1000) - WINDOW_S;
    const ratios = new Map<string, number>();
    for (const [key, use] of this.buckets) {
      let calls = 0;
      use.slotSecond.forEach((second, slot) => {
        if (second > since) calls += use.slots[slot] ?? 0;
      });
      if (calls === 0) {
        this.buckets.delete(key);
        continue;
      }
      const ratio = calls / WINDOW_S / use.rate;
      ratios.set(use.operation, Math.max(ratios.get(use.operation) ?? 0, ratio));
    }
    return ratios;
  }

  private use(event: { operation: string; sellingPartnerId: string; region: string }): BucketUse {
    const key = `${event.sellingPartnerId}:${event.region}:${event.operation}`;
    let use = this.buckets.get(key);
    if (!use) {
      const plan = (USAGE_PLANS as Record<string, { rate: number } | undefined>)[event.operation];
      use = { operation: event.operation, slots: new Array<number>(WINDOW_S).fill(0), slotSecond: new Array<number>(WINDOW_S).fill(0), rate: plan?.rate ?? 1 };
      this.buckets.set(key, use);
    }
    return use;
  }
}

/** Each service's tracker, read when its `/metrics` is scraped. */
const trackers = new Map<string, BudgetTracker>();

/** The plan's sustained rate of each operation (requests/s per seller account). */
export const spApiPlanRate = serviceGauge({
  name: 'amazon_channel_sp_api_plan_rate',
  help: "Usage plan's sustained rate per seller account (requests/s)",
  labelNames: ['operation'],
  collect() {
    for (const [operation, plan] of Object.entries(USAGE_PLANS)) this.set({ operation }, plan.rate);
  },
});

/**
 * The busiest seller account's use of an operation's budget over the last minute: calls per second
 * divided by the bucket's rate (the plan's, or Amazon's `x-amzn-RateLimit-Limit` once seen). Near 1
 * the seller's calls queue; the limiter keeps it from staying above 1.
 */
export const spApiBudgetUsed = serviceGauge({
  name: 'amazon_channel_sp_api_budget_used_ratio',
  help: 'Busiest seller account: calls/s over the last minute divided by the bucket rate',
  labelNames: ['operation'],
  collect() {
    this.reset();
    const service = currentService();
    const tracker = service ? trackers.get(service) : undefined;
    for (const [operation, ratio] of tracker?.usedRatios() ?? []) this.set({ operation }, ratio);
  },
});

function statusClass(status: number | undefined): string {
  if (status === undefined) return 'network';
  if (status === 429) return '429';
  return `${Math.floor(status / 100)}xx`;
}

/**
 * The SP-API client's observer → this service's Prometheus series: calls, 429s, latency, queueing,
 * retries and the budget used against the plan. Create it while the service starts (inside its
 * `runAsService`), so its scrape finds its tracker.
 */
export function createSpApiMetricsObserver(service = currentService(), now: () => number = Date.now): SpApiObserver {
  const tracker = new BudgetTracker(now);
  if (service) trackers.set(service, tracker);
  return {
    onCall(event) {
      spApiCalls.inc({ operation: event.operation, status: statusClass(event.status) });
      spApiDuration.observe({ operation: event.operation }, event.latencyMs / 1000);
      spApiQueueWait.observe({ operation: event.operation }, event.queuedMs / 1000);
      tracker.call(event);
    },
    onThrottled(event) {
      spApiThrottled.inc({ operation: event.operation });
    },
    onRetry(event: SpApiRetryEvent) {
      spApiRetries.inc({ operation: event.operation, reason: event.reason });
    },
    onRateAdapted(event) {
      tracker.adapted(event);
    },
  };
}

/** Both observers see every event (metrics plus one a service or test passed in). */
export function combineObservers(...observers: Array<SpApiObserver | undefined>): SpApiObserver {
  const present = observers.filter((o): o is SpApiObserver => o !== undefined);
  return {
    onCall: (e) => present.forEach((o) => o.onCall?.(e)),
    onThrottled: (e) => present.forEach((o) => o.onThrottled?.(e)),
    onRetry: (e) => present.forEach((o) => o.onRetry?.(e)),
    onRateAdapted: (e) => present.forEach((o) => o.onRateAdapted?.(e)),
  };
}
