import { ListingImportedV1, ListingsImportCompletedV1, JobStartedV1 } from '@amazon-channel/contracts';
import { startSandbox, type SandboxHandle } from '@amazon-channel/testing';
import { untilConnectionKnown } from './support/connections';
import { connectSandboxSeller } from './support/seller-connection';
import { post, Stack, type RunningProcess } from './support/stack';

const LISTINGS = 60_000;
const BATCH_SIZE = 500;
/** Kill once this many report rows are committed: well past the first batches, well before the end. */
const KILL_AFTER_ROWS = 5_000;
const US = 'ATVPDKIKX0DER';

interface Job {
  id: string;
  status: string;
  step: string | null;
  cursor: { reportId?: string; reportDocumentId?: string; lastLine?: number } | null;
  counts: Record<string, number>;
}

/**
 * Issue 7: killing the listings service mid-import and starting it again resumes Import Listings
 * from the last committed batch, with no duplicate and no lost row. Real processes throughout:
 * auth-connections holds the seller's authorization (website consent against the sandbox), the
 * listings service gets its access tokens from it, imports a 60,000-row report from the sandbox in
 * batches of 500, and is SIGKILLed in the middle; the restarted process takes the orphaned job
 * back once its heartbeat is older than JOBS_STALE_AFTER_SECONDS and finishes it.
 */
