import { serviceCounter, serviceGauge, serviceHistogram } from '@amazon-channel/platform-observability';

// Each service keeps its own series even when several share a process (the embedded default):
// the metric a call reaches is the one of the service whose code made it (see runAsService).

/** Messages handled per topic, group and outcome (applied, duplicate, dead_lettered, retried). */
export const messagesHandled = serviceCounter({
  name: 'amazon_channel_messages_handled_total',
  help: 'Messages handled by outcome',
  labelNames: ['group', 'topic', 'outcome'],
});

/** Handler duration per topic and group. */
export const handlerDuration = serviceHistogram({
  name: 'amazon_channel_message_handler_seconds',
  help: 'Message handler duration',
  labelNames: ['group', 'topic'],
  buckets: [0.005, 0.02, 0.1, 0.5, 2, 10],
});

/** Events published by the outbox relay. */
export const outboxPublished = serviceCounter({ name: 'amazon_channel_outbox_published_total', help: 'Outbox events published', labelNames: ['service'] });

/** Relay publish failures (the events stay in the outbox and are retried). */
export const outboxPublishFailures = serviceCounter({
  name: 'amazon_channel_outbox_publish_failures_total',
  help: 'Outbox publish attempts that failed',
  labelNames: ['service'],
});

/** Unpublished outbox events, and the age of the oldest, set by the relay's lag probe. */
export const outboxPending = serviceGauge({ name: 'amazon_channel_outbox_pending_events', help: 'Outbox events not yet published', labelNames: ['service'] });
/** Age in seconds of the oldest unpublished outbox event (0 when none). */
export const outboxLagSeconds = serviceGauge({
  name: 'amazon_channel_outbox_lag_seconds',
  help: 'Age of the oldest unpublished outbox event',
  labelNames: ['service'],
});

/** Consumer lag per group, topic and partition, refreshed on scrape. */
export const consumerLagGauge = serviceGauge({
  name: 'amazon_channel_consumer_lag',
  help: 'Messages not yet consumed',
  labelNames: ['group', 'topic', 'partition'],
});
