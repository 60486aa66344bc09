/**
 * Benchmark: a mixed workload (report requests, JSON_LISTINGS_FEED submissions, listings patches,
 * order searches) for one seller against the sandbox's enforced usage plans. Every operation is kept
 * saturated by several callers; the client's limiter decides the pace. Prints, per operation, the
 * calls made against what the plan allows (burst + rate × duration) and the 429s received.
 *
 *   node tools/bench.js bench/sp-api-rate-workload.bench.ts [--minutes 10] [--change-plan]
 *
 * `--change-plan` halves patchListingsItem's rate and doubles searchOrders' in the sandbox half-way
 * through (as if Amazon changed the seller's plan); the client only learns it from
 * `x-amzn-RateLimit-Limit`. SANDBOX_URL=http://… uses a running sandbox instead of starting one.
 */
import { setMaxListeners } from 'node:events';
import { AccessTokenCache, LwaClient, RefreshTokenAccessTokenProvider, SpApiClientFactory, USAGE_PLANS, FEED_TYPE_PLANS } from '@amazon-channel/sp-api';
import type { SpApiCallEvent, SpApiOperation } from '@amazon-channel/sp-api';
import { startSandbox } from '@amazon-channel/testing';

const US = 'ATVPDKIKX0DER';
const CLIENT_ID = 'amzn1.application-oa2-client.sandboxdemo';
const CLIENT_SECRET = 'sandbox-demo-client-secret';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

interface Tally {
  ok: number;
  throttled: number;
  other: number;
  okAfterChange: number;
}

