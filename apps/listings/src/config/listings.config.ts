import { databaseConfig, loadConfig } from '@amazon-channel/platform-config';
import { platformConfig } from '@amazon-channel/platform-service';
import type { z } from 'zod';

/** Everything listings reads from its environment, validated at start. */
export const listingsConfig = platformConfig;
/** Parsed {@link listingsConfig}. */
export type ListingsConfig = z.infer<typeof listingsConfig>;

/**
 * Reads and validates the configuration; `overrides` win over the environment (the embedded
 * launcher runs several services in one process, each with its own PORT).
 */
export function loadListingsConfig(overrides: Record<string, string> = {}): ListingsConfig {
  return loadConfig(listingsConfig, { PORT: '3002', ...process.env, ...overrides });
}

/** What the migrate step needs: the database only (no bus, no port). */
export function loadMigrationConfig(): z.infer<typeof databaseConfig> {
  return loadConfig(databaseConfig, process.env);
}
