/** The fulfillment service booted in-process against a real PostgreSQL, Kafka and the sp-api sandbox, for int-specs and the benchmark. */
import { createEnvelope, type EventDefinition } from '@amazon-channel/contracts';
import { LwaGrants } from '@amazon-channel/platform-amazon';
import { ConnectionsProjectionRepository } from '@amazon-channel/platform-auth';
import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import type { RunningService } from '@amazon-channel/platform-service';
import type { SpApiObserver } from '@amazon-channel/sp-api';
import { createTestDatabase, kafkaBrokers, startSandbox, type SandboxHandle, type TestDatabase } from '@amazon-channel/testing';
import { SignJWT } from 'jose';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { createSecretKey, randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { startFulfillment } from '../bootstrap';
import { FULFILLMENT_SERVICE } from '../service';

const JWT_SECRET = 'fulfillment-test-jwt-secret-fulfillment-test';

/** A JSON value as the specs read it: loosely, field by field. */
export type JsonBody = ReturnType<typeof JSON.parse>;

/** fulfillment on a fresh database, with Kafka, the sandbox, a producer for the platform's and orders' events, and captured logs. */
export interface FulfillmentHarness {
  service: RunningService;
  sandbox: SandboxHandle;
  database: TestDatabase;
  dataSource: DataSource;
  grants: LwaGrants;
  logs: () => string;
  http(tenantId: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: JsonBody }>;
  /** A sandbox seller (US) with no orders, registered as connection `connectionId` of `tenantId` (grants and projection). */
  seller(tenantId: string, connectionId: string): Promise<string>;
  /** Publishes an event on Kafka as its producer would (envelope, key). */
  publish<S extends z.ZodType>(definition: EventDefinition<S>, data: z.input<S>, tenantId: string, producer?: string): Promise<string>;
  /** Stops the service (as a crash would, between two steps) and starts it again on the same database. */
  restart(env?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

/**
 * Boots the harness. `env` overrides the service's configuration (e.g. `APP_ROLES: 'api,consumer'`
 * keeps queued runs from starting until {@link FulfillmentHarness.restart} brings a worker).
 */
export async function startFulfillmentHarness(name: string, env: Record<string, string> = {}, observer?: SpApiObserver): Promise<FulfillmentHarness> {
  const sandbox = await startSandbox();
  const database = await createTestDatabase(name);
  const migrator = createServiceDataSource({ url: database.url, ...FULFILLMENT_SERVICE });
  await runServiceMigrations(migrator);
  await migrator.destroy();
  const grants = new LwaGrants(sandbox.lwaTokenUrl, sandbox.app);
  let captured = '';
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => {
    captured += chunk.toString('utf8');
  });
  const brokers = await kafkaBrokers();
  const groupPrefix = `fulfillment-test-${randomBytes(4).toString('hex')}-`;
  const boot = async (extra: Record<string, string>) => {
    const service = await startFulfillment(
      {
        PORT: '0',
        DATABASE_URL: database.url,
        BUS_DRIVER: 'kafka',
        KAFKA_BROKERS: brokers,
        CONSUMER_GROUP_PREFIX: groupPrefix,
        AUTH_JWT_SECRET: JWT_SECRET,
        INTERNAL_API_TOKEN: 'fulfillment-test-internal-token-000000000001',
        SP_API_ENDPOINT: sandbox.baseUrl,
        LOG_LEVEL: 'info',
        JOBS_POLL_MS: '100',
        OUTBOX_POLL_MS: '50',
        SHIPMENT_RETRY_BASE_SECONDS: '0',
        // The run's topics are shared: reading from the beginning, this service meets every other spec's
        // OrderImported, whose connections it never projects (retried, then dead-lettered). Short backoffs
        // keep that backlog from delaying this spec's own events by minutes.
        CONSUMER_BACKOFF_MS: '1',
        CONSUMER_BACKOFF_MAX_MS: '5',
        ...env,
        ...extra,
      },
      logStream,
      { grants, spApiObserver: observer },
    );
    await service.connected;
    return service;
  };
  let service = await boot({});
  const kafka = new Kafka({ clientId: `fulfillment-test-${name}`, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const producer: Producer = kafka.producer();
  await producer.connect();
  const token = (tenantId: string) =>
    new SignJWT({ tenant_id: tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`user-of-${tenantId}`)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(createSecretKey(Buffer.from(JWT_SECRET)));
  let sellers = 0;
  const harness: FulfillmentHarness = {
    service,
    sandbox,
    database,
    dataSource: service.app.get(DataSource),
    grants,
    logs: () => captured,
    async http(tenantId, method, path, body) {
      const res = await fetch(`${harness.service.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${await token(tenantId)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async seller(tenantId, connectionId) {
      const sellingPartnerId = `A9FUL${Date.now().toString(36).toUpperCase().slice(-6)}${String(++sellers).padStart(3, '0')}`;
      const created = await sandbox.admin.createSeller({ sellingPartnerId, region: 'NA', marketplaceIds: ['ATVPDKIKX0DER'], orderCount: 0, listingCount: 5 });
      grants.add({ connectionId, tenantId, sellingPartnerId, region: 'NA', marketplaceId: 'ATVPDKIKX0DER', endpoint: null }, created.refreshToken);
      await harness.service.app
        .get(ConnectionsProjectionRepository)
        .apply({ connectionId, tenantId, sellingPartnerId, region: 'NA', marketplaceId: 'ATVPDKIKX0DER', status: 'ACTIVE', revision: 1 });
      return sellingPartnerId;
    },
    async publish(definition, data, tenantId, from = 'platform') {
      const parsed = definition.data.parse(data);
      const envelope = createEnvelope(definition, parsed, {
        producer: from,
        tenantId,
        connectionId: (parsed as { connectionId?: string }).connectionId ?? null,
        correlationId: randomBytes(8).toString('hex'),
      });
      await producer.send({ topic: definition.topic, acks: -1, messages: [{ key: definition.key(parsed), value: JSON.stringify(envelope) }] });
      return envelope.id;
    },
    async restart(extra = {}) {
      await harness.service.close().catch(() => undefined);
      service = await boot(extra);
      harness.service = service;
      harness.dataSource = service.app.get(DataSource);
    },
    async close() {
      await producer.disconnect().catch(() => undefined);
      await harness.service.close().catch(() => undefined);
      await sandbox.stop();
      await database.drop();
    },
  };
  return harness;
}
