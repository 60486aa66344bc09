import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import type { SpApiCallEvent, SpApiObserver } from '@amazon-channel/sp-api';
import { createTestDatabase, startSandbox, type SandboxHandle, type TestDatabase } from '@amazon-channel/testing';
import type { DataSource } from 'typeorm';
import { LISTINGS_SERVICE } from '../service';
import { LwaConnectionTokenProvider } from './lwa-connection-token.provider';
import { SpApiClients } from './sp-api-clients';

const MARKETPLACE = 'ATVPDKIKX0DER';
// getListingsItem's usage plan (Amazon's, and libs/sp-api's table): 5 requests/s, burst 10.
const RATE = 5;
const BURST = 10;
const CALLS_PER_REPLICA = 15;

/** Every getListingsItem attempt one replica sent: when (ms) and Amazon's answer. */
class CallLog implements SpApiObserver {
  readonly attempts: Array<{ sentAt: number; status: number | undefined }> = [];

  onCall(event: SpApiCallEvent): void {
    if (event.operation === 'listings.getListingsItem') this.attempts.push({ sentAt: Date.now() - event.latencyMs, status: event.status });
  }
}

/** One replica of the service: its own connection pool, token provider and SP-API clients. */
interface Replica {
  clients: SpApiClients;
  tokens: LwaConnectionTokenProvider;
  log: CallLog;
}

describe('SpApiClients: replicas and the rate budget (sandbox, PostgreSQL)', () => {
  let database: TestDatabase;
  let sandbox: SandboxHandle;
  const dataSources: DataSource[] = [];
  let sellerSeq = 0;

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([createTestDatabase('listings_rate_budget'), startSandbox()]);
    for (let i = 0; i < 2; i++) {
      const dataSource = createServiceDataSource({ url: database.url, ...LISTINGS_SERVICE });
      await dataSource.initialize();
      dataSources.push(dataSource);
    }
    await runServiceMigrations(dataSources[0]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(dataSources.map((dataSource) => dataSource.destroy()));
    await Promise.all([database?.drop(), sandbox?.stop()]);
  });

  /** A fresh sandbox seller (so a fresh bucket on Amazon's side) with five listings. */
  async function newSeller(): Promise<{ sellingPartnerId: string; refreshToken: string }> {
    const sellingPartnerId = `A${String(Date.now()).slice(-8)}${++sellerSeq}RATE`;
    const { refreshToken } = await sandbox.admin.createSeller({ sellingPartnerId, region: 'NA', marketplaceIds: [MARKETPLACE], listingCount: 5, orderCount: 0 });
    return { sellingPartnerId, refreshToken };
  }

  function replica(seller: { sellingPartnerId: string; refreshToken: string }, clients: (log: CallLog) => SpApiClients): Replica {
    const log = new CallLog();
    const tokens = new LwaConnectionTokenProvider(sandbox.lwaTokenUrl, sandbox.app).add('conn-1', {
      sellingPartnerId: seller.sellingPartnerId,
      region: 'NA',
      marketplaceId: MARKETPLACE,
      endpoint: sandbox.baseUrl,
      refreshToken: seller.refreshToken,
    });
    return { clients: clients(log), tokens, log };
  }

  /** Both replicas read `CALLS_PER_REPLICA` listings each, all at once; resolves with every call's outcome. */
  async function readListingsAtOnce(replicas: Replica[], sellingPartnerId: string) {
    const accesses = await Promise.all(replicas.map((r) => r.tokens.forConnection('conn-1')));
    // A running replica's connections to Amazon are open already; a first connection set up inside the
    // burst would delay the first arrival, and with it the start of Amazon's refill, behind our bucket's.
    await Promise.all(replicas.map((r, n) => r.clients.forAccess(accesses[n]).sellers.getMarketplaceParticipations()));
    return Promise.allSettled(
      replicas.flatMap((r, n) =>
        Array.from({ length: CALLS_PER_REPLICA }, (_, i) =>
          r.clients.forAccess(accesses[n]).listings.getListingsItem(sellingPartnerId, `SKU-000000${(i % 5) + 1}`, { marketplaceIds: [MARKETPLACE] }),
        ),
      ),
    );
  }

  it('two replicas over one database spend one getListingsItem bucket: together they stay within burst and rate, and Amazon never throttles them', async () => {
    const seller = await newSeller();
    const replicas = dataSources.map((dataSource) => replica(seller, (log) => SpApiClients.withPostgresBuckets(dataSource, sandbox.baseUrl, { observer: log })));

    const outcomes = await readListingsAtOnce(replicas, seller.sellingPartnerId);

    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.status : o.reason))).toEqual(Array(2 * CALLS_PER_REPLICA).fill(200));
    // One attempt per call on each replica: no 429, so no retry.
    for (const r of replicas) {
      expect(r.log.attempts.map((a) => a.status)).toEqual(Array(CALLS_PER_REPLICA).fill(200));
    }

    // Burst and rate hold for the two replicas together: no run of consecutive sends holds more
    // calls than burst + rate × its duration (one call of slack: the timestamps are client-side).
    // So 30 calls take at least (30 − 10 − 1) / 5 s, where each replica alone would send its 15 in 1 s.
    const sends = replicas.flatMap((r) => r.log.attempts.map((a) => a.sentAt)).sort((a, b) => a - b);
    let worstExcess = -Infinity;
    for (let i = 0; i < sends.length; i++) {
      for (let j = i; j < sends.length; j++) worstExcess = Math.max(worstExcess, j - i + 1 - (BURST + (RATE * (sends[j] - sends[i])) / 1000));
    }
    expect(worstExcess).toBeLessThanOrEqual(1);

    // One row per seller and operation, whichever replica called.
    const buckets = await dataSources[1].query('SELECT bucket_key FROM listings.sp_api_rate_limit_bucket WHERE bucket_key LIKE $1 ORDER BY bucket_key', [`${seller.sellingPartnerId}:%`]);
    expect(buckets.map((b: { bucket_key: string }) => b.bucket_key)).toEqual([
      `${seller.sellingPartnerId}:NA:listings.getListingsItem`,
      `${seller.sellingPartnerId}:NA:sellers.getMarketplaceParticipations`,
    ]);
  }, 60_000);

  it('two replicas with in-memory buckets each spend the whole burst, and Amazon throttles them', async () => {
    const seller = await newSeller();
    const replicas = [0, 1].map(() => replica(seller, (log) => new SpApiClients(sandbox.baseUrl, { observer: log })));

    await readListingsAtOnce(replicas, seller.sellingPartnerId);

    const throttled = replicas.flatMap((r) => r.log.attempts).filter((a) => a.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
  }, 60_000);
});
