import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import type { TestDatabase } from '@amazon-channel/testing';
import { createTestDatabase } from '@amazon-channel/testing';
import { repoRoot } from '../testing/shared-paths';
import { PostgresRateLimitStore, rateLimitBucketDdl } from './postgres-rate-limit-store';
import { latencyReserve, mayGrant, refill } from './rate-limit-store';
import { RateLimiter } from './rate-limiter';

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

  it('keeps the latency reserve in the row: a refilled token waits out the margin whichever replica asks', async () => {
    const other = new Pool({ connectionString: db.url, max: 2 });
    try {
      const [first, second] = [new PostgresRateLimitStore(pool), new PostgresRateLimitStore(other)];
      // 400 ms of margin at 2 tokens/s: 0.8 token of reserve.
      const plan = { rate: 2, burst: 2 };
      const margin = { latencyMarginMs: 400 };
      expect((await first.tryAcquire('S3:NA:op', plan, margin)).granted).toBe(true);
      expect((await first.tryAcquire('S3:NA:op', plan, margin)).granted).toBe(true);
      await new Promise((r) => setTimeout(r, 600));
      // About 1.2 tokens are back: a whole token, but not yet the token plus the reserve.
      const refused = await second.tryAcquire('S3:NA:op', plan, margin);
      expect(refused.granted).toBe(false);
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(400);
      expect((await first.tryAcquire('S3:NA:op', plan, margin)).granted).toBe(false);
      await new Promise((r) => setTimeout(r, refused.retryAfterMs + 20));
      expect((await second.tryAcquire('S3:NA:op', plan, margin)).granted).toBe(true);
      const { rows } = await pool.query<{ tokens: number }>(`SELECT tokens FROM sp_api_rate_limit_bucket WHERE bucket_key = 'S3:NA:op'`);
      expect(rows[0]?.tokens).toBeGreaterThanOrEqual(0.8 - 1e-6);
      expect(rows[0]?.tokens).toBeLessThan(1);
    } finally {
      await other.end();
    }
  });

  it('spaces two limiters over two pools by the latency margin once the burst is spent', async () => {
    const other = new Pool({ connectionString: db.url, max: 2 });
    const key = 'S4:NA:listings.getListingsItem';
    // Grant times on the limiter's own clock (the database's, which the store refills by), recorded by a
    // trigger in the granting statement: timestamps taken in this process after the store answers would
    // measure how busy the machine is, not the limiter.
    await pool.query(`CREATE TABLE grant_log (at timestamptz NOT NULL)`);
    await pool.query(`CREATE FUNCTION log_grant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.granted AND NEW.bucket_key = '${key}' THEN INSERT INTO grant_log VALUES (NEW.updated_at); END IF;
  RETURN NEW;
END $$`);
    await pool.query(`CREATE TRIGGER log_grant AFTER INSERT OR UPDATE ON sp_api_rate_limit_bucket FOR EACH ROW EXECUTE FUNCTION log_grant()`);
    try {
      // getListingsItem's plan; the default 250 ms margin is capped at 0.9 / rate = 180 ms.
      const plan = { rate: 5, burst: 10 };
      const marginS = 0.18;
      const replicas = [pool, other].map((p) => new RateLimiter(new PostgresRateLimitStore(p), { minPollMs: 2 }));
      const calls = (limiter: RateLimiter) => Array.from({ length: 15 }, () => limiter.acquire(key, plan));
      const first = calls(replicas[0]);
      // The second replica's callers arrive while the first waits out the margin after the burst.
      await new Promise((r) => setTimeout(r, 250));
      await Promise.all([...first, ...calls(replicas[1])]);
      // Seconds since the grant before, computed as the store computes its refill (one subtraction of timestamps).
      const { rows } = await pool.query<{ gap: number | null }>(`SELECT EXTRACT(EPOCH FROM at - lag(at) OVER (ORDER BY at))::float8 AS gap FROM grant_log ORDER BY at`);
      expect(rows).toHaveLength(30);
      // Replayed in grant order on that clock, every grant was allowed by the rule both replicas share:
      // a whole token left by the grant before (the burst), or, once the bucket had run dry, one token
      // plus the reserve of rate × margin. A replica that spent a token the other had taken, or ignored
      // the reserve, shows as a grant the rule refuses.
      const reserve = latencyReserve(plan.rate, plan.burst, marginS * 1000);
      let tokens = plan.burst;
      const refused: number[] = [];
      rows.forEach(({ gap }, index) => {
        const refilled = refill(tokens, plan.rate, plan.burst, Number(gap ?? 0) * 1000);
        if (!mayGrant(tokens, refilled, reserve)) refused.push(index);
        tokens = refilled - 1;
      });
      expect(refused).toEqual([]);
    } finally {
      await other.end();
      await pool.query(`DROP TRIGGER log_grant ON sp_api_rate_limit_bucket; DROP FUNCTION log_grant(); DROP TABLE grant_log`);
    }
  }, 30_000);

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
