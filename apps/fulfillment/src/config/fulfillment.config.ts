import { databaseConfig, loadConfig } from '@amazon-channel/platform-config';
import { authConfig } from '@amazon-channel/platform-auth';
import { platformConfig } from '@amazon-channel/platform-service';
import { z } from 'zod';

/** What fulfillment needs beyond the platform: Amazon and the bounds of its retries. */
export const fulfillmentFeatureConfig = z.object({
  /** SP-API base URL for every region (the sandbox in development); unset = Amazon's hosts. */
  SP_API_ENDPOINT: z.url().optional(),
  /** Sends of one package that failed for a transient reason (429 after the client's retries, 5xx, network) before it is FAILED. */
  SHIPMENT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** First delay before a package is tried again after a transient failure (doubles each time, capped at an hour). */
  SHIPMENT_RETRY_BASE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Orders worked on at once by one sync-orders run (calls still queue in the seller's 2 rps budget). */
  SYNC_ORDERS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
});

/** Everything fulfillment reads from its environment, validated at start. */
export const fulfillmentConfig = platformConfig.and(authConfig).and(fulfillmentFeatureConfig);
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
