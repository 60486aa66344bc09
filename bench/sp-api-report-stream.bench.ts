/**
 * Benchmark: stream a GET_MERCHANT_LISTINGS_ALL_DATA document from the SP-API sandbox with
 * `@amazon-channel/sp-api` (rows/s, peak RSS, at two sizes to show memory stays flat) and the same
 * document through the `amazon-sp-api` package's `download()` for comparison.
 *
 *   node tools/bench.js bench/sp-api-report-stream.bench.ts [--rows 1000000] [--small 100000] [--skip-comparison]
 *   SANDBOX_URL=http://127.0.0.1:4010 node tools/bench.js bench/sp-api-report-stream.bench.ts   # use a running sandbox
 *
 * Each measurement runs in its own plain `node` child process (the library is compiled to JavaScript
 * with swc first, so the ~110 MB of the TypeScript loader is not counted against either tool), and one
 * run's heap never inflates another's peak RSS. The sandbox runs in its own process too (started by
 * the test harness unless SANDBOX_URL is set).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AccessTokenCache, LwaClient, RefreshTokenAccessTokenProvider, SpApiClient, UndiciHttpTransport } from '@amazon-channel/sp-api';
import { repoRoot, startSandbox } from '@amazon-channel/testing';

const REPORT_TYPE = 'GET_MERCHANT_LISTINGS_ALL_DATA';
const MARKETPLACE = 'ATVPDKIKX0DER';
const CLIENT_ID = 'amzn1.application-oa2-client.sandboxdemo';
const CLIENT_SECRET = 'sandbox-demo-client-secret';

interface Measurement {
  tool: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  baselineRssMb: number;
  error?: string;
}

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/**
 * The measuring child: plain CommonJS so its RSS is the tool's, not a TypeScript loader's.
 * argv: <kind: ours|theirs|raw> <documentUrl> <compressed: true|false> <compiled sp-api index>
 */
const WORKER_SOURCE = String.raw`
'use strict';
const [kind, url, compressed, libIndex] = process.argv.slice(2);
const mb = (b) => Math.round((b / 1024 / 1024) * 10) / 10;
const peak = () => process.resourceUsage().maxRSS * 1024;
async function ours() {
  const { UndiciHttpTransport, streamReportRows } = require(libIndex);
  const baseline = process.memoryUsage().rss;
  const transport = new UndiciHttpTransport();
  const started = process.hrtime.bigint();
  let rows = 0, skuChars = 0;
  const stream = await streamReportRows(transport, url, { reportType: '${'${REPORT_TYPE}'}', region: 'NA', marketplaceId: '${'${MARKETPLACE}'}' });
  for await (const row of stream) { rows++; skuChars += (row['seller-sku'] || '').length; }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await transport.close();
  if (skuChars === 0) throw new Error('no SKUs parsed');
  return { tool: '@amazon-channel/sp-api streamReportRows', rows, seconds, rowsPerSecond: Math.round(rows / seconds), peakRssMb: mb(peak()), baselineRssMb: mb(baseline) };
}
async function theirs() {
  const { SellingPartner } = require('amazon-sp-api');
  const baseline = process.memoryUsage().rss;
  // download() only GETs the pre-signed URL: no LWA call is made, so a dummy refresh token suffices.
  // amazon-sp-api hard-codes https and port 443; its https_proxy_agent option is the one hook left,
  // so this agent hands it a plain TCP socket to the sandbox. Both tools then speak plain HTTP.
  const https = require('https');
  const net = require('net');
  const target = new URL(url);
  class SandboxAgent extends https.Agent {
    createConnection() { return net.connect({ host: target.hostname, port: Number(target.port || 80) }); }
  }
  const sp = new SellingPartner({ region: 'na', refresh_token: 'Atzr|unused',
    credentials: { SELLING_PARTNER_APP_CLIENT_ID: 'bench', SELLING_PARTNER_APP_CLIENT_SECRET: 'bench' },
    options: { auto_request_tokens: false, https_proxy_agent: new SandboxAgent() } });
  const started = process.hrtime.bigint();
  const result = await sp.download({ url, ...(compressed === 'true' ? { compressionAlgorithm: 'GZIP' } : {}) }, { json: true });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rows = Array.isArray(result) ? result.length : 0;
  return { tool: 'amazon-sp-api download({ json: true })', rows, seconds, rowsPerSecond: Math.round(rows / seconds), peakRssMb: mb(peak()), baselineRssMb: mb(baseline) };
}
async function raw() {
  // The ceiling: how fast the sandbox serves the bytes (generation + gzip) with no parsing at all.
  const baseline = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const res = await fetch(url);
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { tool: 'raw download, no parsing (sandbox ceiling)', rows: Number(process.env.BENCH_ROWS), seconds, rowsPerSecond: Math.round(Number(process.env.BENCH_ROWS) / seconds), peakRssMb: mb(peak()), baselineRssMb: mb(baseline), bytes };
}
({ ours, theirs, raw })[kind]().then(
  (m) => process.stdout.write(JSON.stringify(m) + '\n'),
  (e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); },
);
`;

