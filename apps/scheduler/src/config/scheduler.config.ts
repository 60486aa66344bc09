import { databaseConfig, loadConfig } from '@amazon-channel/platform-config';
import { authConfig } from '@amazon-channel/platform-auth';
import { platformConfig } from '@amazon-channel/platform-service';
import type { z } from 'zod';

/** Everything scheduler reads from its environment, validated at start. */
export const schedulerConfig = platformConfig.and(authConfig);
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
