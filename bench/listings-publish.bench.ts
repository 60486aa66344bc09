/**
 * Publish Listings end to end against the sandbox: N SKUs identified by UPC only, through the
 * listings service's own job handler (checks → catalog look-ups 20 per call, cached → restrictions
 * per ASIN and condition, cached → one JSON_LISTINGS_FEED of UPDATE messages → landing read-back),
 * under the default usage plans of the client's rate limiter. Then the same SKUs previewed again to
 * show the catalog cache (no catalog call). Not a test: it prints figures.
 *
 *   node tools/bench.js bench/listings-publish.bench.ts [skus=10000]
 *
 * Goals (issue 15): catalog calls = ⌈N / 20⌉ and none repeated for a cached identifier; 0 throttled (429) answers.
 * Needs PostgreSQL (DATABASE_URL or the harness's default). Restrictions are one call per ASIN
 * (5/s): N distinct ASINs take N / 5 seconds of that alone.
 */
import 'reflect-metadata';
import { compileTemplate, defaultTemplate, gs1CheckDigit } from '@amazon-channel/mapping';
import { AmazonConnections, LwaGrants } from '@amazon-channel/platform-amazon';
import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import { JobEntity } from '@amazon-channel/platform-service';
import type { MappingTemplates } from '@amazon-channel/platform-templates';
import { createTestDatabase, startSandbox } from '@amazon-channel/testing';
import * as os from 'node:os';
import { v7 as uuidv7 } from 'uuid';
import { ChannelListingsRepository } from '../apps/listings/src/channel-listings/channel-listings.repository';
import { PlatformListingsRepository } from '../apps/listings/src/link-listings/platform-listings.repository';
import { PlatformPublishCandidates } from '../apps/listings/src/publish-listings/publish-candidates';
import { PublishListingsHandler } from '../apps/listings/src/publish-listings/publish-listings.handler';
import { PublishListingsRepository } from '../apps/listings/src/publish-listings/publish-listings.repository';
import { PublishLookups } from '../apps/listings/src/publish-listings/publish-lookups';
import { LISTINGS_SERVICE } from '../apps/listings/src/service';
import { finishJob, loadJobContext } from '../apps/listings/src/testing/job-context';

const SKUS = Number(process.argv[2] ?? 10_000);
const say = (label: string, value: string) => process.stdout.write(`${label.padEnd(52)} ${value}\n`);
/** The sandbox catalog's UPC of item n (its public identifiers: `8` + 10 digits of n + GS1 check digit). */
const upcOf = (n: number) => {
  const body = `8${String(n).padStart(10, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
};

async function main(): Promise<void> {
  const [sandbox, database] = await Promise.all([startSandbox({ queueMs: 20, processingMs: 20 }), createTestDatabase('bench_publish')]);
  const dataSource = createServiceDataSource({ url: database.url, ...LISTINGS_SERVICE, poolSize: 6 });
  await dataSource.initialize();
  await runServiceMigrations(dataSource);
  const sellingPartnerId = 'A1BENCHPUBLISH';
  const seller = await sandbox.admin.createSeller({ sellingPartnerId, region: 'NA', marketplaceIds: ['ATVPDKIKX0DER'], listingCount: 0, orderCount: 0 });
  const connectionId = uuidv7();
  const grants = new LwaGrants(sandbox.lwaTokenUrl, sandbox.app).add(
    { connectionId, tenantId: 'bench', sellingPartnerId, region: 'NA', marketplaceId: 'ATVPDKIKX0DER', endpoint: sandbox.baseUrl },
    seller.refreshToken,
  );
  const calls = new Map<string, number>();
  let throttled = 0;
  const amazon = new AmazonConnections(grants, {
    observer: {
      onCall: (e) => calls.set(e.operation, (calls.get(e.operation) ?? 0) + 1),
      onThrottled: () => throttled++,
    },
  });
  const platform = new PlatformListingsRepository(dataSource);
  const skus = Array.from({ length: SKUS }, (_, k) => `PUB-${String(k).padStart(6, '0')}`);
  for (let i = 0; i < SKUS; i += 2_000) {
    await platform.saveMany(
      'bench',
      connectionId,
      skus.slice(i, i + 2_000).map((sku, k) => ({
        sku,
        platformListingId: `p-${sku}`,
        price: { amountMinor: 1999, currency: 'USD' },
        quantity: 5,
        handlingTimeDays: 2,
        fulfillmentChannel: 'DEFAULT' as const,
        product: {
          title: sku,
          brand: null,
          identifiers: { asin: null, upc: upcOf(1000 + i + k), ean: null, isbn: null, gtin: null },
          condition: 'New',
          conditionNote: null,
          fulfillmentCenterId: null,
        },
      })),
    );
  }
  const t = defaultTemplate('publish');
  const compiled = compileTemplate({ ...t, fields: { ...t.fields, fulfillment_center_id: { kind: 'option', option: 'DEFAULT' } } });
  const templates = { compiled: () => Promise.resolve({ source: 'saved', version: 1, compiled }) } as unknown as MappingTemplates;
  const repo = new PublishListingsRepository(dataSource, new ChannelListingsRepository(dataSource), platform);
  const handler = new PublishListingsHandler(repo, new PublishLookups(repo), new PlatformPublishCandidates(platform), templates, amazon, {
    feedPollMs: 200,
    landingPollMs: 500,
    landingRounds: 20,
  });
  const run = async (mode: 'PUBLISH' | 'VALIDATION_PREVIEW', list: string[]) => {
    const id = uuidv7();
    await dataSource.getRepository(JobEntity).insert({
      id,
      tenantId: 'bench',
      connectionId,
      operation: 'publish-listings',
      trigger: 'MANUAL',
      status: 'RUNNING',
      settings: { skus: list, mode, overwrite: false },
      requestedAt: new Date(),
      startedAt: new Date(),
    });
    const started = Date.now();
    const result = await handler.run(await loadJobContext(dataSource, id));
    await finishJob(dataSource, id, 'SUCCEEDED');
    return { result, seconds: (Date.now() - started) / 1000 };
  };

  say('SKUs (UPC only)', String(SKUS));
  say(
    'load before',
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  );
  const first = await run('PUBLISH', skus);
  const c = first.result.counts;
  say('time until every SKU LIVE or FAILED', `${first.seconds.toFixed(1)} s`);
  say('live / failed / published (not confirmed)', `${c['live']} / ${c['failed']} / ${c['published']}`);
  say('catalog calls (goal ⌈N/20⌉)', `${c['catalog_calls']} (goal ${Math.ceil(SKUS / 20)})`);
  say('restriction calls', String(c['restriction_calls']));
  say('feeds', String(c['feeds']));
  say('landing read-back calls', String(c['landing_calls']));
  say('total SP-API calls (client observer)', String([...calls.values()].reduce((a, b) => a + b, 0)));
  say('  by operation', JSON.stringify(Object.fromEntries(calls)));
  say('429 answers', String(throttled));
  const again = await run('VALIDATION_PREVIEW', skus.slice(0, Math.min(200, SKUS)));
  say('catalog calls of a preview of 200 cached SKUs', String(again.result.counts['catalog_calls']));
  say(
    'load after',
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  );
  await dataSource.destroy();
  await Promise.all([database.drop(), sandbox.stop()]);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
