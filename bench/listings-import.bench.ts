/**
 * Import Listings end to end: a GET_MERCHANT_LISTINGS_ALL_DATA report of N rows from the sandbox
 * (createReport → poll → streamed, gzipped cp1252 download) into PostgreSQL through the listings
 * service's own job handler, with every ListingImported event published to the real Kafka broker
 * by the outbox relay while the import runs. Then the same unchanged report imported again.
 * Not a test: it prints figures.
 *
 *   node tools/bench.js bench/listings-import.bench.ts [rows=1000000] [batch=2000]
 *   (2,000 is the service's IMPORT_BATCH_SIZE default; run with NODE_OPTIONS=--max-old-space-size=192 as k8s runs listings)
 *
 * (tools/bench.js runs it compiled, as the service runs: swc-node's compiler would add ~90 MB RSS.)
 *
 * Goals (issue 7): ≥ 50,000 rows/s, peak RSS < 300 MB and flat as the report grows, and the
 * unchanged re-import ≥ 5× faster than the first import.
 * Needs PostgreSQL (DATABASE_URL or the harness's default); starts a Kafka broker unless KAFKA_BROKERS is set.
 */
import 'reflect-metadata';
import { allTopics } from '@amazon-channel/contracts';
import { AmazonConnections, LwaGrants } from '@amazon-channel/platform-amazon';
import { KafkaTransport, OutboxRelay } from '@amazon-channel/platform-messaging';
import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import type { JobResult } from '@amazon-channel/platform-service';
import { createTestDatabase, kafkaBrokers, startSandbox } from '@amazon-channel/testing';
import * as os from 'node:os';
import { ChannelListingsRepository } from '../apps/listings/src/channel-listings/channel-listings.repository';
import { ImportListingsHandler } from '../apps/listings/src/import-listings/import-listings.handler';
import { ImportListingsRepository } from '../apps/listings/src/import-listings/import-listings.repository';
import { LISTINGS_SERVICE } from '../apps/listings/src/service';
import { finishJob, insertImportJob, loadJobContext } from '../apps/listings/src/testing/job-context';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const BATCH = Number(process.argv[3] ?? 2_000);
const say = (label: string, value: string) => process.stdout.write(`${label.padEnd(52)} ${value}\n`);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

