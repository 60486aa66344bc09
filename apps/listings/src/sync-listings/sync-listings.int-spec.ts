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
import { startListings } from '../bootstrap';
import { LISTINGS_SERVICE } from '../service';

const JWT_SECRET = 'listings-test-jwt-secret-listings-test-jwt-secret';
const TENANT = 'tenant-a';
const OTHER_TENANT = 'tenant-b';
// Connection ids are UUIDs (auth-connections mints uuidv7); the platform refuses others in paths.
const CONNECTION = '0190a8f2-7c1e-7d3a-9b2c-1d2e3f4a5b6c';

/** The listings service in-process on a fresh database, the harness's Kafka broker and the sandbox's demo seller (50 listings, imported first). */
describe('Sync Listings against the sandbox, through the real database and broker', () => {
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
    for (let i = 0; i < 600; i++) {
      const { body } = await http(TENANT, 'GET', `/jobs/${jobId}`);
      if (!['QUEUED', 'RUNNING'].includes(body.status)) return body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${jobId} did not finish`);
  }

  beforeAll(async () => {
    [database, sandbox, brokers] = await Promise.all([createTestDatabase('listings_sync'), startSandbox({ queueMs: 20, processingMs: 20 }), kafkaBrokers()]);
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
        SYNC_FEED_POLL_MS: '50',
        SYNC_LANDING_POLL_MS: '100',
        SYNC_LANDING_TIMEOUT_MS: '1500',
        SYNC_FEED_STUCK_AFTER_MS: '3000',
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
  beforeAll(async () => {
    const imported = await http(TENANT, 'POST', `/connections/${CONNECTION}/jobs/import-listings`, { mode: 'CREATE_ONLY' });
    expect((await waitForJob(imported.body.id)).status).toBe('SUCCEEDED');
  }, 180_000);

  const seller = () => sandbox.demoSeller.sellingPartnerId;
  const db = () => service.app.get(DataSource);
  const put = (sku: string, body: object) =>
    http(TENANT, 'PUT', `/connections/${CONNECTION}/platform-listings/${sku}`, { platformListingId: `p-${sku}`, ...body });
  const state = async (sku: string) =>
    (
      await db().query(
        `SELECT sync_state, sync_reason, sync_issues, desired_version, confirmed FROM listings.platform_listings WHERE connection_id = $1 AND sku = $2`,
        [CONNECTION, sku],
      )
    )[0];
  const feedsOf = async (jobId: string): Promise<Array<{ status: string; messages: Array<{ sku: string; sent: Record<string, number> }>; document: string }>> =>
    db().query(`SELECT status, messages, document FROM listings.sync_feeds WHERE job_id = $1 ORDER BY seq`, [jobId]);
  async function sync(): Promise<any> {
    const started = await http(TENANT, 'POST', `/connections/${CONNECTION}/jobs/sync-listings`);
    expect(started.status).toBe(201);
    return waitForJob(started.body.id);
  }

  it('sends only the deltas; a quantity-only change keeps the handling time; the SKU ends LIVE', async () => {
    const before1 = await sandbox.admin.getListing(seller(), 'SKU-0000001');
    const before2 = await sandbox.admin.getListing(seller(), 'SKU-0000002');
    expect(before1.handlingDays).toBeGreaterThan(0);
    expect((await put('SKU-0000001', { quantity: (before1.quantity ?? 0) + 17 })).status).toBe(204);
    expect((await put('SKU-0000002', { quantity: before2.quantity })).status).toBe(204);
    const job = await sync();
    expect(job).toMatchObject({ status: 'SUCCEEDED', counts: { sent: 1, live: 1, failed: 0, in_sync: 1 } });
    const [feed] = await feedsOf(job.id);
    expect(feed?.messages.map((m) => m.sku)).toEqual(['SKU-0000001']);
    expect(JSON.parse(feed?.document as string).messages[0].patches).toEqual([
      { op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: (before1.quantity ?? 0) + 17 }] },
    ]);
    const after1 = await sandbox.admin.getListing(seller(), 'SKU-0000001');
    expect(after1).toMatchObject({ quantity: (before1.quantity ?? 0) + 17, handlingDays: before1.handlingDays });
    expect(await state('SKU-0000001')).toMatchObject({
      sync_state: 'LIVE',
      confirmed: { quantity: (before1.quantity ?? 0) + 17, handlingTimeDays: before1.handlingDays },
    });
    // The same desired state again writes nothing and queues nothing.
    const version = (await state('SKU-0000001')).desired_version;
    expect((await put('SKU-0000001', { quantity: (before1.quantity ?? 0) + 17 })).status).toBe(204);
    expect(await state('SKU-0000001')).toMatchObject({ sync_state: 'LIVE', desired_version: version });
    expect(await sync()).toMatchObject({ status: 'SUCCEEDED', counts: { sent: 0 } });
  }, 120_000);

  it('never sends a quantity for an FBA SKU; a handling-time change carries the quantity', async () => {
    const fba = await sandbox.admin.getListing(seller(), 'SKU-0000011');
    expect(fba.fulfillmentChannel).toMatch(/^AMAZON_/);
    const three = await sandbox.admin.getListing(seller(), 'SKU-0000003');
    await put('SKU-0000011', { quantity: 50, price: { amountMinor: (fba.priceMinor ?? 1000) + 100, currency: 'USD' } });
    await put('SKU-0000003', { quantity: three.quantity, handlingTimeDays: 9 });
    const job = await sync();
    expect(job.status).toBe('SUCCEEDED');
    const messages = (await feedsOf(job.id)).flatMap((f) => JSON.parse(f.document).messages);
    const fbaMessage = messages.find((m: any) => m.sku === 'SKU-0000011');
    expect(JSON.stringify(fbaMessage.patches)).not.toContain('"quantity"');
    expect(messages.find((m: any) => m.sku === 'SKU-0000003').patches).toEqual([
      {
        op: 'merge',
        path: '/attributes/fulfillment_availability',
        value: [{ fulfillment_channel_code: 'DEFAULT', quantity: three.quantity, lead_time_to_ship_max_days: 9 }],
      },
    ]);
    const fbaAfter = await sandbox.admin.getListing(seller(), 'SKU-0000011');
    expect(fbaAfter.priceMinor).toBe((fba.priceMinor ?? 1000) + 100);
    expect(fbaAfter.quantity).toBeUndefined();
    expect(await sandbox.admin.getListing(seller(), 'SKU-0000003')).toMatchObject({ quantity: three.quantity, handlingDays: 9 });
  }, 120_000);

  it('sends the price before a restock of the same SKU, then the quantity once the price is live', async () => {
    const out = await sandbox.admin.getListing(seller(), 'SKU-0000013');
    expect(out.quantity).toBe(0);
    await put('SKU-0000013', { quantity: 8, price: { amountMinor: (out.priceMinor ?? 1000) + 250, currency: 'USD' } });
    const job = await sync();
    expect(job).toMatchObject({ status: 'SUCCEEDED', counts: { live: 1 } });
    const feeds = await feedsOf(job.id);
    expect(feeds.map((f) => f.messages.map((m) => Object.keys(m.sent).sort()))).toEqual([[['currency', 'priceMinor']], [['quantity']]]);
    expect(await sandbox.admin.getListing(seller(), 'SKU-0000013')).toMatchObject({ quantity: 8, priceMinor: (out.priceMinor ?? 1000) + 250 });
    expect(await state('SKU-0000013')).toMatchObject({ sync_state: 'LIVE' });
  }, 120_000);

  it('marks the SKUs of a feed DONE with per-message errors FAILED with a sentence, and SKUs not on Amazon FAILED unsent', async () => {
    await sandbox.admin.injectFault({ feedErrorSkus: ['SKU-0000004'] });
    try {
      const four = await sandbox.admin.getListing(seller(), 'SKU-0000004');
      const five = await sandbox.admin.getListing(seller(), 'SKU-0000005');
      await put('SKU-0000004', { quantity: (four.quantity ?? 0) + 3 });
      await put('SKU-0000005', { quantity: (five.quantity ?? 0) + 3 });
      await put('NOT-ON-AMAZON', { quantity: 3 });
      const job = await sync();
      expect(job).toMatchObject({ status: 'PARTIALLY_SUCCEEDED', counts: { live: 1, failed: 2, not_on_amazon: 1 } });
      expect(await state('SKU-0000004')).toMatchObject({
        sync_state: 'FAILED',
        sync_reason: 'AMAZON_REJECTED',
        sync_issues: [expect.objectContaining({ code: '5000', sentence: expect.stringMatching(/sent again/) })],
      });
      expect(await state('NOT-ON-AMAZON')).toMatchObject({ sync_state: 'FAILED', sync_reason: 'NOT_ON_AMAZON' });
      expect((await feedsOf(job.id)).flatMap((f) => f.messages.map((m) => m.sku))).toEqual(['SKU-0000004', 'SKU-0000005']);
      expect(await sandbox.admin.getListing(seller(), 'SKU-0000005')).toMatchObject({ quantity: (five.quantity ?? 0) + 3 });
    } finally {
      await sandbox.admin.clearFaults();
    }
  }, 120_000);

  it('answers the bulk route per row: index, coded error naming the field, nothing saved for a bad row', async () => {
    const res = await http(TENANT, 'PUT', `/connections/${CONNECTION}/platform-listings`, {
      rows: [
        { sku: 'BULK-1', platformListingId: 'b-1', quantity: 4 },
        { sku: 'BULK-2', platformListingId: 'b-2', quantity: -1 },
        { sku: 'BULK-3', platformListingId: 'b-3', price: { amountMinor: 0, currency: 'USD' } },
        { sku: 'BULK-4', platformListingId: 'b-4', price: { amountMinor: 100, currency: 'EUR' } },
        { sku: 'BULK-5', platformListingId: 'b-5', handlingTimeDays: 31 },
        { sku: 'BULK-1', platformListingId: 'b-1', quantity: 5 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual({ created: 1, changed: 0, unchanged: 0, rejected: 5 });
    expect(res.body.rows.map((r: any) => [r.index, r.outcome, r.errors?.[0]?.code, r.errors?.[0]?.field])).toEqual([
      [0, 'CREATED', undefined, undefined],
      [1, 'REJECTED', 'INVALID_QUANTITY', 'quantity'],
      [2, 'REJECTED', 'INVALID_PRICE', 'price.amountMinor'],
      [3, 'REJECTED', 'CURRENCY_NOT_MARKETPLACE', 'price.currency'],
      [4, 'REJECTED', 'INVALID_HANDLING_TIME', 'handlingTimeDays'],
      [5, 'REJECTED', 'DUPLICATE_SKU', 'sku'],
    ]);
    expect((await db().query(`SELECT count(*)::int AS n FROM listings.platform_listings WHERE sku LIKE 'BULK-%'`))[0].n).toBe(1);
    expect((await http(OTHER_TENANT, 'PUT', `/connections/${CONNECTION}/platform-listings`, { rows: [{ sku: 'X', platformListingId: 'x' }] })).status).toBe(
      404,
    );
  }, 60_000);
});
