import { ConnectionAccessClientError } from '@amazon-channel/platform-auth';
import { PostgresRateLimitStore, rateLimitBucketDdl, type SpApiCallEvent } from '@amazon-channel/sp-api';
import { createTestDatabase, startSandbox, type SandboxHandle, type TestDatabase } from '@amazon-channel/testing';
import { Client } from 'pg';
import { AmazonConnections } from './amazon-connections';
import { LwaGrants } from './lwa.grants';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';

describe('AmazonConnections (sandbox, PostgreSQL buckets)', () => {
  let database: TestDatabase;
  let sandbox: SandboxHandle;
  let db: Client;

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([createTestDatabase('platform_amazon'), startSandbox()]);
    db = new Client({ connectionString: database.url });
    await db.connect();
    await db.query('CREATE SCHEMA amazon_spec');
    await db.query(rateLimitBucketDdl({ schema: 'amazon_spec' }));
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all([database?.drop(), sandbox?.stop()]);
  });

  async function sellerWithTwoConnections(tenantId: string): Promise<{ grants: LwaGrants; sellingPartnerId: string }> {
    const sellingPartnerId = `A${String(Date.now()).slice(-8)}AMZN`;
    const { refreshToken } = await sandbox.admin.createSeller({ sellingPartnerId, region: 'NA', marketplaceIds: [US, CA], listingCount: 3, orderCount: 0 });
    const grants = new LwaGrants(sandbox.lwaTokenUrl, sandbox.app);
    for (const [connectionId, marketplaceId] of [
      ['conn-us', US],
      ['conn-ca', CA],
    ]) {
      grants.add({ connectionId, tenantId, sellingPartnerId, region: 'NA', marketplaceId, endpoint: sandbox.baseUrl }, refreshToken);
    }
    return { grants, sellingPartnerId };
  }

  it("gives each connection its marketplace and a client on the seller account's one budget", async () => {
    const { grants, sellingPartnerId } = await sellerWithTwoConnections('tenant-a');
    const calls: SpApiCallEvent[] = [];
    const store = new PostgresRateLimitStore(db, { schema: 'amazon_spec' });
    const amazon = new AmazonConnections(grants, { rateLimitStore: store, observer: { onCall: (event) => calls.push(event) } });

    const [us, ca] = await Promise.all([amazon.forConnection('conn-us', 'tenant-a'), amazon.forConnection('conn-ca', 'tenant-a')]);
    expect([us.account.marketplaceId, ca.account.marketplaceId]).toEqual([US, CA]);
    await us.client.sellers.getMarketplaceParticipations();
    await ca.client.sellers.getMarketplaceParticipations();

    expect(calls.map((c) => c.status)).toEqual([200, 200]);
    // Two connections of one seller account spend one bucket per operation, not one each.
    const buckets = await db.query('SELECT bucket_key FROM amazon_spec.sp_api_rate_limit_bucket WHERE bucket_key LIKE $1', [`${sellingPartnerId}:%`]);
    expect(buckets.rows.map((b: { bucket_key: string }) => b.bucket_key)).toEqual([`${sellingPartnerId}:NA:sellers.getMarketplaceParticipations`]);
  }, 60_000);

  it("refuses another tenant's connection as if it did not exist, before any call to Amazon", async () => {
    const { grants } = await sellerWithTwoConnections('tenant-a');
    const calls: SpApiCallEvent[] = [];
    const amazon = new AmazonConnections(grants, { observer: { onCall: (event) => calls.push(event) } });

    const refused = await amazon.forConnection('conn-us', 'tenant-b').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConnectionAccessClientError);
    expect((refused as ConnectionAccessClientError).code).toBe('CONNECTION_NOT_FOUND');
    expect(calls).toEqual([]);
  }, 60_000);
});
