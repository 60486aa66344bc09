import { AmazonConnections, LwaGrants } from '@amazon-channel/platform-amazon';
import { ConnectionAccessClientError } from '@amazon-channel/platform-auth';
import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import { createTestDatabase, startSandbox, type SandboxHandle, type TestDatabase } from '@amazon-channel/testing';
import type { DataSource } from 'typeorm';
import { ChannelListingsRepository } from '../channel-listings/channel-listings.repository';
import { LISTINGS_SERVICE } from '../service';
import { finishJob, insertImportJob, loadJobContext } from '../testing/job-context';
import { ImportListingsHandler } from './import-listings.handler';
import { ImportListingsRepository } from './import-listings.repository';

const TENANT = 'tenant-import';
const MARKETPLACE = 'ATVPDKIKX0DER';

describe('ImportListingsHandler against the sandbox and PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let sandbox: SandboxHandle;
  let grants: LwaGrants;
  let handler: ImportListingsHandler;
  let store: ImportListingsRepository;
  let sellerSeq = 0;

  /** A fresh sandbox seller with `listingCount` seeded listings, registered as a connection. */
  async function connectSeller(listingCount: number): Promise<string> {
    const sellingPartnerId = `A${String(Date.now()).slice(-8)}${++sellerSeq}IMP`;
    const seller = await sandbox.admin.createSeller({ sellingPartnerId, region: 'NA', marketplaceIds: [MARKETPLACE], listingCount, orderCount: 0 });
    const connectionId = `conn-${sellingPartnerId.toLowerCase()}`;
    grants.add({ connectionId, tenantId: TENANT, sellingPartnerId, region: 'NA', marketplaceId: MARKETPLACE, endpoint: sandbox.baseUrl }, seller.refreshToken);
    return connectionId;
  }

  async function runImport(connectionId: string, settings: object = {}) {
    const jobId = await insertImportJob(dataSource, { tenantId: TENANT, connectionId, settings });
    const context = await loadJobContext(dataSource, jobId);
    const result = await handler.run(context);
    await finishJob(dataSource, jobId, result.outcome);
    return { jobId, result, context };
  }

  const outbox = (jobId: string, topic: string): Promise<Array<{ payload: { data: Record<string, unknown> } }>> =>
    dataSource.query(`SELECT payload FROM listings.outbox_messages WHERE topic = $1 AND payload->>'causationId' = $2 ORDER BY sequence, position`, [
      topic,
      jobId,
    ]);
  const listingCount = async (connectionId: string): Promise<number> =>
    Number((await dataSource.query('SELECT count(*)::int AS n FROM listings.channel_listings WHERE connection_id = $1', [connectionId]))[0].n);

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([createTestDatabase('listings_import'), startSandbox({ queueMs: 20, processingMs: 20 })]);
    dataSource = createServiceDataSource({ url: database.url, ...LISTINGS_SERVICE });
    await dataSource.initialize();
    await runServiceMigrations(dataSource);
    grants = new LwaGrants(sandbox.lwaTokenUrl, sandbox.app);
    store = new ImportListingsRepository(dataSource, new ChannelListingsRepository(dataSource));
    handler = new ImportListingsHandler(store, new AmazonConnections(grants), { batchSize: 20, reportPollMs: 50 });
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await Promise.all([database?.drop(), sandbox?.stop()]);
  });

  it("refuses a job naming another tenant's connection as CONNECTION_NOT_FOUND before asking Amazon for a report", async () => {
    const connectionId = await connectSeller(5);
    const jobId = await insertImportJob(dataSource, { tenantId: 'tenant-other', connectionId });
    const context = await loadJobContext(dataSource, jobId);

    const refused = await handler.run(context).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConnectionAccessClientError);
    expect(refused).toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
    expect(await listingCount(connectionId)).toBe(0);
    // No report was requested for the other tenant's job: its cursor is still empty.
    const [job] = await dataSource.query('SELECT cursor FROM listings.jobs WHERE id = $1', [jobId]);
    expect(job.cursor ?? {}).toEqual({});
  });

  it("imports a seller's listings with Amazon's values, skips suspect rows by reason and emits one ListingImported per listing", async () => {
    const connectionId = await connectSeller(120);
    const { jobId, result } = await runImport(connectionId);

    // Seeded data: every 53rd listing has no price (lines of SKU 53 and 106); FBA rows (every 11th)
    // have empty quantity by design and are imported, not skipped.
    expect(result.outcome).toBe('SUCCEEDED');
    expect(result.counts).toMatchObject({ rows: 120, created: 118, updated: 0, unchanged: 0, failed: 0, skipped_price_empty: 2, skipped_quantity_empty: 0 });
    expect(await listingCount(connectionId)).toBe(118);

    const amazon = await sandbox.admin.getListing((await grants.forConnection(connectionId, TENANT)).account.sellingPartnerId, 'SKU-0000001');
    const [row] = await dataSource.query(`SELECT * FROM listings.channel_listings WHERE connection_id = $1 AND sku = 'SKU-0000001'`, [connectionId]);
    expect(row.price_minor).toBe(amazon.priceMinor);
    expect(row.quantity).toBe(amazon.quantity);
    expect(row.title).toBeTruthy();
    expect(row.currency).toBe('USD');
    expect(row.link_status).toBe('LINKED');
    expect(row.external_listing_id).toMatch(/^\w{11}$/);
    expect(row.asin).toMatch(/^B0/);

    const [fba] = await dataSource.query(`SELECT * FROM listings.channel_listings WHERE connection_id = $1 AND sku = 'SKU-0000011'`, [connectionId]);
    expect(fba.fulfillment_channel).toBe('AMAZON_NA');
    expect(fba.quantity).toBeNull();

    const imported = await outbox(jobId, 'listings.listing.imported.v1');
    expect(imported).toHaveLength(118);
    expect(new Set(imported.map((e) => e.payload.data['sku'])).size).toBe(118);
    expect(imported.every((e) => e.payload.data['change'] === 'CREATED')).toBe(true);
    const completed = await outbox(jobId, 'listings.import.completed.v1');
    expect(completed).toHaveLength(1);
    expect(completed[0]?.payload.data).toMatchObject({ created: 118, updated: 0, failed: 0, skipped: { price_empty: 2 } });
  }, 60_000);

  it('re-imports an unchanged report without writing a row or emitting a listing event', async () => {
    const connectionId = await connectSeller(60);
    await runImport(connectionId, { mode: 'CREATE_AND_OVERWRITE', overwriteProductData: true });
    const before = await dataSource.query(
      `SELECT sku, updated_at, xmin::text AS version FROM listings.channel_listings WHERE connection_id = $1 ORDER BY sku`,
      [connectionId],
    );

    const again = await runImport(connectionId, { mode: 'CREATE_AND_OVERWRITE', overwriteProductData: true });

    expect(again.result.counts).toMatchObject({ rows: 60, created: 0, updated: 0, unchanged: before.length });
    expect(await outbox(again.jobId, 'listings.listing.imported.v1')).toHaveLength(0);
    const after = await dataSource.query(`SELECT sku, updated_at, xmin::text AS version FROM listings.channel_listings WHERE connection_id = $1 ORDER BY sku`, [
      connectionId,
    ]);
    expect(after).toEqual(before);
  }, 60_000);

  it.each([
    ['offer values only', { mode: 'CREATE_AND_OVERWRITE' }],
    ['product data too', { mode: 'CREATE_AND_OVERWRITE', overwriteProductData: true }],
  ])(
    're-imports an unchanged report in overwrite mode (%s) after a Create Only import without writing or emitting',
    async (_name, overwrite) => {
      const connectionId = await connectSeller(45);
      const first = await runImport(connectionId, { mode: 'CREATE_ONLY' });
      expect(first.result.counts['created']).toBeGreaterThan(0);
      const before = await dataSource.query(
        `SELECT sku, updated_at, xmin::text AS version FROM listings.channel_listings WHERE connection_id = $1 ORDER BY sku`,
        [connectionId],
      );

      const again = await runImport(connectionId, overwrite);

      expect(again.result.counts).toMatchObject({ rows: 45, created: 0, updated: 0, unchanged: before.length });
      expect(await outbox(again.jobId, 'listings.listing.imported.v1')).toHaveLength(0);
      const after = await dataSource.query(
        `SELECT sku, updated_at, xmin::text AS version FROM listings.channel_listings WHERE connection_id = $1 ORDER BY sku`,
        [connectionId],
      );
      expect(after).toEqual(before);
    },
    60_000,
  );

  it('applies the quantity threshold and Set New Listings to Paused', async () => {
    const connectionId = await connectSeller(40);
    const { result } = await runImport(connectionId, { quantityThreshold: 20, pauseNewListings: true });

    const high: Array<{ n: number }> = await dataSource.query(
      'SELECT count(*)::int AS n FROM listings.channel_listings WHERE connection_id = $1 AND quantity > 20',
      [connectionId],
    );
    expect(high[0]?.n).toBe(0);
    expect(result.counts['skipped_quantity_too_high']).toBeGreaterThan(0);
    expect((result.counts['created'] ?? 0) + (result.counts['skipped_quantity_too_high'] ?? 0)).toBe(40);
    const statuses: Array<{ listing_status: string }> = await dataSource.query(
      'SELECT DISTINCT listing_status FROM listings.channel_listings WHERE connection_id = $1',
      [connectionId],
    );
    expect(statuses.map((s) => s.listing_status)).toEqual(['PAUSED']);
  }, 60_000);

  it("ends the job with Amazon's reason when the report ends FATAL", async () => {
    const connectionId = await connectSeller(10);
    await sandbox.admin.injectFault({ reportFatal: true });
    try {
      const { result } = await runImport(connectionId);
      expect(result.outcome).toBe('FAILED');
      expect(result.summary).toMatch(/FATAL: The report could not be generated for marketplace ATVPDKIKX0DER/);
      expect(await listingCount(connectionId)).toBe(0);
    } finally {
      await sandbox.admin.clearFaults();
    }
  }, 60_000);

  it('resumes after a crash mid-import from the last committed batch: no duplicate, no lost row', async () => {
    const connectionId = await connectSeller(150);
    const jobId = await insertImportJob(dataSource, { tenantId: TENANT, connectionId });
    const abort = new AbortController();
    const first = await loadJobContext(dataSource, jobId, abort.signal);
    // The worker dies after its third committed batch (each batch commits with its checkpoint).
    let batches = 0;
    const crashing = Object.create(store) as ImportListingsRepository;
    crashing.applyBatch = async (...args) => {
      const written = await store.applyBatch(...args);
      if (++batches === 3) abort.abort();
      return written;
    };
    const crashingHandler = new ImportListingsHandler(crashing, new AmazonConnections(grants), { batchSize: 20, reportPollMs: 50 });
    await expect(crashingHandler.run(first)).rejects.toThrow(/interrupted/);
    const partial = await listingCount(connectionId);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(147);

    const second = await loadJobContext(dataSource, jobId);
    expect(second.job.step).toBe('rows-applied');
    const result = await handler.run(second);
    await finishJob(dataSource, jobId, result.outcome);

    // 150 rows: SKUs 53, 106 have no price.
    expect(result.counts).toMatchObject({ rows: 150, created: 148, skipped_price_empty: 2, failed: 0 });
    expect(await listingCount(connectionId)).toBe(148);
    const events = await outbox(jobId, 'listings.listing.imported.v1');
    expect(events).toHaveLength(148);
    expect(new Set(events.map((e) => e.payload.data['sku'])).size).toBe(148);
    expect(await outbox(jobId, 'listings.import.completed.v1')).toHaveLength(1);
  }, 60_000);
});
