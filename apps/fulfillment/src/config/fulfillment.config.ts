import { databaseConfig, loadConfig } from '@amazon-channel/platform-config';
import { authConfig } from '@amazon-channel/platform-auth';
import { platformConfig } from '@amazon-channel/platform-service';
import type { z } from 'zod';

/** Everything fulfillment reads from its environment, validated at start. */
export const fulfillmentConfig = platformConfig.and(authConfig);
/** Parsed {@link fulfillmentConfig}. */
export type FulfillmentConfig = z.infer<typeof fulfillmentConfig>;

/**
 * Reads and validates the configuration; `overrides` win over the environment (the embedded
 * launcher runs several services in one process, each with its own PORT).
 */
export function loadFulfillmentConfig(overrides: Record<string, string> = {}): FulfillmentConfig {
  return loadConfig(fulfillmentConfig, { PORT: '3004', ...process.env, ...overrides });
}

/** What the migrate step needs: the database only (no bus, no port). */
export function loadMigrationConfig(): z.infer<typeof databaseConfig> {
  return loadConfig(databaseConfig, process.env);
}