async function main(): Promise<void> {
  const minutes = Number(arg('minutes', '10'));
  const changePlan = process.argv.includes('--change-plan');
  const durationMs = minutes * 60_000;
  const external = process.env['SANDBOX_URL']?.replace(/\/$/, '');
  const sandbox = external ? undefined : await startSandbox();
  const baseUrl = external ?? sandbox?.baseUrl;
  const lwaTokenUrl = external ? `${external}/auth/o2/token` : (sandbox?.lwaTokenUrl as string);
  const sellingPartnerId = `A1WORKLOAD${Date.now().toString(36).toUpperCase()}`.slice(0, 20);

  const tallies = new Map<string, Tally>();
  let changedAt: number | undefined;
  const tally = (op: string) => {
    let t = tallies.get(op);
    if (!t) tallies.set(op, (t = { ok: 0, throttled: 0, other: 0, okAfterChange: 0 }));
    return t;
  };
  const adapted: string[] = [];
  const factory = new SpApiClientFactory({
    baseUrls: { NA: baseUrl },
    observer: {
      onCall: (e: SpApiCallEvent) => {
        const t = tally(e.operation);
        if (e.status !== undefined && e.status < 300) {
          t.ok++;
          if (changedAt !== undefined) t.okAfterChange++;
        } else if (e.status === 429) t.throttled++;
        else t.other++;
      },
      onRateAdapted: (e) => adapted.push(`${e.operation}: ${e.previousRate} → ${e.rate} req/s`),
    },
  });

  const res = await fetch(`${baseUrl}/_sandbox/sellers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sellingPartnerId, region: 'NA', marketplaceIds: [US], listingCount: 200, orderCount: 50 }),
  });
  if (!res.ok) throw new Error(`could not create the workload seller: HTTP ${res.status}`);
  const { refreshToken } = (await res.json()) as { refreshToken: string };
  const lwa = new LwaClient(factory.transport, lwaTokenUrl, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  const client = factory.forSeller({
    sellingPartnerId,
    region: 'NA',
    accessTokens: new RefreshTokenAccessTokenProvider(lwa, new AccessTokenCache(), refreshToken),
  });

  const started = Date.now();
  const deadline = started + durationMs;
  const controller = new AbortController();
  setMaxListeners(100, controller.signal); // every queued caller listens to the one stop signal
  const stopTimer = setTimeout(() => controller.abort(new Error('workload finished')), durationMs);
  const loop = (n: number, body: (i: number) => Promise<unknown>) =>
    Array.from({ length: n }, async (_, worker) => {
      for (let i = worker; Date.now() < deadline; i += n) {
        try {
          await body(i);
        } catch (err) {
          if (controller.signal.aborted) return;
          process.stderr.write(`call failed: ${(err as Error).message}\n`);
        }
      }
    });
  const signal = controller.signal;
  const feedDoc = (i: number) =>
    JSON.stringify({
      header: { sellerId: sellingPartnerId, version: '2.0' },
      messages: [
        {
          messageId: 1,
          sku: `SKU-${String((i % 200) + 1).padStart(7, '0')}`,
          operationType: 'PATCH',
          productType: 'PRODUCT',
          patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: i % 50 }] }],
        },
      ],
    });

  const planChange = changePlan
    ? (async () => {
        await new Promise((r) => setTimeout(r, durationMs / 2));
        await fetch(`${baseUrl}/_sandbox/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            ratePlans: {
              patchListingsItem: { rate: USAGE_PLANS['listings.patchListingsItem'].rate / 2, burst: USAGE_PLANS['listings.patchListingsItem'].burst },
              searchOrders: { rate: USAGE_PLANS['orders.searchOrders'].rate * 2, burst: USAGE_PLANS['orders.searchOrders'].burst },
            },
          }),
        });
        changedAt = Date.now();
      })()
    : Promise.resolve();

  await Promise.all([
    ...loop(3, () => client.reports.createReport({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] }, { priority: 'bulk', signal })),
    ...loop(3, (i) => client.feeds.submitFeed({ feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], content: feedDoc(i) }, { signal })),
    ...loop(8, (i) =>
      client.listings.patchListingsItem(
        sellingPartnerId,
        `SKU-${String((i % 200) + 1).padStart(7, '0')}`,
        [US],
        {
          productType: 'PRODUCT',
          patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: i % 50 }] }],
        },
        {},
        { priority: 'critical', signal },
      ),
    ),
    ...loop(2, () => client.orders.searchOrders({ lastUpdatedAfter: '2000-01-01T00:00:00Z', maxResultsPerPage: 100 }, { signal })),
    planChange,
  ]);
  clearTimeout(stopTimer);
  const seconds = (Date.now() - started) / 1000;

  const allowed = (op: SpApiOperation): { total: number; note: string } => {
    const plan = USAGE_PLANS[op];
    if (op === 'feeds.createFeed') {
      const typePlan = FEED_TYPE_PLANS['JSON_LISTINGS_FEED'];
      const byType = typePlan.burst + typePlan.rate * seconds;
      const byOp = plan.burst + plan.rate * seconds;
      return byType < byOp ? { total: byType, note: ' (JSON_LISTINGS_FEED limit)' } : { total: byOp, note: '' };
    }
    if (changePlan && changedAt !== undefined && (op === 'listings.patchListingsItem' || op === 'orders.searchOrders')) {
      const before = (changedAt - started) / 1000;
      const after = seconds - before;
      const newRate = op === 'listings.patchListingsItem' ? plan.rate / 2 : plan.rate * 2;
      return { total: plan.burst + plan.rate * before + newRate * after, note: ` (plan changed to ${newRate.toFixed(4)}/s at ${before.toFixed(0)} s)` };
    }
    return { total: plan.burst + plan.rate * seconds, note: '' };
  };

  process.stdout.write(`sp-api mixed workload: ${seconds.toFixed(0)} s against ${baseUrl}${changePlan ? ', plan changed half-way' : ''}\n`);
  for (const op of ['reports.createReport', 'feeds.createFeed', 'listings.patchListingsItem', 'orders.searchOrders'] as SpApiOperation[]) {
    const t = tally(op);
    const { total, note } = allowed(op);
    process.stdout.write(
      `  ${op.padEnd(28)} ok ${String(t.ok).padStart(5)} / allowed ${total.toFixed(1).padStart(7)} = ${((100 * t.ok) / total).toFixed(1).padStart(5)} %   429s ${t.throttled}   other errors ${t.other}${note}\n`,
    );
    if (changedAt !== undefined && (op === 'listings.patchListingsItem' || op === 'orders.searchOrders')) {
      process.stdout.write(
        `      after the change: ${t.okAfterChange} ok in ${((Date.now() - changedAt) / 1000).toFixed(0)} s = ${(t.okAfterChange / ((Date.now() - changedAt) / 1000)).toFixed(4)} req/s\n`,
      );
    }
  }
  for (const line of adapted) process.stdout.write(`  adapted ${line}\n`);
  await (factory.transport as { close?: () => Promise<void> }).close?.();
  await sandbox?.stop();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
