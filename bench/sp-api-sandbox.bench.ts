/**
 * SP-API sandbox benchmark (not a test): time and peak RSS of generating and serving a
 * 1,000,000-row GET_MERCHANT_LISTINGS_ALL_DATA report, consumed over HTTP, and the time to process
 * a 25,000-message JSON_LISTINGS_FEED.
 *
 * Run: `node tools/bench.js bench/sp-api-sandbox.bench.ts [rows] [messages]`
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createGunzip } from 'node:zlib';
import { startSandbox } from '@amazon-channel/testing';
import type { SandboxHandle } from '@amazon-channel/testing';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const MESSAGES = Number(process.argv[3] ?? 25_000);
const SELLER = 'A9BENCHSELLER1';
const US = 'ATVPDKIKX0DER';

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Resident set size of a process from /proc (Linux); `VmHWM` is its peak. */
function memoryOf(pid: number): { rssMb?: number; peakMb?: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1]);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return {};
  }
}

/** Resets the kernel's peak-RSS counter so VmHWM measures only what follows (Linux ≥ 4.0). */
function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function sp<T>(sandbox: SandboxHandle, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${sandbox.baseUrl}${path}`, {
    method,
    headers: { 'x-amz-access-token': token, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
}

async function token(sandbox: SandboxHandle, refreshToken: string): Promise<string> {
  const res = await fetch(sandbox.lwaTokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: sandbox.app.clientId,
      client_secret: sandbox.app.clientSecret,
    }).toString(),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function report(sandbox: SandboxHandle, access: string, gzip: 'always' | 'never'): Promise<void> {
  await sandbox.admin.injectFault({ reportGzip: gzip });
  await sandbox.admin.advanceClock(120);
  const { json: created } = await sp<{ reportId: string }>(sandbox, access, 'POST', '/reports/2021-06-30/reports', {
    reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
    marketplaceIds: [US],
  });
  await sandbox.admin.advanceClock(10);
  const { json: rep } = await sp<{ processingStatus: string; reportDocumentId: string }>(
    sandbox,
    access,
    'GET',
    `/reports/2021-06-30/reports/${created.reportId}`,
  );
  const { json: doc } = await sp<{ url: string; compressionAlgorithm?: string }>(
    sandbox,
    access,
    'GET',
    `/reports/2021-06-30/documents/${encodeURIComponent(rep.reportDocumentId)}`,
  );
  const before = memoryOf(sandbox.pid);
  const peakReset = resetPeak(sandbox.pid);
  const started = process.hrtime.bigint();
  const res = await fetch(doc.url);
  let wireBytes = 0;
  let bytes = 0;
  let lines = 0;
  const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  body.on('data', (c: Buffer) => {
    wireBytes += c.length;
  });
  const decoded = doc.compressionAlgorithm === 'GZIP' ? body.pipe(createGunzip()) : body;
  for await (const chunk of decoded) {
    const b = chunk as Buffer;
    bytes += b.length;
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const after = memoryOf(sandbox.pid);
  out(
    `  ${doc.compressionAlgorithm ?? 'uncompressed'} (${res.headers.get('content-type')}): ${lines - 1} rows, ${(bytes / 1048576).toFixed(1)} MiB TSV, ${(wireBytes / 1048576).toFixed(1)} MiB on the wire`,
  );
  out(`    generate+serve+consume: ${seconds.toFixed(2)} s (${Math.round((lines - 1) / seconds).toLocaleString('en-US')} rows/s)`);
  out(
    `    sandbox RSS before ${before.rssMb?.toFixed(0) ?? 'n/a'} MB, peak during ${after.peakMb?.toFixed(0) ?? 'n/a'} MB${peakReset ? '' : ' (peak since process start: /proc/<pid>/clear_refs not writable)'}, after ${after.rssMb?.toFixed(0) ?? 'n/a'} MB`,
  );
}

async function feed(sandbox: SandboxHandle, access: string): Promise<void> {
  const messages = Array.from({ length: MESSAGES }, (_, i) => ({
    messageId: i + 1,
    sku: `SKU-${String(i + 1).padStart(7, '0')}`,
    operationType: 'PATCH',
    productType: 'PRODUCT',
    patches: [
      {
        op: 'replace',
        path: '/attributes/purchasable_offer',
        value: [{ marketplace_id: US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 10 + (i % 90) }] }] }],
      },
      {
        op: 'replace',
        path: '/attributes/fulfillment_availability',
        value: [{ fulfillment_channel_code: 'DEFAULT', quantity: i % 50, lead_time_to_ship_max_days: 2 }],
      },
    ],
  }));
  const document = JSON.stringify({ header: { sellerId: SELLER, version: '2.0' }, messages });
  const contentType = 'application/json; charset=UTF-8';
  const { json: doc } = await sp<{ feedDocumentId: string; url: string }>(sandbox, access, 'POST', '/feeds/2021-06-30/documents', { contentType });
  const upload = await fetch(doc.url, { method: 'PUT', headers: { 'content-type': contentType }, body: document });
  if (upload.status !== 200) throw new Error(`upload failed: ${upload.status}`);
  const { json: created } = await sp<{ feedId: string }>(sandbox, access, 'POST', '/feeds/2021-06-30/feeds', {
    feedType: 'JSON_LISTINGS_FEED',
    marketplaceIds: [US],
    inputFeedDocumentId: doc.feedDocumentId,
  });
  // Skip the simulated queue time; what is measured is the processing itself.
  await sandbox.admin.advanceClock(10);
  const started = process.hrtime.bigint();
  const { json: done } = await sp<{ processingStatus: string; resultFeedDocumentId: string }>(
    sandbox,
    access,
    'GET',
    `/feeds/2021-06-30/feeds/${created.feedId}`,
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result = await sandbox.admin.getFeedResult(created.feedId);
  const { json: resultDoc } = await sp<{ url: string }>(sandbox, access, 'GET', `/feeds/2021-06-30/documents/${encodeURIComponent(done.resultFeedDocumentId)}`);
  const processing = (await (await fetch(resultDoc.url)).json()) as { summary: Record<string, number> };
  const check = await sandbox.admin.getListing(SELLER, `SKU-${String(MESSAGES).padStart(7, '0')}`);
  out(
    `  ${MESSAGES.toLocaleString('en-US')} messages (${(document.length / 1048576).toFixed(1)} MiB): ${done.processingStatus} in ${(result.result?.durationMs ?? 0) / 1000} s of processing (${seconds.toFixed(2)} s for the getFeed call that ran it)`,
  );
  out(`    summary ${JSON.stringify(processing.summary)}; last SKU now ${check.priceMinor} minor units, quantity ${check.quantity}`);
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  out('sp-api-sandbox benchmark');
  out(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 1073741824).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`,
  );
  const sandbox = await startSandbox({ demoListingCount: 10, demoOrderCount: 1 });
  try {
    const seller = await sandbox.admin.createSeller({ sellingPartnerId: SELLER, region: 'NA', marketplaceIds: [US], listingCount: ROWS, orderCount: 0 });
    const access = await token(sandbox, seller.refreshToken);
    out(`\nGET_MERCHANT_LISTINGS_ALL_DATA, ${ROWS.toLocaleString('en-US')} listings (sandbox pid ${sandbox.pid}):`);
    await report(sandbox, access, 'always');
    await report(sandbox, access, 'never');
    out('\nJSON_LISTINGS_FEED:');
    await feed(sandbox, access);
  } finally {
    await sandbox.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
