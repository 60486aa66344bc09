import { serviceCounter, serviceGauge } from '@amazon-channel/platform-observability';
import type { Counter, Gauge } from 'prom-client';

// In fulfillment's own registry (its /metrics), even when services share a process.
function gauge(name: string, help: string, labelNames: string[]): Gauge {
  return serviceGauge({ name, help, labelNames }, { everyService: false });
}

function counter(name: string, help: string, labelNames: string[]): Counter {
  return serviceCounter({ name, help, labelNames }, { everyService: false });
}

/**
 * Share (0..1) of the connection's packages Amazon shows whose tracking number passed its carrier's
 * check digit: a late or invalid tracking number costs the seller its Valid Tracking Rate.
 */
export const validTrackingRateGauge = gauge('fulfillment_valid_tracking_rate', 'Share of confirmed packages with a valid tracking number, per connection', [
  'connection_id',
]);

/** Package outcomes of sync-orders runs, by connection and status. */
export const packageOutcomesCounter = counter('fulfillment_package_outcomes_total', 'Packages that reached a state in sync-orders runs', [
  'connection_id',
  'status',
]);
