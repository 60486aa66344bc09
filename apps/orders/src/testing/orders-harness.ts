/** The orders service booted in-process against a real PostgreSQL, Kafka and the sp-api sandbox, for int-specs. */
import { LwaGrants } from '@amazon-channel/platform-amazon';
import { ConnectionsProjectionRepository } from '@amazon-channel/platform-auth';
import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import type { JobContext, JobEntity, RunningService } from '@amazon-channel/platform-service';
import { createTestDatabase, kafkaBrokers, startSandbox, type SandboxHandle, type TestDatabase } from '@amazon-channel/testing';
import { SignJWT } from 'jose';
import { createSecretKey, randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { startOrders } from '../bootstrap';
import type { Clock } from '../clock/clock';
import { ORDERS_SERVICE } from '../service';

const JWT_SECRET = 'orders-test-jwt-secret-orders-test-jwt-secret';

/** A JSON value as the specs read it: loosely, field by field (what JSON.parse returns). */
export type JsonBody = ReturnType<typeof JSON.parse>;

/** A clock tests can move forward. */
export class TestClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advanceDays(days: number): void {
    this.offsetMs += days * 86_400_000;
  }
}

/** The orders service booted in-process on a fresh database, Kafka and a sandbox, with captured logs. */
export interface OrdersHarness {
  service: RunningService;
  sandbox: SandboxHandle;
  database: TestDatabase;
  dataSource: DataSource;
  /** The sandbox grants the service uses: each connection is registered for its tenant only. */
  grants: LwaGrants;
  clock: TestClock;
  logs: () => string;
  token(tenantId: string): Promise<string>;
  http(tenantId: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: JsonBody }>;
  /** A sandbox seller (US marketplace) with no seeded orders, registered as connection `connectionId` of `tenantId`. */
  seller(tenantId: string, connectionId: string): Promise<string>;
  /**
   * One sandbox seller selling in several marketplaces, with one connection per marketplace on the
   * same authorization (as auth-connections creates them), all of `tenantId`: `{ connectionId: marketplaceId }`.
   */
  sellerWithConnections(tenantId: string, connections: Record<string, string>): Promise<string>;
  /** Puts a connection in orders' connections projection (of the harness's tenant unless named), with no seller account yet. */
  announce(connectionId: string, marketplaceId?: string, tenantId?: string): Promise<void>;
  /** A job context for running a handler directly; checkpoints are recorded (and may throw to simulate a crash). */
  context(
    tenantId: string,
    connectionId: string,
    operation: 'get-orders' | 'pii-redaction',
    job?: Partial<JobEntity>,
    onCheckpoint?: (p: unknown) => void,
  ): { context: JobContext; checkpoints: Array<Record<string, JsonBody>> };
  close(): Promise<void>;
}

/** Boots the harness (about 5 s). */
/**
 * @param tenantId - the tenant whose connections {@link OrdersHarness.seller} and {@link OrdersHarness.announce}
 *   put in orders' connections projection (orders refuses a connection it does not know for the caller's tenant).
 */
export async function startOrdersHarness(name: string, env: Record<string, string> = {}, tenantId = 'tenant-orders'): Promise<OrdersHarness> {
  const sandbox = await startSandbox();
  const database = await createTestDatabase(name);
  const migrator = createServiceDataSource({ url: database.url, ...ORDERS_SERVICE });
  await runServiceMigrations(migrator);
  await migrator.destroy();
  const grants = new LwaGrants(sandbox.lwaTokenUrl, sandbox.app);
  const clock = new TestClock();
  let captured = '';
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => {
    captured += chunk.toString('utf8');
  });
  const service = await startOrders(
    {
      PORT: '0',
      DATABASE_URL: database.url,
      BUS_DRIVER: 'kafka',
      KAFKA_BROKERS: await kafkaBrokers(),
      CONSUMER_GROUP_PREFIX: `orders-test-${randomBytes(4).toString('hex')}-`,
      AUTH_JWT_SECRET: JWT_SECRET,
      INTERNAL_API_TOKEN: 'orders-test-internal-token-0000000000000001',
      FIELD_ENCRYPTION_KEYS: `test-1:${randomBytes(32).toString('base64')}`,
      SP_API_ENDPOINT: sandbox.baseUrl,
      LOG_LEVEL: 'info',
      JOBS_POLL_MS: '100',
      OUTBOX_POLL_MS: '50',
      ...env,
    },
    logStream,
    { grants, clock },
  );
  await service.connected;
  const dataSource = service.app.get(DataSource);
  const token = (tenantId: string) =>
    new SignJWT({ tenant_id: tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`user-of-${tenantId}`)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(createSecretKey(Buffer.from(JWT_SECRET)));
  let sellers = 0;
  // What auth-connections' ConnectionChanged would have told orders.
  const announce = (connectionId: string, owner: string, marketplaceId = 'ATVPDKIKX0DER', sellingPartnerId: string | null = null): Promise<unknown> =>
    service.app
      .get(ConnectionsProjectionRepository)
      .apply({ connectionId, tenantId: owner, sellingPartnerId, region: 'NA', marketplaceId, status: 'ACTIVE', revision: 1 });
  const sellerWithConnections = async (owner: string, connections: Record<string, string>): Promise<string> => {
    const sellingPartnerId = `A9ORD${Date.now().toString(36).toUpperCase().slice(-6)}${String(++sellers).padStart(3, '0')}`;
    const marketplaceIds = [...new Set(Object.values(connections))];
    const created = await sandbox.admin.createSeller({ sellingPartnerId, region: 'NA', marketplaceIds, orderCount: 0, listingCount: 25 });
    for (const [connectionId, marketplaceId] of Object.entries(connections)) {
      grants.add({ connectionId, tenantId: owner, sellingPartnerId, region: 'NA', marketplaceId, endpoint: null }, created.refreshToken);
      await announce(connectionId, owner, marketplaceId, sellingPartnerId);
    }
    return sellingPartnerId;
  };
  return {
    service,
    sandbox,
    database,
    dataSource,
    grants,
    clock,
    logs: () => captured,
    token,
    async http(tenantId, method, path, body) {
      const res = await fetch(`${service.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${await token(tenantId)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    seller: (tenantId, connectionId) => sellerWithConnections(tenantId, { [connectionId]: 'ATVPDKIKX0DER' }),
    sellerWithConnections,
    announce: async (connectionId, marketplaceId, owner = tenantId) => {
      await announce(connectionId, owner, marketplaceId);
    },
    context(tenantId, connectionId, operation, job = {}, onCheckpoint) {
      const checkpoints: Array<Record<string, JsonBody>> = [];
      const entity = {
        id: uuidv7(),
        tenantId,
        connectionId,
        operation,
        trigger: 'API',
        status: 'RUNNING',
        settings: {},
        step: null,
        cursor: null,
        counts: {},
        failureReason: null,
        requestedAt: new Date(),
        startedAt: new Date(),
        finishedAt: null,
        createdAt: new Date(),
        updatedAt: new Date(),
        ...job,
      } as JobEntity;
      return {
        checkpoints,
        context: {
          job: entity,
          signal: new AbortController().signal,
          checkpoint: async (progress) => {
            checkpoints.push(progress);
            onCheckpoint?.(progress);
          },
        },
      };
    },
    async close() {
      await service.close().catch(() => undefined);
      await sandbox.stop();
      await database.drop();
    },
  };
}
