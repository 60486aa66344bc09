import { databaseConfig, loadConfig } from '@amazon-channel/platform-config';
import { authConfig } from '@amazon-channel/platform-auth';
import { platformConfig } from '@amazon-channel/platform-service';
import { z } from 'zod';

/** Where listings reaches auth-connections and Amazon, with defaults that work under `npm start`. */
export const listingsOwnConfig = z.object({
  /** Base URL of auth-connections, whose internal route hands out a connection's access token. */
  AUTH_CONNECTIONS_URL: z.url().default('http://127.0.0.1:3001'),
  /**
   * SP-API base URL override (the sandbox in development and tests). Unset: the endpoint that
   * auth-connections returns with the token, else Amazon's production host of the seller's region.
   */
  SP_API_ENDPOINT: z.url().optional(),
  /** Rows per committed batch of Import Listings: one transaction, one checkpoint. */
  IMPORT_BATCH_SIZE: z.coerce.number().int().min(10).max(20_000).default(2_000),
  /** Report polling interval while Amazon prepares GET_MERCHANT_LISTINGS_ALL_DATA. */
  IMPORT_REPORT_POLL_MS: z.coerce.number().int().min(50).max(120_000).default(2_000),
  /** Sync: how often a submitted feed's status is asked. */
  SYNC_FEED_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(5_000),
  /** Sync: a feed not DONE after this is STUCK; its SKUs fail (sent again next run) and the run goes on. */
  SYNC_FEED_STUCK_AFTER_MS: z.coerce.number().int().min(100).max(86_400_000).default(1_800_000),
  /** Sync: how often ACCEPTED SKUs are read back. */
  SYNC_LANDING_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(10_000),
  /** Sync: ACCEPTED values not live after this are NOT_APPLIED (sent again once). */
  SYNC_LANDING_TIMEOUT_MS: z.coerce.number().int().min(100).max(86_400_000).default(900_000),
  /** Feed polling interval of bulk publishes (JSON_LISTINGS_FEED takes minutes on Amazon). */
  PUBLISH_FEED_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(30_000),
  /** Wait between landing read-backs of published SKUs. */
  PUBLISH_LANDING_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(30_000),
  /** Read-back rounds before a published SKU is left PUBLISHED (not confirmed live) in the run's result. */
  PUBLISH_LANDING_ROUNDS: z.coerce.number().int().min(1).max(200).default(20),
});

/** Everything listings reads from its environment, validated at start. */
export const listingsConfig = platformConfig.and(authConfig).and(listingsOwnConfig);
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
