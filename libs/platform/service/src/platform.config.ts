import { busConfig, databaseConfig, httpConfig, rolesConfig } from '@amazon-channel/platform-config';
import { z } from 'zod';

/** Outbox relay and consumer settings, with defaults that suit both Kafka and the in-process bus. */
export const deliveryConfig = z.object({
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60000).default(100),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  OUTBOX_RETAIN_PUBLISHED_HOURS: z.coerce.number().int().min(1).default(168),
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  CONSUMER_BACKOFF_MS: z.coerce.number().int().min(1).max(60000).default(200),
  /** Prepended to every consumer group: several environments (or test runs) can share one cluster. */
  CONSUMER_GROUP_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/)
    .default(''),
  JOBS_POLL_MS: z.coerce.number().int().min(50).max(60000).default(1000),
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /**
   * A RUNNING job whose heartbeat is older than this belonged to a worker that died and is queued
   * again. Workers beat at a third of it (at most every 10 s), so a live job misses two beats first.
   */
  JOBS_STALE_AFTER_SECONDS: z.coerce.number().int().min(3).max(86400).default(60),
  CONSUMER_BACKOFF_MAX_MS: z.coerce.number().int().min(1).max(300000).default(5000),
});

/** The variables every service reads; apps extend it with their own. */
export const platformConfig = httpConfig.extend(databaseConfig.shape).extend(rolesConfig.shape).extend(deliveryConfig.shape).and(busConfig);
/** Parsed {@link platformConfig}. */
export type PlatformConfig = z.infer<typeof platformConfig>;
