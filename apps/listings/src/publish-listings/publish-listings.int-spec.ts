import { LwaGrants } from '@amazon-channel/platform-amazon';
import { ConnectionsProjectionRepository } from '@amazon-channel/platform-auth';
import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import { JobEntity, type RunningService } from '@amazon-channel/platform-service';
import { MappingTemplates } from '@amazon-channel/platform-templates';
import { AmazonConnections } from '@amazon-channel/platform-amazon';
import { SpApiClient, type CatalogItem } from '@amazon-channel/sp-api';
import { createTestDatabase, kafkaBrokers, startSandbox, type SandboxHandle, type TestDatabase } from '@amazon-channel/testing';
import { gs1CheckDigit } from '@amazon-channel/mapping';
import { SignJWT } from 'jose';
import { createSecretKey, randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { startListings } from '../bootstrap';
import { PlatformListingsRepository } from '../link-listings/platform-listings.repository';
import { LISTINGS_SERVICE } from '../service';
import { loadJobContext } from '../testing/job-context';
import { PlatformPublishCandidates } from './publish-candidates';
import { PublishListingsHandler } from './publish-listings.handler';
import { PublishListingsRepository, type PublishStepWrite } from './publish-listings.repository';
import { PublishLookups } from './publish-lookups';

const JWT_SECRET = 'listings-publish-jwt-secret-listings-publish-jwt';
const TENANT = 'tenant-a';
const OTHER_TENANT = 'tenant-b';
const CONNECTION = '0190a8f2-7c1e-7d3a-9b2c-1d2e3f4a5b70';
const US = 'ATVPDKIKX0DER';
const GATED_BRAND = 'Gatekeep Audio';

/** The sandbox catalog's item n, as its public catalog API describes it. */
interface Item {
  n: number;
  asin: string;
  upc: string;
  brand: string;
  classification: string;
  productType: string;
}
const asinOf = (n: number) => `B0${n.toString(36).toUpperCase().padStart(8, '0')}`;

/**
 * Publish Listings through the API against the sandbox: seed 002's four common errors as golden
 * scenarios, "if no ASIN use UPC", an ambiguous UPC, a gated brand, preview creates nothing,
 * publish (single and bulk) to LIVE, a product type Amazon refuses, an issue after acceptance, and a
 * restart mid-publish that sends nothing twice.
 */
describe('listings: Publish Listings over HTTP against the sandbox', () => {
  let database: TestDatabase;
  let sandbox: SandboxHandle;
  let service: RunningService;
  let grants: LwaGrants;
  let amazon: SpApiClient;
  let items: Item[];

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
    for (let i = 0; i < 1200; i++) {
      const { body } = await http(TENANT, 'GET', `/jobs/${jobId}`);
      if (!['QUEUED', 'RUNNING'].includes(body.status)) return body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${jobId} did not finish`);
  }
  async function publish(skus: string[], mode: 'VALIDATION_PREVIEW' | 'PUBLISH', overwrite = false) {
    const started = await http(TENANT, 'POST', `/connections/${CONNECTION}/jobs/publish-listings`, { skus, mode, overwrite });
    expect(started.status).toBe(201);
    const job = await waitForJob(started.body.id);
    const results = await http(TENANT, 'GET', `/connections/${CONNECTION}/jobs/${job.id}/publish-results?limit=1000`);
    expect(results.status).toBe(200);
    return { job, bySku: new Map<string, any>(results.body.results.map((r: any) => [r.sku, r])) };
  }
  async function describeSkus(rows: Array<Record<string, unknown>>) {
    const res = await http(TENANT, 'PUT', `/connections/${CONNECTION}/platform-listings`, { rows });
    expect([res.status, res.body.rows?.filter((r: any) => r.outcome === 'REJECTED')]).toEqual([200, []]);
  }
  const row = (sku: string, product: Record<string, unknown>, price: number | null = 2599) => ({
    sku,
    platformListingId: `p-${sku}`,
    price: price === null ? null : { amountMinor: price, currency: 'USD' },
    quantity: 4,
    handlingTimeDays: 2,
    fulfillmentChannel: 'DEFAULT',
    product: { title: `Title ${sku}`, condition: 'New', ...product, identifiers: { asin: null, upc: null, ...(product['identifiers'] as object) } },
  });
  /** First catalog item matching `test`, skipping the ones already used. */
  const used = new Set<number>();
  function pick(test: (i: Item) => boolean): Item {
    const found = items.find((i) => !used.has(i.n) && test(i));
    if (!found) throw new Error('the sandbox catalog scan found no such item');
    used.add(found.n);
    return found;
  }
  const plain = (i: Item) =>
    i.brand !== GATED_BRAND && i.classification === 'BASE_PRODUCT' && i.productType !== 'HOME_ORGANIZER' && i.n % 71 !== 3 && i.n % 89 !== 8 && i.n % 89 !== 7;

  beforeAll(async () => {
    let brokers: string;
    [database, sandbox, brokers] = await Promise.all([createTestDatabase('listings_publish'), startSandbox({ queueMs: 20, processingMs: 20 }), kafkaBrokers()]);
    const migrator = createServiceDataSource({ url: database.url, ...LISTINGS_SERVICE });
    await runServiceMigrations(migrator);
    await migrator.destroy();
    const { sellingPartnerId, region, refreshToken } = sandbox.demoSeller;
    grants = new LwaGrants(sandbox.lwaTokenUrl, sandbox.app).add(
      { connectionId: CONNECTION, tenantId: TENANT, sellingPartnerId, region, marketplaceId: US, endpoint: null },
      refreshToken,
    );
    service = await startListings(
      {
        PORT: '0',
        DATABASE_URL: database.url,
        BUS_DRIVER: 'kafka',
        KAFKA_BROKERS: brokers,
        CONSUMER_GROUP_PREFIX: `listings-publish-${randomBytes(4).toString('hex')}-`,
        AUTH_JWT_SECRET: JWT_SECRET,
        INTERNAL_API_TOKEN: 'listings-publish-internal-token-0000000000001',
        SP_API_ENDPOINT: sandbox.baseUrl,
        LOG_LEVEL: 'warn',
        JOBS_POLL_MS: '100',
        OUTBOX_POLL_MS: '50',
        PUBLISH_FEED_POLL_MS: '100',
        PUBLISH_LANDING_POLL_MS: '100',
        PUBLISH_LANDING_ROUNDS: '5',
      },
      new PassThrough().resume(),
      { grants },
    );
    await service.connected;
    await service.app.get(ConnectionsProjectionRepository).apply({
      connectionId: CONNECTION,
      tenantId: TENANT,
      sellingPartnerId,
      region: 'NA',
      marketplaceId: US,
      status: 'ACTIVE',
      revision: 1,
    });
    // The test reads the sandbox catalog through the public Catalog API (its own client and rate budget).
    amazon = new SpApiClient({
      region: 'NA',
      sellingPartnerId,
      accessTokens: (await grants.forConnection(CONNECTION, TENANT)).accessTokens,
      baseUrl: sandbox.baseUrl,
    });
    items = [];
    for (let start = 1; start < 201; start += 20) {
      const asins = Array.from({ length: 20 }, (_, k) => asinOf(start + k));
      const { data } = await amazon.catalog.searchCatalogItems({
        marketplaceIds: [US],
        identifiers: asins,
        identifiersType: 'ASIN',
        includedData: ['summaries', 'identifiers', 'productTypes'],
        pageSize: 20,
      });
      items.push(...data.items.map((c: CatalogItem) => toItem(c)));
    }
  }, 180_000);

  afterAll(async () => {
    await service?.close();
    await Promise.all([database?.drop(), sandbox?.stop()]);
  });

  function toItem(c: CatalogItem): Item {
    const upc = c.identifiers?.[0]?.identifiers.find((i) => i.identifierType === 'UPC')?.identifier ?? '';
    return {
      n: Number.parseInt(c.asin.slice(2), 36),
      asin: c.asin,
      upc,
      brand: c.summaries?.[0]?.brand ?? '',
      classification: c.summaries?.[0]?.itemClassification ?? '',
      productType: c.productTypes?.[0]?.productType ?? '',
    };
  }

  it('missing mapping: with the default template every SKU fails naming amazon.inventory_product.fulfillment_center_id, and nothing is sent', async () => {
    const item = pick(plain);
    await describeSkus([row('MAP-1', { identifiers: { asin: item.asin } })]);
    const { job, bySku } = await publish(['MAP-1'], 'PUBLISH');
    expect(job).toMatchObject({ status: 'FAILED', counts: { failed: 1, catalog_calls: 0, restriction_calls: 0, put_calls: 0 } });
    expect(bySku.get('MAP-1')).toMatchObject({
      state: 'FAILED',
      errors: [
        {
          code: 'MISSING_MAPPING',
          field: 'amazon.inventory_product.fulfillment_center_id',
          message: 'Missing required mapping for amazon.inventory_product.fulfillment_center_id in mapping template',
          fix: expect.stringContaining('DEFAULT'),
        },
      ],
    });
    // The seller maps the fulfillment center (FBM) through the templates API; the remaining scenarios run with it.
    const current = await http(TENANT, 'GET', `/connections/${CONNECTION}/templates/publish-listings`);
    const template = { ...current.body.template, fields: { ...current.body.template.fields, fulfillment_center_id: { kind: 'option', option: 'DEFAULT' } } };
    expect((await http(TENANT, 'PUT', `/connections/${CONNECTION}/templates/publish-listings`, template)).status).toBe(200);
  });

  it('validation preview: each common error and lookup outcome per SKU, and creates nothing', async () => {
    const byAsin = pick(plain);
    const byUpc = pick(plain);
    const note = pick(plain);
    const gated = pick((i) => i.brand === GATED_BRAND && i.classification === 'BASE_PRODUCT' && i.productType !== 'HOME_ORGANIZER');
    const dup = pick((i) => i.n % 89 === 7 && i.brand !== GATED_BRAND);
    const parent = pick((i) => i.classification === 'VARIATION_PARENT');
    const badUpc = byUpc.upc.slice(0, 11) + String((Number(gs1CheckDigit(byUpc.upc.slice(0, 11))) + 1) % 10);
    await describeSkus([
      row('PV-ASIN', { identifiers: { asin: byAsin.asin } }),
      row('PV-UPC', { identifiers: { upc: byUpc.upc } }),
      row('PV-NOTE', { identifiers: { asin: note.asin }, conditionNote: 'Box has a small dent' }),
      row('PV-GATED', { identifiers: { asin: gated.asin } }),
      row('PV-AMBIG', { identifiers: { upc: dup.upc } }),
      row('PV-PARENT', { identifiers: { asin: parent.asin } }),
      row('PV-NOID', {}),
      row('PV-BADUPC', { identifiers: { upc: badUpc } }),
      row('PV-NOPRICE', { identifiers: { asin: byAsin.asin } }, null),
      row('PV-COND', { identifiers: { asin: byAsin.asin }, condition: 'Like new-ish' }),
    ]);
    const skus = ['PV-ASIN', 'PV-UPC', 'PV-NOTE', 'PV-GATED', 'PV-AMBIG', 'PV-PARENT', 'PV-NOID', 'PV-BADUPC', 'PV-NOPRICE', 'PV-COND', 'PV-UNKNOWN'];
    const { job, bySku } = await publish(skus, 'VALIDATION_PREVIEW');
    expect(job).toMatchObject({ status: 'PARTIALLY_SUCCEEDED', counts: { ready: 3, failed: 8 } });
    expect(bySku.get('PV-ASIN')).toMatchObject({ state: 'READY', asin: byAsin.asin, errors: [] });
    // If no ASIN use UPC: the UPC is resolved to its ASIN through the catalog.
    expect(bySku.get('PV-UPC')).toMatchObject({ state: 'READY', asin: byUpc.asin });
    // Condition note on New: the offer is ready, the note is left out with a warning.
    expect(bySku.get('PV-NOTE')).toMatchObject({ state: 'READY', warnings: [expect.objectContaining({ code: 'CONDITION_NOTE_DROPPED' })] });
    expect(bySku.get('PV-NOTE').offer.attributes).not.toHaveProperty('condition_note');
    // Brand gating: Amazon's approval link and the fix (apply, then Link instead of Publish).
    expect(bySku.get('PV-GATED')).toMatchObject({
      state: 'FAILED',
      errors: [{ code: 'BRAND_APPROVAL_REQUIRED', approvalUrl: expect.stringContaining(gated.asin), fix: expect.stringContaining('Link instead of Publish') }],
    });
    expect(bySku.get('PV-AMBIG')).toMatchObject({
      state: 'FAILED',
      errors: [{ code: 'AMBIGUOUS_PRODUCT', candidates: [expect.objectContaining({ asin: dup.asin }), expect.objectContaining({ asin: asinOf(dup.n + 1) })] }],
    });
    expect(bySku.get('PV-PARENT')).toMatchObject({ state: 'FAILED', errors: [{ code: 'VARIATION_PARENT' }] });
    // Product id type without id: "If no ASIN use UPC" picked the type UPC, and the listing has no UPC either.
    expect(bySku.get('PV-NOID')).toMatchObject({
      state: 'FAILED',
      errors: [
        {
          code: 'PRODUCT_ID_REQUIRED_FOR_TYPE',
          field: 'amazon.inventory_product.product_id',
          message: 'The product ID is required when the Product ID Type is provided',
        },
      ],
    });
    expect(bySku.get('PV-BADUPC')).toMatchObject({
      state: 'FAILED',
      errors: [{ code: 'INVALID_PRODUCT_ID', message: expect.stringContaining('check digit') }],
    });
    expect(bySku.get('PV-NOPRICE')).toMatchObject({ state: 'FAILED', errors: [expect.objectContaining({ code: 'PRICE_REQUIRED' })] });
    expect(bySku.get('PV-COND')).toMatchObject({ state: 'FAILED', errors: [expect.objectContaining({ code: 'UNKNOWN_CONDITION' })] });
    expect(bySku.get('PV-UNKNOWN')).toMatchObject({ state: 'FAILED', errors: [{ code: 'NO_PRODUCT_DATA' }] });
    // Preview creates nothing: no channel listing, nothing on Amazon.
    expect((await http(TENANT, 'GET', `/listings?linkStatus=LINKED`)).body.items).toEqual([]);
    for (const sku of ['PV-ASIN', 'PV-UPC']) {
      await expect(amazon.listings.getListingsItem(sandbox.demoSeller.sellingPartnerId, sku, { marketplaceIds: [US] })).rejects.toMatchObject({ status: 404 });
    }
    // Catalog looked up in batches; restriction calls only for resolved ASINs; the other tenant sees nothing.
    expect(job.counts.catalog_calls).toBeLessThanOrEqual(2);
    expect((await http(OTHER_TENANT, 'GET', `/connections/${CONNECTION}/jobs/${job.id}/publish-results`)).status).toBe(404);
    expect((await http(TENANT, 'POST', `/connections/${CONNECTION}/jobs/publish-listings`, { skus: [], mode: 'SHIP_IT' })).body).toMatchObject({
      code: 'INVALID_REQUEST',
      details: expect.arrayContaining([expect.objectContaining({ field: 'skus' }), expect.objectContaining({ field: 'mode' })]),
    });
  });

  it('publishes a small set with putListingsItem: LIVE and LINKED, a refused product type retried as PRODUCT, an issue after acceptance FAILED', async () => {
    const a = pick(plain);
    const b = pick(plain);
    const refused = pick((i) => i.productType === 'HOME_ORGANIZER' && i.brand !== GATED_BRAND && i.classification === 'BASE_PRODUCT' && i.n % 71 !== 3);
    const late = pick((i) => i.n % 71 === 3 && i.brand !== GATED_BRAND && i.classification === 'BASE_PRODUCT' && i.productType !== 'HOME_ORGANIZER');
    await describeSkus([
      row('PUB-A', { identifiers: { asin: a.asin } }),
      row('PUB-B', { identifiers: { upc: b.upc } }),
      row('PUB-PT', { identifiers: { asin: refused.asin } }),
      row('PUB-LATE', { identifiers: { asin: late.asin } }),
    ]);
    const { job, bySku } = await publish(['PUB-A', 'PUB-B', 'PUB-PT', 'PUB-LATE'], 'PUBLISH');
    expect(job).toMatchObject({ status: 'PARTIALLY_SUCCEEDED', counts: { live: 3, failed: 1, feeds: 0 } });
    expect(bySku.get('PUB-A')).toMatchObject({ state: 'LIVE', asin: a.asin });
    expect(bySku.get('PUB-B')).toMatchObject({ state: 'LIVE', asin: b.asin });
    expect(bySku.get('PUB-PT')).toMatchObject({
      state: 'LIVE',
      productType: 'PRODUCT',
      warnings: [expect.objectContaining({ code: 'PRODUCT_TYPE_FALLBACK' })],
    });
    expect(bySku.get('PUB-LATE')).toMatchObject({
      state: 'FAILED',
      errors: [expect.objectContaining({ code: 'NOT_LIVE', issues: [expect.objectContaining({ categories: ['INVALID_IMAGE'] })] })],
    });
    const linked = await http(TENANT, 'GET', `/listings?linkStatus=LINKED&limit=50`);
    // The product type is the catalog's, stored with the listing (PRODUCT where Amazon refused the catalog's).
    expect(linked.body.items.map((l: any) => [l.sku, l.productType, l.asin]).sort()).toEqual([
      ['PUB-A', a.productType, a.asin],
      ['PUB-B', b.productType, b.asin],
      ['PUB-LATE', late.productType, late.asin],
      ['PUB-PT', 'PRODUCT', refused.asin],
    ]);
    const live = await http(TENANT, 'GET', `/listings?publishState=LIVE&limit=50`);
    expect(live.body.items.map((l: any) => l.sku).sort()).toEqual(['PUB-A', 'PUB-B', 'PUB-PT']);
    // Already on Amazon: publishing again without overwrite skips; with overwrite re-sends the offer.
    expect((await publish(['PUB-A'], 'PUBLISH')).bySku.get('PUB-A')).toMatchObject({ state: 'SKIPPED' });
    expect((await publish(['PUB-A'], 'PUBLISH', true)).bySku.get('PUB-A')).toMatchObject({ state: 'LIVE' });
  });

  it('publishes a bulk set as one JSON_LISTINGS_FEED of UPDATE messages, each identifier looked up once', async () => {
    const rows = Array.from({ length: 25 }, (_, k) => row(`BULK-${String(k).padStart(2, '0')}`, { identifiers: { upc: pick(plain).upc } }));
    await describeSkus(rows);
    const { job, bySku } = await publish(
      rows.map((r) => r.sku),
      'PUBLISH',
    );
    expect(job).toMatchObject({ status: 'SUCCEEDED', counts: { live: 25, failed: 0, feeds: 1, put_calls: 0, catalog_calls: 2 } });
    expect([...bySku.values()].every((r) => r.state === 'LIVE' && r.submittedVia.startsWith('feed:'))).toBe(true);
    // A second preview of the same UPCs reads the catalog cache: no catalog call.
    const again = await publish(
      rows.slice(0, 5).map((r) => r.sku),
      'VALIDATION_PREVIEW',
    );
    expect(again.job.counts.catalog_calls).toBe(0);
  });

  it('restart mid-publish: the resumed run sends only what was not sent, nothing twice', async () => {
    const skus = ['RS-1', 'RS-2', 'RS-3'];
    await describeSkus(skus.map((sku) => row(sku, { identifiers: { asin: pick(plain).asin } })));
    const dataSource = service.app.get(DataSource);
    const jobId = uuidv7();
    await dataSource.getRepository(JobEntity).insert({
      id: jobId,
      tenantId: TENANT,
      connectionId: CONNECTION,
      operation: 'publish-listings',
      trigger: 'MANUAL',
      status: 'RUNNING',
      settings: { skus, mode: 'PUBLISH', overwrite: false },
      requestedAt: new Date(),
      startedAt: new Date(),
    });
    // The process "dies" right after the first SKU's result committed.
    const crash = new AbortController();
    class CrashingRepository extends PublishListingsRepository {
      override async commitStep(scope: { tenantId: string; connectionId: string; jobId: string }, step: PublishStepWrite): Promise<void> {
        await super.commitStep(scope, step);
        if (step.results.some((r) => r.state === 'PUBLISHED')) crash.abort();
      }
    }
    const repo = new CrashingRepository(dataSource, service.app.get(PublishListingsRepository)['listings'], service.app.get(PlatformListingsRepository));
    const handler = (r: PublishListingsRepository) =>
      new PublishListingsHandler(
        r,
        new PublishLookups(r),
        new PlatformPublishCandidates(service.app.get(PlatformListingsRepository)),
        service.app.get(MappingTemplates),
        service.app.get(AmazonConnections),
        {
          feedPollMs: 50,
          landingPollMs: 50,
          landingRounds: 5,
        },
      );
    await expect(handler(repo).run(await loadJobContext(dataSource, jobId, crash.signal))).rejects.toThrow();
    const afterCrash = await dataSource.getRepository(JobEntity).findOneByOrFail({ id: jobId });
    expect(afterCrash.counts).toMatchObject({ put_calls: 1 });
    const result = await handler(service.app.get(PublishListingsRepository)).run(await loadJobContext(dataSource, jobId));
    expect(result.counts).toMatchObject({ put_calls: 3, live: 3, failed: 0 });
    const events: Array<{ n: string }> = await dataSource.query(
      `SELECT count(*) AS n FROM listings.outbox_events WHERE event_type = 'listings.listing-published' AND payload->'data'->>'jobRunId' = $1`,
      [jobId],
    );
    expect(Number(events[0]?.n)).toBe(3);
  });
});
