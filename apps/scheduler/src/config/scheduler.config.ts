import { databaseConfig, loadConfig } from '@amazon-channel/platform-config';
import { authConfig } from '@amazon-channel/platform-auth';
import { platformConfig } from '@amazon-channel/platform-service';
import { z } from 'zod';

/** The tick's settings, shared by the in-process ticker and `scheduler tick`. */
export const tickConfig = z.object({
  /** The in-process ticker's period; 0 turns it off (a Kubernetes CronJob runs `scheduler tick` instead). */
  SCHEDULER_TICK_EVERY_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /** Due schedules handled per transaction. */
  SCHEDULER_TICK_BATCH: z.coerce.number().int().min(1).max(10_000).default(2_000),
  /** A run no service has started after this long ends FAILED with NOT_STARTED. */
  SCHEDULER_NOT_STARTED_AFTER_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  /** Finished runs older than this are deleted by the tick. */
  JOB_RUNS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(90),
});
/** Parsed {@link tickConfig}. */
export type TickConfig = z.infer<typeof tickConfig>;

/** Everything scheduler reads from its environment, validated at start. */
export const schedulerConfig = platformConfig.and(authConfig).and(tickConfig);
/** Parsed {@link schedulerConfig}. */
export type SchedulerConfig = z.infer<typeof schedulerConfig>;

/**
 * Reads and validates the configuration; `overrides` win over the environment (the embedded
 * launcher runs several services in one process, each with its own PORT).
 */
export function loadSchedulerConfig(overrides: Record<string, string> = {}): SchedulerConfig {
  return loadConfig(schedulerConfig, { PORT: '3005', ...process.env, ...overrides });
}

/** What the migrate step needs: the database only (no bus, no port). */
export function loadMigrationConfig(): z.infer<typeof databaseConfig> {
  return loadConfig(databaseConfig, process.env);
}

/** What `scheduler tick` needs: the database and the tick's settings. */
export function loadTickConfig(): z.infer<typeof databaseConfig> & TickConfig {
  return loadConfig(databaseConfig.extend(tickConfig.shape), process.env);
}
