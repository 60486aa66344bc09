/**
 * Benchmark: Get Orders against the sandbox, through the orders service's own job handler
 * (searchOrders pages → template → upsert into PostgreSQL with outbox events).
 *
 *   node tools/bench.js bench/orders-import.bench.ts [--orders 10000] [--after-burst-pages 2] [--spacing-ms 0]
 *
 * Phase 1, Amazon's default plan (searchOrders 0.0056/s, burst 20): SP-API calls made versus pages
 * needed, 429s received, and orders per minute once the burst is spent versus the plan's maximum
 * (100 orders × 0.0056/s ≈ 33.6/min). A whole 10,000-order backlog takes about 4 hours at that pace,
 * so the run stops `--after-burst-pages` pages after the burst (each ≈ 3 minutes) and says so.
 * `--spacing-ms` places the orders that far apart (0: all in the same second, so Get Orders follows
 * pagination tokens; 1000: a second apart, so it asks pages by update time and reads each page's
 * last order twice).
 * Phase 2, the sandbox's plan raised 100× (0.56/s, burst 2,000): the same import end to end.
 * Phase 3, the service itself: the same 10,000 orders applied to PostgreSQL with their events,
 * without Amazon in the loop (orders/s into the database; goal ≥ 2,000/s).
 *
 * Needs PostgreSQL (DATABASE_URL or the harness's default); uses the in-process bus.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { LwaGrants } from '@amazon-channel/platform-amazon';
import type { JobContext, JobEntity } from '@amazon-channel/platform-service';
import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import { SpApiClientFactory, type Order, type SpApiCallEvent } from '@amazon-channel/sp-api';
import { createTestDatabase, startSandbox } from '@amazon-channel/testing';
import { DataSource } from 'typeorm';
import { startOrders } from '../apps/orders/src/bootstrap';
import { toOrderCandidate, DEFAULT_GET_ORDERS_SETTINGS } from '../apps/orders/src/orders/domain/order-candidate';
import { GetOrdersJobHandler } from '../apps/orders/src/orders/get-orders/get-orders.job-handler';
import { ImportOrdersUseCase } from '../apps/orders/src/orders/get-orders/import-orders.use-case';
import { compileGetOrdersTemplate } from '../apps/orders/src/orders/order-settings.service';
import { ORDERS_SERVICE } from '../apps/orders/src/service';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] as string) : fallback;
}
const say = (line: string) => process.stdout.write(`${line}\n`);

interface CallTally {
  calls: number;
  throttled: number;
  times: number[];
}

function jobContext(connectionId: string, signal: AbortSignal, onPage: (pages: number, created: number) => void): JobContext {
  const job = {
    id: randomUUID(),
    tenantId: 'bench',
    connectionId,
    operation: 'get-orders',
    trigger: 'API',
    status: 'RUNNING',
    settings: {},
    step: null,
    cursor: null,
    counts: {},
  } as unknown as JobEntity;
  return {
    job,
    signal,
    checkpoint: async (p) => {
      const counts = p.counts as { pages?: number; created?: number } | undefined;
      onPage(Number(counts?.pages ?? 0), Number(counts?.created ?? 0));
    },
  };
}

async function main(): Promise<void> {
  const orderCount = Number(arg('orders', '10000'));
  const afterBurstPages = Number(arg('after-burst-pages', '2'));
  const spacingMs = Number(arg('spacing-ms', '0'));
  const sandbox = await startSandbox();
  const database = await createTestDatabase('orders_bench');
  const migrator = createServiceDataSource({ url: database.url, ...ORDERS_SERVICE });
  await runServiceMigrations(migrator);
  await migrator.destroy();
  const grants = new LwaGrants(sandbox.lwaTokenUrl, sandbox.app);
  const tally: CallTally = { calls: 0, throttled: 0, times: [] };
  const keys = `bench-1:${randomBytes(32).toString('base64')}`;
  const service = await startOrders(
    {
      PORT: '0',
      DATABASE_URL: database.url,
      BUS_DRIVER: 'in-process',
      AUTH_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-01',
      INTERNAL_API_TOKEN: 'bench-internal-token-bench-internal-token',
      FIELD_ENCRYPTION_KEYS: keys,
      SP_API_ENDPOINT: sandbox.baseUrl,
      LOG_LEVEL: 'warn',
      APP_ROLES: 'api',
    },
    undefined,
    {
      grants,
      spApiObserver: {
        onCall: (e: SpApiCallEvent) => {
          if (e.operation !== 'orders.searchOrders') return;
          tally.calls++;
          if (e.status === 429) tally.throttled++;
          else tally.times.push(Date.now());
        },
      },
    },
  );
  await service.connected;
  const handler = service.app.get(GetOrdersJobHandler);
  const dataSource = service.app.get(DataSource);
  const firstCreated = (await sandbox.admin.clock()).epochMs - 3_600_000 - orderCount * spacingMs;
  const createdTime = (i: number) => new Date(firstCreated + i * spacingMs).toISOString();
  const sandboxOrders = new Map<string, number>();
  const seller = async (name: string) => {
    const sellingPartnerId = `A8BENCH${name}${Date.now().toString(36).toUpperCase().slice(-5)}`.slice(0, 20);
    const created = await sandbox.admin.createSeller({ sellingPartnerId, region: 'NA', marketplaceIds: ['ATVPDKIKX0DER'], orderCount: 0, listingCount: 100 });
    const ids = new Set<string>();
    for (let start = 0; start < orderCount; start += 5000) {
      const n = Math.min(5000, orderCount - start);
      const orders = await sandbox.admin.createOrders(
        sellingPartnerId,
        Array.from({ length: n }, (_, i) => ({
          status: 'UNSHIPPED' as const,
          serviceLevel: (i % 3 ? 'STANDARD' : 'EXPEDITED') as 'STANDARD' | 'EXPEDITED',
          createdTime: createdTime(start + i),
        })),
      );
      for (const o of orders) ids.add(o.orderId);
    }
    // The import is measured against what the sandbox holds, not against what was asked for.
    const held = ((await (await fetch(`${sandbox.baseUrl}/_sandbox/sellers/${sellingPartnerId}`)).json()) as { orderCount: number }).orderCount;
    say(`seller ${name}: ${orderCount} orders requested, ${ids.size} distinct AmazonOrderIds returned, the sandbox holds ${held}`);
    sandboxOrders.set(name, held);
    grants.add({ connectionId: name, tenantId: 'bench', sellingPartnerId, region: 'NA', marketplaceId: 'ATVPDKIKX0DER', endpoint: null }, created.refreshToken);
    await dataSource.query(
      `INSERT INTO orders.shipping_mappings (id, tenant_id, connection_id, channel_shipping_text, service_level_category, shipping_policy) VALUES ($1, 'bench', $3, 'Std US D2D Dom', 'STANDARD', 'Ground'), ($2, 'bench', $3, 'Exp US D2D Dom', 'EXPEDITED', 'Air')`,
      [randomUUID(), randomUUID(), name],
    );
    return sellingPartnerId;
  };
  const pagesNeeded = Math.ceil(orderCount / 100);

  // Phase 1: default plan.
  await seller('DEFAULT');
  const abort = new AbortController();
  const started = Date.now();
  let burstEndedAt = 0;
  let pagesAtBurstEnd = 0;
  let ordersAtBurstEnd = 0;
  const stopAfter = 20 + afterBurstPages;
  const run = handler
    .run(
      jobContext('DEFAULT', abort.signal, (pages, created) => {
        if (pages === 20) {
          burstEndedAt = Date.now();
          pagesAtBurstEnd = pages;
          ordersAtBurstEnd = created;
        }
        if (pages >= stopAfter && pages < pagesNeeded) abort.abort(new Error('benchmark window over'));
      }),
    )
    .catch((e: unknown) => (abort.signal.aborted ? null : Promise.reject(e)));
  await run;
  const storedDefault = Number((await dataSource.query(`SELECT count(*) n FROM orders.orders WHERE connection_id = 'DEFAULT'`))[0].n);
  const pagesDone = storedDefault / 100;
  const afterBurstMinutes = burstEndedAt ? (Date.now() - burstEndedAt) / 60_000 : 0;
  const afterBurstOrders = storedDefault - ordersAtBurstEnd;
  say(`# orders import benchmark (${orderCount} orders in the sandbox)`);
  say(
    `phase 1, default plan: ${tally.calls} searchOrders calls for ${Math.round(pagesDone)} pages (${(((tally.calls - pagesDone) / Math.max(1, pagesDone)) * 100).toFixed(1)}% over), ${tally.throttled} x 429`,
  );
  say(
    `  burst: ${pagesAtBurstEnd} pages in ${((burstEndedAt - started) / 1000).toFixed(1)} s; after it ${afterBurstOrders} orders in ${afterBurstMinutes.toFixed(2)} min = ${(afterBurstOrders / Math.max(afterBurstMinutes, 1e-9)).toFixed(1)} orders/min (plan maximum 33.6/min)`,
  );
  say(`  a full ${pagesNeeded}-page backlog at this pace: about ${(((pagesNeeded - 20) * 178.6) / 3600).toFixed(1)} h after the burst`);

  // Phase 2: plan raised 100x in the sandbox; the client learns the rate from x-amzn-RateLimit-Limit.
  await sandbox.admin.injectFault({ ratePlans: { searchOrders: { rate: 0.56, burst: 2000 } } });
  await seller('RAISED');
  tally.calls = 0;
  tally.throttled = 0;
  const raisedStart = Date.now();
  const raised = await handler.run(jobContext('RAISED', new AbortController().signal, () => undefined));
  const raisedSeconds = (Date.now() - raisedStart) / 1000;
  say(
    `phase 2, plan 100x: ${raised.counts.created} orders in ${raisedSeconds.toFixed(1)} s = ${(Number(raised.counts.created) / raisedSeconds).toFixed(0)} orders/s end to end; ${tally.calls} calls for ${pagesNeeded} pages, ${tally.throttled} x 429`,
  );
  say(`  job counts: ${JSON.stringify(raised.counts)}`);
  const raisedStored = Number((await dataSource.query(`SELECT count(*) n FROM orders.orders WHERE connection_id = 'RAISED'`))[0].n);
  say(`  stored ${raisedStored} of the ${sandboxOrders.get('RAISED')} orders the sandbox holds (${orderCount} requested)`);

  // Phase 3: the service itself — the same orders applied to PostgreSQL with events, no Amazon in the loop.
  const pages: Order[][] = [];
  await sandbox.admin.clearFaults();
  await sandbox.admin.injectFault({ ratePlans: { searchOrders: { rate: 1000, burst: 1000 } } });
  const { account, accessTokens } = await grants.forConnection('RAISED', 'bench');
  const raw = new SpApiClientFactory({ baseUrls: { NA: sandbox.baseUrl } }).forSeller({
    sellingPartnerId: account.sellingPartnerId,
    region: 'NA',
    accessTokens,
  });
  for await (const page of raw.orders.searchOrdersPages({
    lastUpdatedAfter: new Date(Date.now() - 86_400_000 * 3).toISOString(),
    maxResultsPerPage: 100,
    includedData: ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT', 'PACKAGES', 'CANCELLATION'],
  })) {
    pages.push(page.data.orders);
  }
  const returned = pages.flat();
  say(`phase 3 input: ${returned.length} orders read (${new Set(returned.map((o) => o.orderId)).size} distinct) in ${pages.length} pages`);
  const template = compileGetOrdersTemplate({ template: null, productCode: 'SKU' });
  const importOrders = service.app.get(ImportOrdersUseCase);
  const mappings = [
    { channelShippingText: 'Std US D2D Dom', serviceLevelCategory: 'STANDARD', shippingPolicy: 'Ground' },
    { channelShippingText: 'Exp US D2D Dom', serviceLevelCategory: 'EXPEDITED', shippingPolicy: 'Air' },
  ];
  // Its own seller account: the RAISED connection's rows (same orders, same seller) stay where they are.
  const applyOnlyScope = () => ({
    tenantId: 'bench',
    connectionId: 'APPLY-ONLY',
    account: { sellingPartnerId: 'BENCH-APPLY-ONLY', region: 'NA' },
    connectionMarketplaceId: 'ATVPDKIKX0DER',
    settings: DEFAULT_GET_ORDERS_SETTINGS,
    mappings,
    now: new Date(),
    correlationId: randomUUID(),
    causationId: null,
  });
  const applyStart = process.hrtime.bigint();
  let applied = 0;
  for (const orders of pages) {
    const candidates = orders.map((o) => toOrderCandidate(o, template));
    applied += (await importOrders.applyPage(applyOnlyScope(), candidates)).counts.created;
  }
  const applySeconds = Number(process.hrtime.bigint() - applyStart) / 1e9;
  const events = (await dataSource.query(`SELECT count(*) n FROM orders.outbox_events WHERE payload->>'connectionId' = 'APPLY-ONLY'`))[0].n;
  say(
    `phase 3, service only: ${applied} orders (${events} events, PII encrypted) in ${applySeconds.toFixed(2)} s = ${(applied / applySeconds).toFixed(0)} orders/s into PostgreSQL (goal 2,000/s)`,
  );
  const rerunStart = process.hrtime.bigint();
  for (const orders of pages) {
    const candidates = orders.map((o) => toOrderCandidate(o, template));
    await importOrders.applyPage(applyOnlyScope(), candidates);
  }
  const rerunSeconds = Number(process.hrtime.bigint() - rerunStart) / 1e9;
  say(`  re-reading the same ${applied} orders (nothing changed): ${(applied / rerunSeconds).toFixed(0)} orders/s`);

  await service.close();
  await sandbox.stop();
  await database.drop();
}

main().catch((error: unknown) => {
  process.stderr.write(`orders-import benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
