/** Fields every client event carries. */
export interface SpApiEventBase {
  /** Operation key, e.g. `listings.patchListingsItem`. */
  operation: string;
  /** Selling partner id of the seller account (not secret; a merchant token). */
  sellingPartnerId: string;
  region: string;
}

/** One finished HTTP attempt. */
export interface SpApiCallEvent extends SpApiEventBase {
  status: number | undefined;
  /** Wall time of the HTTP attempt (ms), excluding rate-limit queueing. */
  latencyMs: number;
  /** Time spent waiting for a rate-limit token before this attempt (ms). */
  queuedMs: number;
  attempt: number;
  requestId?: string;
}

/** A retry is about to be scheduled. */
export interface SpApiRetryEvent extends SpApiEventBase {
  attempt: number;
  delayMs: number;
  status: number | undefined;
  reason: 'throttled' | 'server-error' | 'network' | 'token-refresh';
}

/** The bucket's rate changed because of `x-amzn-RateLimit-Limit`. */
export interface SpApiRateAdaptedEvent extends SpApiEventBase {
  previousRate: number;
  rate: number;
}

/**
 * Metrics hooks. Implement any subset; a Prometheus adapter lives in the services, so this library
 * has no metrics dependency. Hooks must not throw (errors are swallowed).
 */
export interface SpApiObserver {
  onCall?(event: SpApiCallEvent): void;
  onThrottled?(event: SpApiCallEvent): void;
  onRetry?(event: SpApiRetryEvent): void;
  onRateAdapted?(event: SpApiRateAdaptedEvent): void;
}
