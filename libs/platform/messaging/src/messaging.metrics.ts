import { Counter, Gauge, Histogram, register } from 'prom-client';

function getOrCreate<T>(name: string, create: () => T): T {
  // Several services may share one process (the embedded default): register each metric once.
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** Messages handled per topic, group and outcome (applied, duplicate, dead_lettered, retried). */
export const messagesHandled = getOrCreate(
  'amazon_channel_messages_handled_total',
  () => new Counter({ name: 'amazon_channel_messages_handled_total', help: 'Messages handled by outcome', labelNames: ['group', 'topic', 'outcome'] }),
);

/** Handler duration per topic and group. */
export const handlerDuration = getOrCreate(
  'amazon_channel_message_handler_seconds',
  () =>
    new Histogram({
      name: 'amazon_channel_message_handler_seconds',
      help: 'Message handler duration',
      labelNames: ['group', 'topic'],
      buckets: [0.005, 0.02, 0.1, 0.5, 2, 10],
    }),
);

/** Events published by the outbox relay. */
export const outboxPublished = getOrCreate(
  'amazon_channel_outbox_published_total',
  () => new Counter({ name: 'amazon_channel_outbox_published_total', help: 'Outbox events published', labelNames: ['service'] }),
);

/** Relay publish failures (the events stay in the outbox and are retried). */
export const outboxPublishFailures = getOrCreate(
  'amazon_channel_outbox_publish_failures_total',
  () => new Counter({ name: 'amazon_channel_outbox_publish_failures_total', help: 'Outbox publish attempts that failed', labelNames: ['service'] }),
);

/** Unpublished outbox events, and the age of the oldest, set by the relay's lag probe. */
export const outboxPending = getOrCreate(
  'amazon_channel_outbox_pending_events',
  () => new Gauge({ name: 'amazon_channel_outbox_pending_events', help: 'Outbox events not yet published', labelNames: ['service'] }),
);
/** Age in seconds of the oldest unpublished outbox event (0 when none). */
export const outboxLagSeconds = getOrCreate(
  'amazon_channel_outbox_lag_seconds',
  () => new Gauge({ name: 'amazon_channel_outbox_lag_seconds', help: 'Age of the oldest unpublished outbox event', labelNames: ['service'] }),
);

/** Consumer lag per group, topic and partition, refreshed on scrape. */
export const consumerLagGauge = getOrCreate(
  'amazon_channel_consumer_lag',
  () => new Gauge({ name: 'amazon_channel_consumer_lag', help: 'Messages not yet consumed', labelNames: ['group', 'topic', 'partition'] }),
);
