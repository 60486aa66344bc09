import { databaseConfig, encryptionConfig, loadConfig } from '@amazon-channel/platform-config';
import { authConfig } from '@amazon-channel/platform-auth';
import { platformConfig } from '@amazon-channel/platform-service';
import { z } from 'zod';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const optionalUrl = z.url().optional();

/**
 * The settings of auth-connections itself. LWA app credentials default to the local sandbox's
 * documented demo app so `npm start` works with no account; production sets its own per region.
 */
export const connectionsOwnConfig = z.object({
  /** gRPC listener of `Connections.GetAccessToken` (0 = a free port, for tests). */
  GRPC_PORT: z.coerce.number().int().min(0).max(65535).default(50051),
  GRPC_HOST: z.string().min(1).default('127.0.0.1'),
  /** Where browsers reach this service (setup links, OAuth redirect URI); default http://localhost:<PORT>. */
  AUTH_CONNECTIONS_PUBLIC_URL: optionalUrl,
  /** The OAuth redirect URI registered with the app; default `<public url>/oauth/callback`. */
  OAUTH_REDIRECT_URI: optionalUrl,
  /** `version=beta` on consent URLs: required while the app is in Draft. */
  OAUTH_APP_DRAFT: flag.default(true),
  OAUTH_STATE_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
  SETUP_LINK_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  /** Seller Central origin override for consent pages (the sandbox); default: the marketplace's Seller Central. */
  SELLER_CENTRAL_URL: optionalUrl,
  /** SP-API base URL for every region (the sandbox); default: Amazon's regional hosts. */
  SP_API_ENDPOINT: optionalUrl,
  SP_API_ENDPOINT_NA: optionalUrl,
  SP_API_ENDPOINT_EU: optionalUrl,
  SP_API_ENDPOINT_FE: optionalUrl,
  LWA_TOKEN_URL: z.url().default('https://api.amazon.com/auth/o2/token'),
  LWA_CLIENT_ID: z.string().min(1).default('amzn1.application-oa2-client.sandboxdemo'),
  /** Plain, or a FieldCipher ciphertext (`v1.<keyId>....`, see `cli.ts encrypt-secret`). */
  LWA_CLIENT_SECRET: z.string().min(1).default('sandbox-demo-client-secret'),
  LWA_APPLICATION_ID: z.string().min(1).default('amzn1.sp.solution.sandboxdemo'),
  /** When the current client secret was issued (Amazon rotates every 180 days). */
  LWA_CLIENT_SECRET_ISSUED_AT: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .optional(),
  LWA_CLIENT_ID_NA: z.string().min(1).optional(),
  LWA_CLIENT_SECRET_NA: z.string().min(1).optional(),
  LWA_APPLICATION_ID_NA: z.string().min(1).optional(),
  LWA_CLIENT_SECRET_ISSUED_AT_NA: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .optional(),
  LWA_CLIENT_ID_EU: z.string().min(1).optional(),
  LWA_CLIENT_SECRET_EU: z.string().min(1).optional(),
  LWA_APPLICATION_ID_EU: z.string().min(1).optional(),
  LWA_CLIENT_SECRET_ISSUED_AT_EU: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .optional(),
  LWA_CLIENT_ID_FE: z.string().min(1).optional(),
  LWA_CLIENT_SECRET_FE: z.string().min(1).optional(),
  LWA_APPLICATION_ID_FE: z.string().min(1).optional(),
  LWA_CLIENT_SECRET_ISSUED_AT_FE: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .optional(),
  /** The Appstore flow's login URI does not say the region; this one is assumed when the callback host does not tell. */
  APPSTORE_DEFAULT_REGION: z.enum(['NA', 'EU', 'FE']).default('NA'),
  REAUTHORIZATION_NOTICE_DAYS: z.coerce.number().int().min(1).max(180).default(30),
  /** How often the service looks for connections whose yearly re-authorization falls due (0 = never; the CLI can run it). */
  REAUTHORIZATION_SCAN_MS: z.coerce.number().int().min(0).default(3_600_000),
});

/** Everything auth-connections reads from its environment, validated at start. */
export const authConnectionsConfig = platformConfig.and(authConfig).and(connectionsOwnConfig.extend(encryptionConfig.shape));
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

/** What the command line needs: the database and the encryption keys. */
export const cliConfig = databaseConfig
  .extend(encryptionConfig.shape)
  .extend({ REAUTHORIZATION_NOTICE_DAYS: connectionsOwnConfig.shape.REAUTHORIZATION_NOTICE_DAYS });

/** Reads {@link cliConfig} from the environment. */
export function loadCliConfig(): z.infer<typeof cliConfig> {
  return loadConfig(cliConfig, process.env);
}
