import { AmazonConnections, LwaGrants } from '@amazon-channel/platform-amazon';
import { ConnectionsProjectionRepository } from '@amazon-channel/platform-auth';
import type { RunningService } from '@amazon-channel/platform-service';
import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import { createTestDatabase, kafkaBrokers, startSandbox, type SandboxHandle, type TestDatabase } from '@amazon-channel/testing';
import { SignJWT } from 'jose';
import { Kafka, logLevel } from 'kafkajs';
import { createSecretKey, randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { DataSource } from 'typeorm';
import { startListings } from './bootstrap';
import { LISTINGS_SERVICE } from './service';

const JWT_SECRET = 'listings-test-jwt-secret-listings-test-jwt-secret';
const TENANT = 'tenant-a';
const OTHER_TENANT = 'tenant-b';
// Connection ids are UUIDs (auth-connections mints uuidv7); the platform refuses others in paths.
const CONNECTION = '0190a8f2-7c1e-7d3a-9b2c-1d2e3f4a5b6c';

/** The listings service in-process on a fresh database, the harness's Kafka broker and the sandbox's demo seller (50 listings). */
describe('listings service: Import Listings over HTTP, the job runner and Kafka', () => {
  let database: TestDatabase;
  let sandbox: SandboxHandle;
  let service: RunningService;
  let brokers: string;
  let grants: LwaGrants;

  const token = (tenantId: string) =>
    new SignJWT({ tenant_id: tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(createSecretKey(Buffer.from(JWT_SECRET)));
  async function http(tenantId: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await token(tenantId)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  async function waitForJob(jobId: string): Promise<any> {
    for (let i = 0; i < 200; i++) {
      const { body } = await http(TENANT, 'GET', `/jobs/${jobId}`);
      if (!['QUEUED', 'RUNNING'].includes(body.status)) return body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${jobId} did not finish`);
  }

  beforeAll(async () => {
    [database, sandbox, brokers] = await Promise.all([createTestDatabase('listings_app'), startSandbox({ queueMs: 20, processingMs: 20 }), kafkaBrokers()]);
    const migrator = createServiceDataSource({ url: database.url, ...LISTINGS_SERVICE });
    await runServiceMigrations(migrator);
    await migrator.destroy();
    const { sellingPartnerId, region, refreshToken } = sandbox.demoSeller;
    grants = new LwaGrants(sandbox.lwaTokenUrl, sandbox.app).add(
      { connectionId: CONNECTION, tenantId: TENANT, sellingPartnerId, region, marketplaceId: 'ATVPDKIKX0DER', endpoint: null },
      refreshToken,
    );
    service = await startListings(
      {
        PORT: '0',
        DATABASE_URL: database.url,
        BUS_DRIVER: 'kafka',
        KAFKA_BROKERS: brokers,
        CONSUMER_GROUP_PREFIX: `listings-test-${randomBytes(4).toString('hex')}-`,
        AUTH_JWT_SECRET: JWT_SECRET,
        INTERNAL_API_TOKEN: 'listings-test-internal-token-000000000000001',
        SP_API_ENDPOINT: sandbox.baseUrl,
        LOG_LEVEL: 'warn',
        JOBS_POLL_MS: '100',
        OUTBOX_POLL_MS: '50',
        IMPORT_BATCH_SIZE: '20',
        IMPORT_REPORT_POLL_MS: '50',
      },
      new PassThrough().resume(),
      { grants },
    );
    await service.connected;
    // What auth-connections' ConnectionChanged would have told listings: the connection is TENANT's.
    await service.app.get(ConnectionsProjectionRepository).apply({
      connectionId: CONNECTION,
      tenantId: TENANT,
      sellingPartnerId: sandbox.demoSeller.sellingPartnerId,
      region: 'NA',
      marketplaceId: 'ATVPDKIKX0DER',
      status: 'ACTIVE',
      revision: 1,
    });
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    await Promise.all([database?.drop(), sandbox?.stop()]);
  });

  it('queues an import (409 while one is open), runs it, and publishes every ListingImported to Kafka', async () => {
    const started = await http(TENANT, 'POST', `/connections/${CONNECTION}/jobs/import-listings`, { mode: 'CREATE_AND_OVERWRITE', overwriteProductData: true });
    expect(started.status).toBe(201);
    const again = await http(TENANT, 'POST', `/connections/${CONNECTION}/jobs/import-listings`, {});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'JOB_ALREADY_OPEN', details: [], context: { jobId: started.body.id } });
    // Another tenant naming this connection: 404 (not the owner's 409) while the owner's run is open, and never the owner's job id.
    const foreign = await http(OTHER_TENANT, 'POST', `/connections/${CONNECTION}/jobs/import-listings`, {});
    expect([foreign.status, foreign.body.code]).toEqual([404, 'CONNECTION_NOT_FOUND']);
    expect(JSON.stringify(foreign.body)).not.toContain(started.body.id);
    expect((await http(TENANT, 'POST', `/connections/${CONNECTION}/jobs/import-listings`, { overwriteProductData: true })).status).toBe(400);

    const job = await waitForJob(started.body.id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', counts: { rows: 50, created: 50, failed: 0 } });
    const result = await http(TENANT, 'GET', `/connections/${CONNECTION}/jobs/import-listings/${job.id}`);
    expect(result.body).toMatchObject({ job: { id: job.id }, rowErrors: [] });
    expect((await http(OTHER_TENANT, 'GET', `/connections/${CONNECTION}/jobs/import-listings/${job.id}`)).status).toBe(404);

    const kafka = new Kafka({ clientId: 'listings-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `listings-test-reader-${randomBytes(4).toString('hex')}` });
    const skus = new Set<string>();
    let completed: any;
    let deadline: NodeJS.Timeout | undefined;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: ['listings.listing.imported.v1', 'listings.import.completed.v1'], fromBeginning: true });
      const done = new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: async ({ topic, message }) => {
            const envelope = JSON.parse(message.value?.toString('utf8') ?? '{}');
            if (envelope.data?.jobRunId !== job.id) return;
            if (topic === 'listings.import.completed.v1') completed = envelope;
            else skus.add(envelope.data.sku);
            if (skus.size === 50 && completed) resolve();
          },
        });
      });
      const timedOut = new Promise<never>((_, reject) => {
        deadline = setTimeout(() => reject(new Error(`only ${skus.size} events arrived`)), 30_000);
      });
      await Promise.race([done, timedOut]);
    } finally {
      // A pending deadline would hold Jest's process open for up to 30 s after the run.
      clearTimeout(deadline);
      await consumer.disconnect();
    }
    expect(completed).toMatchObject({ tenantId: TENANT, connectionId: CONNECTION, data: { created: 50, updated: 0, failed: 0 } });
  }, 60_000);

  it("lists the tenant's listings with filters and cursor pagination, and no other tenant's", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: any } = await http(
        TENANT,
        'GET',
        `/listings?connectionId=${CONNECTION}&limit=15${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(15);
      seen.push(...page.body.items.map((l: { sku: string }) => l.sku));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);

    const prefixed = await http(TENANT, 'GET', '/listings?skuPrefix=SKU-000001&limit=100');
    expect(prefixed.body.items.map((l: { sku: string }) => l.sku).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `SKU-00000${10 + i}`));
    const hidden = await http(TENANT, 'GET', '/listings?status=HIDDEN&limit=100');
    expect(hidden.body.items.length).toBeGreaterThan(0);
    expect(hidden.body.items.every((l: { listingStatus: string }) => l.listingStatus === 'HIDDEN')).toBe(true);
    expect((await http(TENANT, 'GET', '/listings?linkStatus=UNLINKED')).body.items).toEqual([]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await http(TENANT, 'GET', `/listings?updatedSince=${encodeURIComponent(future)}`)).body.items).toEqual([]);
    expect((await http(TENANT, 'GET', '/listings?status=SOLD')).status).toBe(400);

    const one = prefixed.body.items[0];
    expect((await http(TENANT, 'GET', `/listings/${one.id}`)).body).toMatchObject({ id: one.id, sku: one.sku });
    expect((await http(OTHER_TENANT, 'GET', `/listings/${one.id}`)).status).toBe(404);
    expect((await http(OTHER_TENANT, 'GET', '/listings')).body.items).toEqual([]);
    expect((await fetch(`${service.url}/listings`)).status).toBe(401);
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
  }, 30_000);

  it("links by exact SKU with Amazon's product type, breaks a link whose SKU left Amazon, and unlinks / relinks", async () => {
    const { sellingPartnerId } = sandbox.demoSeller;
    expect((await http(TENANT, 'PUT', `/connections/${CONNECTION}/platform-listings/SKU-0000003`, { platformListingId: 'p-3', quantity: 4 })).status).toBe(204);
    expect((await http(TENANT, 'PUT', `/connections/${CONNECTION}/platform-listings/NOT-ON-AMAZON`, { platformListingId: 'p-x' })).status).toBe(204);
    const { client } = await new AmazonConnections(grants, { endpointOverride: sandbox.baseUrl }).forConnection(CONNECTION, TENANT);
    await client.listings.deleteListingsItem(sellingPartnerId, 'SKU-0000005', 'ATVPDKIKX0DER');

    const started = await http(TENANT, 'POST', `/connections/${CONNECTION}/jobs/link-listings`);
    expect(started.status).toBe(201);
    const job = await waitForJob(started.body.id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', counts: { linked: 49, broken: 1, not_on_amazon: 1, already_linked: 0 } });

    const [three] = (await http(TENANT, 'GET', '/listings?skuPrefix=SKU-0000003')).body.items;
    expect(three).toMatchObject({
      linkStatus: 'LINKED',
      platformListingId: 'p-3',
      productType: (await sandbox.admin.getListing(sellingPartnerId, 'SKU-0000003')).productType,
    });
    const broken = (await http(TENANT, 'GET', '/listings?linkStatus=BROKEN')).body.items;
    expect(broken.map((l: { sku: string }) => l.sku)).toEqual(['SKU-0000005']);
    const brokenEvents = await service.app.get(DataSource).query(`SELECT payload FROM listings.outbox_events WHERE topic = 'listings.listing.link-broken.v1'`);
    expect(brokenEvents.map((e: { payload: { data: { sku: string } } }) => e.payload.data.sku)).toEqual(['SKU-0000005']);

    const relinkGone = await http(TENANT, 'POST', `/listings/${broken[0].id}/relink`);
    expect(relinkGone).toMatchObject({ status: 409, body: { code: 'NOT_ON_AMAZON' } });
    expect((await http(TENANT, 'POST', `/listings/${three.id}/unlink`)).body).toMatchObject({ linkStatus: 'UNLINKED', platformListingId: null });
    expect((await http(TENANT, 'POST', `/listings/${three.id}/link`)).body).toMatchObject({ linkStatus: 'LINKED', platformListingId: 'p-3' });
    expect((await http(OTHER_TENANT, 'POST', `/listings/${three.id}/unlink`)).status).toBe(404);

    const again = await waitForJob((await http(TENANT, 'POST', `/connections/${CONNECTION}/jobs/link-listings`)).body.id);
    expect(again.counts).toMatchObject({ linked: 0, already_linked: 49, not_on_amazon: 1, broken: 0 });
  }, 60_000);
  it('refuses a platform listing with negative or absurd money, an unknown currency or a NUL byte: coded 400 naming each field, nothing stored', async () => {
    const stored = () => service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM listings.platform_listings WHERE sku = 'SKU-BAD'`);
    const bad = await http(TENANT, 'PUT', `/connections/${CONNECTION}/platform-listings/SKU-BAD`, {
      platformListingId: 'p-1',
      price: { amountMinor: -500, currency: '€€€' },
      quantity: 10_000_000,
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_REQUEST', message: expect.any(String) });
    expect(bad.body.details).toEqual(
      expect.arrayContaining([
        { field: 'price.amountMinor', reason: 'must be at least 1' },
        { field: 'price.currency', reason: expect.stringMatching(/ISO 4217/) },
        { field: 'quantity', reason: expect.stringMatching(/at most/) },
      ]),
    );
    // NUL bytes are refused by the platform's input check before the route runs, wherever they are.
    const nulBody = await http(TENANT, 'PUT', `/connections/${CONNECTION}/platform-listings/SKU-BAD`, { platformListingId: 'p-\u0000' });
    expect(nulBody).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT', details: [{ field: 'body.platformListingId' }] } });
    const nulSku = await http(TENANT, 'PUT', `/connections/${CONNECTION}/platform-listings/SKU-BAD%00`, { platformListingId: 'p-1' });
    expect(nulSku).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT', details: [{ field: 'params.sku' }] } });
    expect((await stored())[0].n).toBe(0);
    // The existing shape still goes through.
    expect(
      (
        await http(TENANT, 'PUT', `/connections/${CONNECTION}/platform-listings/SKU-BAD`, {
          platformListingId: 'p-ok',
          price: { amountMinor: 1999, currency: 'USD' },
          quantity: 3,
        })
      ).status,
    ).toBe(204);
    expect((await stored())[0].n).toBe(1);
  }, 60_000);
});
