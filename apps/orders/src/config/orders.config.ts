import { databaseConfig, loadConfig } from '@amazon-channel/platform-config';
import { platformConfig } from '@amazon-channel/platform-service';
import type { z } from 'zod';

/** Everything orders reads from its environment, validated at start. */
export const ordersConfig = platformConfig;
/** Parsed {@link ordersConfig}. */
export type OrdersConfig = z.infer<typeof ordersConfig>;

/**
 * Reads and validates the configuration; `overrides` win over the environment (the embedded
 * launcher runs several services in one process, each with its own PORT).
 */
export function loadOrdersConfig(overrides: Record<string, string> = {}): OrdersConfig {
  return loadConfig(ordersConfig, { PORT: '3003', ...process.env, ...overrides });
}

/** What the migrate step needs: the database only (no bus, no port). */
export function loadMigrationConfig(): z.infer<typeof databaseConfig> {
  return loadConfig(databaseConfig, process.env);
}
