import { serviceCounter, serviceGauge } from '@amazon-channel/platform-observability';
import type { Counter, Gauge } from 'prom-client';

// Kept in the service's own registry (its /metrics), even when services share a process.
function counter(name: string, help: string, labelNames: string[]): Counter {
  return serviceCounter({ name, help, labelNames }, { everyService: false });
}

function gauge(name: string, help: string, labelNames: string[]): Gauge {
  return serviceGauge({ name, help, labelNames }, { everyService: false });
}

/** Requests sent to the LWA token endpoint, by region, grant and HTTP status: proves token caching. */
export const lwaRequestsCounter = counter('auth_connections_lwa_requests_total', 'Requests sent to the Login with Amazon token endpoint', [
  'region',
  'grant',
  'status',
]);

/** Access tokens handed out (gRPC and HTTP), by outcome. */
export const accessTokensCounter = counter('auth_connections_access_tokens_total', 'Access-token requests answered', ['outcome']);

/** Days since each region's LWA client secret was issued (Amazon rotates them every 180 days); -1 when unknown. */
export const clientSecretAgeGauge = gauge(
  'auth_connections_lwa_client_secret_age_days',
  'Age of the LWA client secret in days (-1: issue date not configured)',
  ['region'],
);

/** Connections by status (refreshed on scrape-independent intervals by the lifecycle scan). */
export const connectionsGauge = gauge('auth_connections_connections', 'Connections by status', ['status']);