describe('Import Listings across a crash of the listings process', () => {
  let stack: Stack;
  let sandbox: SandboxHandle;

  beforeAll(async () => {
    [stack, sandbox] = await Promise.all([Stack.create('listings_restart'), startSandbox({ queueMs: 20, processingMs: 20 })]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([stack?.close(), sandbox?.stop()]);
  });

  const job = async (listings: RunningProcess, id: string): Promise<Job> => {
    const res = await fetch(`${listings.url}/jobs/${id}`, { headers: await stack.authHeaders() });
    if (res.status !== 200) throw new Error(`GET /jobs/${id} answered ${res.status}`);
    return (await res.json()) as Job;
  };
  const count = async (sql: string, params: unknown[]): Promise<number> => (await stack.query<{ n: number }>(sql, params))[0].n;
  const storedListings = (connectionId: string) => count('SELECT count(*)::int AS n FROM listings.channel_listings WHERE connection_id = $1', [connectionId]);
  // outbox_messages lists every message the service emitted, whether stored one per row or in a batch row.
  const outboxRows = (topic: string, jobId: string) =>
    count(`SELECT count(*)::int AS n FROM listings.outbox_messages WHERE topic = $1 AND payload->'data'->>'jobRunId' = $2`, [topic, jobId]);

  it('resumes from the last committed batch after SIGKILL: every row once, every ListingImported once', async () => {
    const sellingPartnerId = 'A1RESTARTSELL01';
    await sandbox.admin.createSeller({ sellingPartnerId, region: 'NA', marketplaceIds: [US], listingCount: LISTINGS, orderCount: 0 });
    const auth = await stack.start('auth-connections', {
      SP_API_ENDPOINT: sandbox.baseUrl,
      LWA_TOKEN_URL: sandbox.lwaTokenUrl,
      SELLER_CENTRAL_URL: sandbox.baseUrl,
    });
    const headers = await stack.authHeaders();
    const connectionId = await connectSandboxSeller(auth, headers, { sellingPartnerId, marketplaceId: US });

    const listingsEnv = {
      AUTH_CONNECTIONS_URL: auth.url,
      SP_API_ENDPOINT: sandbox.baseUrl,
      IMPORT_BATCH_SIZE: String(BATCH_SIZE),
      IMPORT_REPORT_POLL_MS: '50',
      JOBS_POLL_MS: '100',
    };
    let listings = await stack.start('listings', listingsEnv);
    await untilConnectionKnown(listings.url, headers, connectionId);
    const started = await post(`${listings.url}/connections/${connectionId}/jobs/import-listings`, {}, headers);
    expect(started.status).toBe(201);
    const jobId = String(started.body['id']);

    // Watch the run until a few thousand rows are committed, then crash the process.
    let seen: Job;
    for (const deadline = Date.now() + 60_000; ;) {
      seen = await job(listings, jobId);
      if (seen.status !== 'QUEUED' && seen.status !== 'RUNNING')
        throw new Error(`the import ended ${seen.status} before it could be killed: ${JSON.stringify(seen.counts)}`);
      if ((seen.counts['rows'] ?? 0) >= KILL_AFTER_ROWS) break;
      if (Date.now() > deadline) throw new Error(`no ${KILL_AFTER_ROWS} rows committed in time: ${JSON.stringify(seen.counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await stack.stop(listings, 'SIGKILL');

    // What the crash left: a RUNNING job whose committed cursor, counts, rows and events agree.
    const [atCrash] = await stack.query<Job>('SELECT id, status, step, cursor, counts FROM listings.jobs WHERE id = $1', [jobId]);
    expect(atCrash).toMatchObject({ status: 'RUNNING', step: 'rows-applied' });
    const committedRows = atCrash.counts['rows'];
    expect(committedRows).toBeGreaterThanOrEqual(KILL_AFTER_ROWS);
    expect(committedRows).toBeLessThan(LISTINGS);
    // The header is line 1: the cursor names the last committed data line.
    expect(atCrash.cursor?.lastLine).toBe(committedRows + 1);
    expect(await storedListings(connectionId)).toBe(atCrash.counts['created']);
    expect(await outboxRows(ListingImportedV1.topic, jobId)).toBe(atCrash.counts['created']);

    listings = await stack.start('listings', { ...listingsEnv, JOBS_STALE_AFTER_SECONDS: '3' });
    let finished: Job;
    for (const deadline = Date.now() + 60_000; ;) {
      finished = await job(listings, jobId);
      if (finished.status !== 'QUEUED' && finished.status !== 'RUNNING') break;
      if (Date.now() > deadline) throw new Error(`the resumed import did not end in time: ${finished.status} ${JSON.stringify(finished.counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    expect(finished.status).toBe('SUCCEEDED');
    // One report, read once: the resumed run kept the report and counted each of its data lines once.
    expect(finished.cursor).toMatchObject({ reportId: atCrash.cursor?.reportId, reportDocumentId: atCrash.cursor?.reportDocumentId, lastLine: LISTINGS + 1 });
    const { rows, created, updated, unchanged, failed } = finished.counts;
    const skipped = Object.entries(finished.counts)
      .filter(([key]) => key.startsWith('skipped_'))
      .reduce((sum, [, n]) => sum + n, 0);
    expect(rows).toBe(LISTINGS);
    expect({ updated, unchanged, failed }).toEqual({ updated: 0, unchanged: 0, failed: 0 });
    expect(skipped).toBeGreaterThan(0);
    expect(created + skipped + failed).toBe(rows);
    // It ran twice: once in the killed process, once resumed in the new one.
    expect(await outboxRows(JobStartedV1.topic, jobId)).toBe(2);

    // Every imported row stored once, announced once, and the two sets are the same SKUs.
    expect(await storedListings(connectionId)).toBe(created);
    expect(await count('SELECT count(DISTINCT sku)::int AS n FROM listings.channel_listings WHERE connection_id = $1', [connectionId])).toBe(created);
    expect(await outboxRows(ListingImportedV1.topic, jobId)).toBe(created);
    const duplicates = await stack.query(
      `SELECT payload->'data'->>'sku' AS sku FROM listings.outbox_messages WHERE topic = $1 AND payload->'data'->>'jobRunId' = $2 GROUP BY 1 HAVING count(*) > 1`,
      [ListingImportedV1.topic, jobId],
    );
    expect(duplicates).toEqual([]);
    const unannounced = await count(
      `SELECT count(*)::int AS n FROM (
         SELECT sku FROM listings.channel_listings WHERE connection_id = $1
         EXCEPT SELECT payload->'data'->>'sku' FROM listings.outbox_messages WHERE topic = $2 AND payload->'data'->>'jobRunId' = $3
       ) AS unannounced`,
      [connectionId, ListingImportedV1.topic, jobId],
    );
    expect(unannounced).toBe(0);

    const completed = await stack.query<{ payload: { data: Record<string, unknown> } }>(
      `SELECT payload FROM listings.outbox_messages WHERE topic = $1 AND payload->'data'->>'jobRunId' = $2`,
      [ListingsImportCompletedV1.topic, jobId],
    );
    expect(completed).toHaveLength(1);
    expect(completed[0].payload.data).toMatchObject({ connectionId, created, updated: 0, failed: 0 });
  }, 480_000);
});
