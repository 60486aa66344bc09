import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How urgent a call is when stated by the call itself. `critical` (shipment confirmations) overtakes
 * every run; `normal` and `bulk` are defaults for calls made outside any run (see {@link withRatePriority}).
 */
export type CallPriority = 'critical' | 'normal' | 'bulk';

/** Numeric ranks the limiter orders by (higher first). Runs sit between `bulk` and `critical` (libs/contracts `RUN_PRIORITY`). */
export const CALL_PRIORITY_RANK: Record<CallPriority, number> = { critical: 100, normal: 50, bulk: 10 };

const storage = new AsyncLocalStorage<number>();

/**
 * Runs `fn` so that every SP-API call it makes, across awaits, waits for tokens at `priority`
 * (higher first; `RUN_PRIORITY` in libs/contracts names the ranks). Why a context and not a
 * parameter: a run's calls go through report pollers, paginators and helpers that should not each
 * carry the run's rank.
 */
export function withRatePriority<T>(priority: number, fn: () => T): T {
  return storage.run(priority, fn);
}

/** The priority of the run this code executes in, if any. */
export function currentRatePriority(): number | undefined {
  return storage.getStore();
}

/**
 * The rank one call waits at: an explicit number as given; `critical` always above every run;
 * otherwise the surrounding run's priority, else the call's own default (`normal` 50, `bulk` 10).
 */
export function resolveCallPriority(priority: CallPriority | number | undefined): number {
  if (typeof priority === 'number') return priority;
  if (priority === 'critical') return CALL_PRIORITY_RANK.critical;
  return currentRatePriority() ?? CALL_PRIORITY_RANK[priority ?? 'normal'];
}