/** Compiles libs/sp-api/src (without specs) to CommonJS in a temp folder; returns its index path. */
function compileLibrary(outDir: string): string {
  // @swc/core is what run-ts.js uses; compiling ahead keeps the loader out of the measured process.

  const swc = require('@swc/core') as { transformFileSync(file: string, options: object): { code: string } };
  // The sources, wherever this runs from: tools/bench.js runs a compiled copy under dist/bench/.
  const srcDir = path.join(repoRoot(__dirname), 'libs/sp-api/src');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const file of walk(srcDir)) {
    if (!file.endsWith('.ts') || /\.(int-)?spec\.ts$/.test(file) || file.includes(`${path.sep}testing${path.sep}`)) continue;
    const { code } = swc.transformFileSync(file, {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      sourceMaps: false,
    });
    const out = path.join(outDir, path.relative(srcDir, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, code);
  }
  writeFileSync(path.join(outDir, 'worker.js'), WORKER_SOURCE);
  return path.join(outDir, 'index.js');
}

const run = promisify(execFile);

async function measureInChild(build: string, kind: 'ours' | 'theirs' | 'raw', url: string, compressed: boolean, rows: number): Promise<Measurement> {
  const args = [path.join(build, 'worker.js'), kind, url, String(compressed), path.join(build, 'index.js')];
  const env = { ...process.env, NODE_PATH: path.join(repoRoot(__dirname), 'node_modules'), BENCH_ROWS: String(rows) };
  try {
    const { stdout } = await run(process.execPath, args, { env, maxBuffer: 1024 * 1024, timeout: 10 * 60_000 });
    return JSON.parse(stdout.trim().split('\n').pop() as string) as Measurement;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    return {
      tool: kind,
      rows: 0,
      seconds: 0,
      rowsPerSecond: 0,
      peakRssMb: 0,
      baselineRssMb: 0,
      error: (e.stderr || e.message).split('\n').slice(0, 3).join(' | '),
    };
  }
}

interface SandboxTarget {
  baseUrl: string;
  lwaTokenUrl: string;
  stop(): Promise<void>;
}

async function sandbox(): Promise<SandboxTarget> {
  const external = process.env['SANDBOX_URL'];
  if (external) return { baseUrl: external.replace(/\/$/, ''), lwaTokenUrl: `${external.replace(/\/$/, '')}/auth/o2/token`, stop: () => Promise.resolve() };
  const sbx = await startSandbox();
  return { baseUrl: sbx.baseUrl, lwaTokenUrl: sbx.lwaTokenUrl, stop: () => sbx.stop() };
}

/** Creates a seller with `rows` listings and returns a fresh document URL of its listings report. */
async function prepareReport(target: SandboxTarget, transport: UndiciHttpTransport, rows: number) {
  const sellingPartnerId = `A1BENCH${rows}`.slice(0, 20).toUpperCase();
  const res = await fetch(`${target.baseUrl}/_sandbox/sellers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sellingPartnerId, region: 'NA', marketplaceIds: [MARKETPLACE], listingCount: rows, orderCount: 0 }),
  });
  if (!res.ok) throw new Error(`could not create bench seller: HTTP ${res.status} ${await res.text()}`);
  const seller = (await res.json()) as { refreshToken: string };
  const lwa = new LwaClient(transport, target.lwaTokenUrl, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  const client = new SpApiClient({
    region: 'NA',
    sellingPartnerId,
    accessTokens: new RefreshTokenAccessTokenProvider(lwa, new AccessTokenCache(), seller.refreshToken),
    baseUrl: target.baseUrl,
    transport,
  });
  const { data } = await client.reports.createReport({ reportType: REPORT_TYPE, marketplaceIds: [MARKETPLACE] });
  const report = await client.reports.waitForReport(data.reportId, { initialDelayMs: 250, maxDelayMs: 2_000 });
  return async () => (await client.reports.getReportDocument(report.reportDocumentId as string)).data;
}

function print(m: Measurement): void {
  if (m.error) {
    process.stdout.write(`  ${m.tool.padEnd(44)} FAILED: ${m.error}\n`);
    return;
  }
  process.stdout.write(
    `  ${m.tool.padEnd(44)} ${String(m.rows).padStart(9)} rows  ${m.seconds.toFixed(2).padStart(7)} s  ${String(m.rowsPerSecond).padStart(9)} rows/s  peak RSS ${String(m.peakRssMb).padStart(7)} MB (baseline ${m.baselineRssMb} MB)\n`,
  );
}

async function main(): Promise<void> {
  const big = Number(arg('rows', '1000000'));
  const small = Number(arg('small', '100000'));
  const build = mkdtempSync(path.join(tmpdir(), 'sp-api-bench-'));
  compileLibrary(build);
  const target = await sandbox();
  const transport = new UndiciHttpTransport();
  try {
    process.stdout.write(`sp-api report stream benchmark (${REPORT_TYPE}, sandbox ${target.baseUrl}, node ${process.version})\n`);
    for (const rows of [small, big]) {
      const documentOf = await prepareReport(target, transport, rows);
      process.stdout.write(`\n${rows} rows:\n`);
      // a fresh document URL per run: Amazon's (and the sandbox's) pre-signed URLs live 5 minutes
      const forRaw = await documentOf();
      print(await measureInChild(build, 'raw', forRaw.url, forRaw.compressionAlgorithm === 'GZIP', rows));
      const forOurs = await documentOf();
      print(await measureInChild(build, 'ours', forOurs.url, forOurs.compressionAlgorithm === 'GZIP', rows));
      if (process.argv.includes('--skip-comparison')) continue;
      const forThem = await documentOf();
      print(await measureInChild(build, 'theirs', forThem.url, forThem.compressionAlgorithm === 'GZIP', rows));
    }
  } finally {
    await transport.close();
    await target.stop();
    rmSync(build, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
