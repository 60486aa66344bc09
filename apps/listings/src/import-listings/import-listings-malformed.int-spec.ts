import { AmazonConnections, LwaGrants } from '@amazon-channel/platform-amazon';
import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import { createTestDatabase, startSandbox, type SandboxHandle, type TestDatabase } from '@amazon-channel/testing';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { ChannelListingsRepository } from '../channel-listings/channel-listings.repository';
import { LISTINGS_SERVICE } from '../service';
import { finishJob, insertImportJob, loadJobContext } from '../testing/job-context';
import { ImportListingsHandler } from './import-listings.handler';
import { ImportListingsRepository } from './import-listings.repository';

const COLUMNS = [
  'item-name',
  'item-description',
  'listing-id',
  'seller-sku',
  'price',
  'quantity',
  'open-date',
  'image-url',
  'item-is-marketplace',
  'product-id-type',
  'zshop-shipping-fee',
  'item-note',
  'item-condition',
  'zshop-category1',
  'zshop-browse-path',
  'zshop-storefront-feature',
  'asin1',
  'asin2',
  'asin3',
  'will-ship-internationally',
  'expedited-shipping',
  'zshop-boldface',
  'product-id',
  'bid-for-featured-placement',
  'add-delete',
  'pending-quantity',
  'fulfillment-channel',
  'merchant-shipping-group',
  'status',
];

function row(values: Partial<Record<string, string>>): string {
  return COLUMNS.map((c) => values[c] ?? '').join('\t');
}

const good = (sku: string) =>
  row({
    'item-name': `Caf\u00e9 ${sku}`,
    'listing-id': '0123ABCDEFG',
    'seller-sku': sku,
    price: '12.99',
    quantity: '4',
    'pending-quantity': '0',
    'fulfillment-channel': 'DEFAULT',
    status: 'Active',
    asin1: 'B000TEST01',
  });

/**
 * Amazon's files do break (wrong column counts, bad numbers, bytes outside the charset), but the
 * sandbox only writes well-formed reports; this file keeps the real report flow (createReport and
 * polling on the sandbox, real PostgreSQL) and swaps only the document's bytes for a broken one.
 */
describe('Import Listings with malformed report rows', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let sandbox: SandboxHandle;

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([createTestDatabase('listings_malformed'), startSandbox({ queueMs: 20, processingMs: 20 })]);
    dataSource = createServiceDataSource({ url: database.url, ...LISTINGS_SERVICE });
    await dataSource.initialize();
    await runServiceMigrations(dataSource);
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await Promise.all([database?.drop(), sandbox?.stop()]);
  });

  it('reports each malformed row with its line number and imports the rest', async () => {
    const lines = [
      COLUMNS.join('\t'),
      good('GOOD-1'),
      good('SHORT').split('\t').slice(0, 20).join('\t'),
      row({ 'seller-sku': 'BAD-PRICE', price: '12,3x', quantity: '1', 'pending-quantity': '0' }),
      row({ 'seller-sku': 'BAD-QTY', price: '5.00', quantity: 'many', 'pending-quantity': '0' }),
      `${good('BAD-BYTES').replace('Caf\u00e9', 'Caf\u0001')}`,
      row({ price: '5.00', quantity: '1', 'pending-quantity': '0' }),
      // PostgreSQL text cannot hold a NUL: written, it would fail the whole batch.
      good('NUL-BYTE').replace('Caf\u00e9', 'Caf\u0000'),
      good('GOOD-2'),
    ];
    const bytes = Buffer.concat(lines.map((l) => Buffer.concat([iconv.encode(l, 'windows-1252'), Buffer.from('\n')])));
    // 0x81 is not a windows-1252 character: a byte that cannot be decoded.
    bytes[bytes.indexOf(0x01)] = 0x81;
    const { sellingPartnerId, region, refreshToken } = sandbox.demoSeller;
    const grants = new LwaGrants(sandbox.lwaTokenUrl, sandbox.app).add(
      { connectionId: 'conn-malformed', tenantId: 'tenant-malformed', sellingPartnerId, region, marketplaceId: 'ATVPDKIKX0DER', endpoint: sandbox.baseUrl },
      refreshToken,
    );
    const handler = new ImportListingsHandler(
      new ImportListingsRepository(dataSource, new ChannelListingsRepository(dataSource)),
      new AmazonConnections(grants),
      {
        batchSize: 3,
        reportPollMs: 50,
        openDocument: async () => ({ body: Readable.from([bytes]), contentType: 'text/plain;charset=Cp1252' }),
      },
    );
    const jobId = await insertImportJob(dataSource, { tenantId: 'tenant-malformed', connectionId: 'conn-malformed' });

    const result = await handler.run(await loadJobContext(dataSource, jobId));
    await finishJob(dataSource, jobId, result.outcome);

    expect(result.outcome).toBe('PARTIALLY_SUCCEEDED');
    expect(result.counts).toMatchObject({ rows: 8, created: 2, failed: 6 });
    expect(result.summary).toMatch(/6 rows could not be read/);
    const errors: Array<{ line: number; message: string }> = await dataSource.query(
      'SELECT line, message FROM listings.import_row_errors WHERE job_id = $1 ORDER BY line',
      [jobId],
    );
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(errors[0]?.message).toMatch(/Line 3: has 20 columns, the header has 29/);
    expect(errors[1]?.message).toMatch(/price "12,3x" is not a number/);
    expect(errors[2]?.message).toMatch(/quantity "many" is not a whole number/);
    expect(errors[3]?.message).toMatch(/not valid in the report charset/);
    expect(errors[4]?.message).toMatch(/seller-sku is empty/);
    expect(errors[5]?.message).toMatch(/Line 8: SKU NUL-BYTE: item-name contains a NUL byte/);
    const titles: Array<{ sku: string; title: string }> = await dataSource.query(
      'SELECT sku, title FROM listings.channel_listings WHERE connection_id = $1 ORDER BY sku',
      ['conn-malformed'],
    );
    expect(titles).toEqual([
      { sku: 'GOOD-1', title: 'Caf\u00e9 GOOD-1' },
      { sku: 'GOOD-2', title: 'Caf\u00e9 GOOD-2' },
    ]);
  }, 60_000);
});
