import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import type { TestDatabase } from '@amazon-channel/testing';
import { createTestDatabase } from '@amazon-channel/testing';
import { repoRoot } from '../testing/shared-paths';
import { PostgresRateLimitStore, rateLimitBucketDdl } from './postgres-rate-limit-store';

const run = promisify(execFile);

describe('PostgresRateLimitStore (real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('sp_api_rate_limit');
    pool = new Pool({ connectionString: db.url, max: 4 });
    await new PostgresRateLimitStore(pool).ensureSchema();
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('creates its table from the exported DDL idempotently', async () => {
    await pool.query(rateLimitBucketDdl());
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'sp_api_rate_limit_bucket'`);
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it('grants the burst, then refuses with the wait until the next token', async () => {
    const store = new PostgresRateLimitStore(pool);
    const plan = { rate: 0.5, burst: 3 };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await store.tryAcquire('S1:NA:reports.createReport', plan));
    expect(results.map((r) => r.granted)).toEqual([true, true, true, false]);
    expect(results[3]?.retryAfterMs).toBeGreaterThan(1_500);
    expect(results[3]?.retryAfterMs).toBeLessThanOrEqual(2_000);
  });

  it('applies an adapted rate and drains after a 429', async () => {
    const store = new PostgresRateLimitStore(pool);
    const plan = { rate: 1, burst: 2 };
    await store.tryAcquire('S2:NA:op', plan);
    await store.drain('S2:NA:op', plan);
    await store.updateRate('S2:NA:op', 0.1, plan);
    const refused = await store.tryAcquire('S2:NA:op', plan);
    expect(refused.granted).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(9_000);
  });

  it('keeps the combined rate of two processes sharing one seller within the plan', async () => {
    const plan = { rate: 20, burst: 5 };
    const durationMs = 2_000;
    const startAt = Date.now() + 2_500; // both workers are up (swc register) before the race starts
    const worker = path.join(__dirname, '../testing/pg-rate-limit-worker.ts');
    const args = [path.join(repoRoot(), 'tools/run-ts.js'), worker, db.url, 'A1SHARED:NA:listings.patchListingsItem', String(plan.rate), String(plan.burst), String(startAt), String(durationMs), '8'];
    const [a, b] = await Promise.all([run(process.execPath, args, { cwd: repoRoot() }), run(process.execPath, args, { cwd: repoRoot() })]);
    const first = JSON.parse(a.stdout) as number[];
    const second = JSON.parse(b.stdout) as number[];
    const all = [...first, ...second].sort((x, y) => x - y);
    // each process would happily take the whole budget on its own
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    // together: never more than burst + rate × window (+ 50 ms of scheduling slack) in any window
    for (let i = 0; i < all.length; i++) {
      for (let j = i; j < all.length; j++) {
        const windowS = ((all[j]) - (all[i]) + 50) / 1000;
        expect(j - i + 1).toBeLessThanOrEqual(Math.floor(plan.burst + plan.rate * windowS));
      }
    }
    // and the budget is used, not wasted: close to burst + rate × duration
    expect(all.length).toBeGreaterThanOrEqual(Math.floor(0.85 * (plan.burst + (plan.rate * durationMs) / 1000)));
    expect(all.length).toBeLessThanOrEqual(plan.burst + (plan.rate * durationMs) / 1000 + 1);
  }, 30_000);
});
