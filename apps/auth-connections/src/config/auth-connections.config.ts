import { databaseConfig, loadConfig } from '@amazon-channel/platform-config';
import { platformConfig } from '@amazon-channel/platform-service';
import type { z } from 'zod';

/** Everything auth-connections reads from its environment, validated at start. */
export const authConnectionsConfig = platformConfig;
/** Parsed {@link authConnectionsConfig}. */
export type AuthConnectionsConfig = z.infer<typeof authConnectionsConfig>;

/**
 * Reads and validates the configuration; `overrides` win over the environment (the embedded
 * launcher runs several services in one process, each with its own PORT).
 */
export function loadAuthConnectionsConfig(overrides: Record<string, string> = {}): AuthConnectionsConfig {
  return loadConfig(authConnectionsConfig, { PORT: '3001', ...process.env, ...overrides });
}

/** What the migrate step needs: the database only (no bus, no port). */
export function loadMigrationConfig(): z.infer<typeof databaseConfig> {
  return loadConfig(databaseConfig, process.env);
}
