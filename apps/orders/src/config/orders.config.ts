import { databaseConfig, encryptionConfig, loadConfig } from '@amazon-channel/platform-config';
import { authConfig } from '@amazon-channel/platform-auth';
import { platformConfig } from '@amazon-channel/platform-service';
import { z } from 'zod';

/** What orders needs beyond the platform: Amazon, auth-connections, retention. */
export const ordersFeatureConfig = z.object({
  /** SP-API base URL for every region (the sandbox in development); unset = Amazon's hosts. */
  SP_API_ENDPOINT: z.url().optional(),
  /** auth-connections, which alone holds refresh tokens and hands out access tokens. */
  AUTH_CONNECTIONS_URL: z.url().default('http://127.0.0.1:3001'),
  /** How far each get-orders run reads back before the previous run's end (late-arriving updates). */
  ORDERS_OVERLAP_MINUTES: z.coerce.number().int().min(0).max(1440).default(10),
  /** Buyer data is erased this many days after shipment (Amazon's DPP: 30 days after delivery). */
  PII_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

/** Everything orders reads from its environment, validated at start. */
export const ordersConfig = platformConfig.and(authConfig).and(encryptionConfig).and(ordersFeatureConfig);
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
