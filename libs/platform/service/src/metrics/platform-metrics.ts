import { serviceCounter, serviceGauge, serviceHistogram } from '@amazon-channel/platform-observability';

// The series every service exports from the platform (dashboards in ops/grafana, rules in
// ops/prometheus name them). Each lives in the service's own registry (see runAsService).

/** HTTP requests by method, route template and status. */
export const httpRequests = serviceCounter({
  name: 'amazon_channel_http_requests_total',
  help: 'HTTP requests answered, by method, route template and status',
  labelNames: ['method', 'route', 'status'],
});

/** HTTP latency by method and route template. */
export const httpDuration = serviceHistogram({
  name: 'amazon_channel_http_request_duration_seconds',
  help: 'HTTP request latency',
  labelNames: ['method', 'route'],
  buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 10],
});

/** Finished job runs by operation and outcome. */
export const jobRuns = serviceCounter({
  name: 'amazon_channel_job_runs_total',
  help: 'Job runs finished, by operation and outcome',
  labelNames: ['operation', 'outcome'],
});

/** Job run duration (claim to finish of this attempt) by operation and outcome. */
export const jobDuration = serviceHistogram({
  name: 'amazon_channel_job_run_duration_seconds',
  help: 'Job run duration',
  labelNames: ['operation', 'outcome'],
  buckets: [1, 5, 30, 120, 600, 1800, 3600, 4 * 3600],
});

/** Runs executing now, by operation. */
export const jobsRunning = serviceGauge({ name: 'amazon_channel_jobs_running', help: 'Job runs executing now', labelNames: ['operation'] });

/** Items a run reported done (rows, orders, SKUs), summed over runs: its rate is the throughput. */
export const jobItemsDone = serviceCounter({
  name: 'amazon_channel_job_items_done_total',
  help: 'Items reported done by job checkpoints',
  labelNames: ['operation'],
});

/** Progress (0–1) of each running job with a known total; removed when it ends. */
export const jobProgress = serviceGauge({
  name: 'amazon_channel_job_progress_ratio',
  help: 'Done / total of each running job that knows its total',
  labelNames: ['operation', 'job_id'],
});

/**
 * Failed runs in a row per connection and operation (a series exists only while the last run
 * failed): one failure is Amazon having a bad minute, three in a row need a person.
 */
export const jobConsecutiveFailures = serviceGauge({
  name: 'amazon_channel_job_consecutive_failures',
  help: 'Failed runs in a row of an operation for a connection',
  labelNames: ['operation', 'connection_id'],
});
