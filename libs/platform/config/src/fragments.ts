import { z } from 'zod';

/** HTTP listener and logging. */
export const httpConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535),
  /** Interface the HTTP listener binds: loopback unless told otherwise (containers set 0.0.0.0). */
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

/** PostgreSQL: one server, one schema per service. */
export const databaseConfig = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

/**
 * The event bus: `kafka` in production, `in-process` for the embedded default and unit tests.
 * Kafka settings are required only when Kafka is chosen; an unknown driver fails boot.
 */
export const busConfig = z.discriminatedUnion('BUS_DRIVER', [
  z.object({ BUS_DRIVER: z.literal('in-process') }),
  z.object({
    BUS_DRIVER: z.literal('kafka'),
    KAFKA_BROKERS: z.string().regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'must be host:port[,host:port...]'),
    KAFKA_CLIENT_ID: z.string().min(1).optional(),
    // kafkajs waits 30 s by default; health and start-up must fail fast instead.
    KAFKA_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(500).max(60000).default(5000),
    KAFKA_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(500).max(60000).default(3000),
    // Consumers commit processed offsets this often; a crash replays at most this much (the inbox absorbs it).
    // How long a crashed consumer holds its partitions before the group moves them.
    KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300000).default(30000),
    KAFKA_AUTO_COMMIT_INTERVAL_MS: z.coerce.number().int().min(100).max(600000).default(1000),
  }),
]);
/** Parsed {@link busConfig}. */
export type BusConfig = z.infer<typeof busConfig>;

const ROLES = ['api', 'consumer', 'worker'] as const;
/** One image, three roles: HTTP/gRPC (`api`), Kafka consumers (`consumer`), outbox relay and jobs (`worker`). */
export const rolesConfig = z.object({
  APP_ROLES: z
    .string()
    .default(ROLES.join(','))
    .transform((value) =>
      value
        .split(',')
        .map((role) => role.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ROLES)).min(1)),
});

/**
 * Field encryption keys, `keyId:base64(32 bytes)` comma-separated; the first is used to encrypt
 * unless FIELD_ENCRYPTION_ACTIVE_KEY_ID names another. Older keys stay for decryption until rotated out.
 */
export const encryptionConfig = z.object({
  FIELD_ENCRYPTION_KEYS: z
    .string()
    .regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/, 'must be keyId:base64key[,keyId:base64key...]')
    .refine((value) => value.split(',').every((pair) => Buffer.from(pair.split(':')[1] ?? '', 'base64').length === 32), 'every key must be 32 bytes (base64)'),
  FIELD_ENCRYPTION_ACTIVE_KEY_ID: z.string().min(1).optional(),
});