async function main(): Promise<void> {
  const [sandbox, database, brokers] = await Promise.all([
    startSandbox({ queueMs: 20, processingMs: 20 }),
    createTestDatabase('bench_listings'),
    kafkaBrokers(),
  ]);
  const dataSource = createServiceDataSource({ url: database.url, ...LISTINGS_SERVICE, poolSize: 6 });
  await dataSource.initialize();
  await runServiceMigrations(dataSource);
  const sellingPartnerId = 'A1BENCHSELLER1';
  const seller = await sandbox.admin.createSeller({ sellingPartnerId, region: 'NA', marketplaceIds: ['ATVPDKIKX0DER'], listingCount: ROWS, orderCount: 0 });
  const grants = new LwaGrants(sandbox.lwaTokenUrl, sandbox.app).add(
    { connectionId: 'conn-bench', tenantId: 'bench', sellingPartnerId, region: 'NA', marketplaceId: 'ATVPDKIKX0DER', endpoint: sandbox.baseUrl },
    seller.refreshToken,
  );
  const store = new ImportListingsRepository(dataSource, new ChannelListingsRepository(dataSource));
  // Batches commit their checkpoints through the repository: observe progress there.
  let onProgress: (step: string, rows: number) => void = () => undefined;
  const observed = Object.create(store) as ImportListingsRepository;
  observed.applyBatch = (batch, announce, checkpoint) =>
    store.applyBatch(batch, announce, (written) => {
      const next = checkpoint(written);
      onProgress(next.progress.step, next.progress.counts?.['rows'] ?? 0);
      return next;
    });
  const handler = new ImportListingsHandler(observed, new AmazonConnections(grants), { batchSize: BATCH, reportPollMs: 50 });

  const transport = new KafkaTransport({
    brokers: brokers.split(','),
    clientId: 'bench-listings',
    requestTimeoutMs: 10_000,
    connectionTimeoutMs: 5_000,
    topics: allTopics(),
  });
  await transport.connect();
  const relay = new OutboxRelay(dataSource, transport, {
    service: 'listings',
    schema: LISTINGS_SERVICE.schema,
    // The platform default: larger relay batches exceed Kafka's 1 MB request limit and stall the relay.
    batchSize: 500,
    pollMs: 50,
    backoff: { initialMs: 100, maxMs: 1000 },
    retainPublishedHours: 24,
    log: (level, message, extra) => {
      if (level !== 'info') process.stderr.write(`relay ${level}: ${message} ${JSON.stringify(extra)}\n`);
    },
  });
  relay.start();

  let peakRss = 0;
  let rssBeforeRows = 0;
  const rssAt: Array<{ rows: number; rss: number }> = [];
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);

  async function importOnce(label: string): Promise<{ result: JobResult; importSeconds: number; drainedSeconds: number }> {
    const jobId = await insertImportJob(dataSource, {
      tenantId: 'bench',
      connectionId: 'conn-bench',
      settings: { mode: 'CREATE_AND_OVERWRITE', overwriteProductData: true },
    });
    const context = await loadJobContext(dataSource, jobId);
    const checkpoint = context.checkpoint;
    let nextMark = ROWS / 4;
    onProgress = (step, rows) => {
      if (process.env['BENCH_VERBOSE']) process.stderr.write(`${label} ${step} ${rows} rows ${mb(process.memoryUsage().rss)}\n`);
      if (label === 'first' && step === 'report-ready') rssBeforeRows = process.memoryUsage().rss;
      if (label === 'first' && rows >= nextMark) {
        rssAt.push({ rows, rss: process.memoryUsage().rss });
        nextMark += ROWS / 4;
      }
    };
    context.checkpoint = async (progress) => {
      await checkpoint(progress);
      onProgress(progress.step, progress.counts?.['rows'] ?? 0);
    };
    const started = performance.now();
    const result = await handler.run(context);
    const importSeconds = (performance.now() - started) / 1000;
    await finishJob(dataSource, jobId, result.outcome);
    for (;;) {
      const { pending } = await relay.measureLag();
      if (process.env['BENCH_VERBOSE']) process.stderr.write(`${label} relay pending ${pending}\n`);
      if (pending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { result, importSeconds, drainedSeconds: (performance.now() - started) / 1000 };
  }

  const first = await importOnce('first');
  const second = await importOnce('second');
  clearInterval(sampler);
  const published: Array<{ n: number }> = await dataSource.query(
    `SELECT count(*)::int AS n FROM listings.outbox_messages WHERE topic = 'listings.listing.imported.v1' AND published_at IS NOT NULL`,
  );

  process.stdout.write(
    `\nImport Listings (${os.cpus().length} cores ${os.cpus()[0]?.model ?? ''}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; PostgreSQL, Kafka and the sandbox on the same machine)\n`,
  );
  say('report rows', String(ROWS));
  say('batch size (rows per transaction)', String(BATCH));
  say('first import: created / skipped price empty', `${first.result.counts['created']} / ${first.result.counts['skipped_price_empty']}`);
  say('first import: report → PostgreSQL (rows/s)', `${(ROWS / first.importSeconds).toFixed(0)} rows/s (${first.importSeconds.toFixed(1)} s)`);
  say('first import: until every event is on Kafka (rows/s)', `${(ROWS / first.drainedSeconds).toFixed(0)} rows/s (${first.drainedSeconds.toFixed(1)} s)`);
  say('ListingImported events published to Kafka', String(published[0]?.n ?? 0));
  say('RSS before the first row (code, pools, clients)', mb(rssBeforeRows));
  say('RSS at 25/50/75/100 % of the first import', rssAt.map((r) => mb(r.rss)).join(' / '));
  say(
    're-import of the unchanged report',
    `${(ROWS / second.importSeconds).toFixed(0)} rows/s (${second.importSeconds.toFixed(1)} s), updated ${second.result.counts['updated']}, created ${second.result.counts['created']}`,
  );
  say('re-import speed-up', `${(first.drainedSeconds / second.drainedSeconds).toFixed(1)}× (end to end)`);
  say('peak RSS of this process (handler + relay)', mb(Math.max(peakRss, process.resourceUsage().maxRSS * 1024)));

  await relay.stop();
  await transport.close();
  await dataSource.destroy();
  await database.drop();
  await sandbox.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
