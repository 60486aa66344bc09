import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'pg';
import type { TestDatabase } from '@amazon-channel/testing';
import { createTestDatabase, forgetChildProcess, recordChildProcess, signalProcessGroup } from '@amazon-channel/testing';
import { repoRoot } from '../testing/shared-paths';
import { PostgresRateLimitStore, rateLimitBucketDdl } from './postgres-rate-limit-store';
import type { AcquireResult } from './rate-limit-store';
import { TOKEN_EPSILON, latencyReserve, mayGrant, msUntilTokens, refill } from './rate-limit-store';
import { RateLimiter } from './rate-limiter';
import { RUN_PRIORITY } from '@amazon-channel/contracts';
import { withRatePriority } from './rate-priority';
import type { BucketPlan } from './usage-plans';

/*
 * Every timing expectation here is computed on the store's own clock (the database's, which it
 * refills by), read right around each attempt: timestamps taken in this process would measure how
 * busy the machine is, not the limiter.
 */

/**
 * Records every grant on `key` at the store's own clock, by a trigger in the granting statement.
 * `gaps()` gives, in grant order, the seconds since the grant before (null for the first), computed
 * as the store computes its refill (one subtraction of timestamps).
 */
async function recordGrants(pool: Pool, key: string): Promise<{ gaps(): Promise<(number | null)[]>; stop(): Promise<void> }> {
  await pool.query(`CREATE TABLE grant_log (at timestamptz NOT NULL)`);
  await pool.query(`CREATE FUNCTION log_grant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.granted AND NEW.bucket_key = '${key}' THEN INSERT INTO grant_log VALUES (NEW.updated_at); END IF;
  RETURN NEW;
END $$`);
  await pool.query(`CREATE TRIGGER log_grant AFTER INSERT OR UPDATE ON sp_api_rate_limit_bucket FOR EACH ROW EXECUTE FUNCTION log_grant()`);
  return {
    gaps: async () => {
      const { rows } = await pool.query<{ gap: number | null }>(
        `SELECT EXTRACT(EPOCH FROM at - lag(at) OVER (ORDER BY at))::float8 AS gap FROM grant_log ORDER BY at`,
      );
      return rows.map((r) => r.gap);
    },
    stop: async () => {
      await pool.query(`DROP TRIGGER log_grant ON sp_api_rate_limit_bucket; DROP FUNCTION log_grant(); DROP TABLE grant_log`);
    },
  };
}

/**
 * Replays logged grants in order through the rule every store shares, starting from a full bucket:
 * a whole token left by the grant before (the burst), or, once the bucket has run dry, one token plus
 * the reserve. Returns the indexes of the grants the rule refuses (a process that spent a token
 * another had taken, or ignored the reserve).
 */
function grantsTheRuleRefuses(gaps: (number | null)[], plan: BucketPlan, reserve: number): number[] {
  let tokens = plan.burst;
  const refused: number[] = [];
  gaps.forEach((gap, index) => {
    const refilled = refill(tokens, plan.rate, plan.burst, Number(gap ?? 0) * 1000);
    if (!mayGrant(tokens, refilled, reserve)) refused.push(index);
    tokens = refilled - 1;
  });
  return refused;
}

interface BucketRow {
  tokens: number;
  rate: number;
  burst: number;
  /** Text, not a JS Date: the store's refill works to the microsecond. */
  updated_at: string;
  /** Seconds from the row's `updated_at` to the database's clock now. */
  since_s: number;
}

async function bucketRow(pool: Pool, key: string): Promise<BucketRow> {
  const { rows } = await pool.query<BucketRow>(
    `SELECT tokens, rate, burst, updated_at::text AS updated_at, EXTRACT(EPOCH FROM clock_timestamp() - updated_at)::float8 AS since_s
FROM sp_api_rate_limit_bucket WHERE bucket_key = $1`,
    [key],
  );
  const row = rows[0];
  if (!row) throw new Error(`no bucket ${key}`);
  return row;
}

/** Tokens the bucket holds now, on the database's clock. */
async function tokensNow(pool: Pool, key: string): Promise<number> {
  const row = await bucketRow(pool, key);
  return refill(row.tokens, row.rate, row.burst, row.since_s * 1000);
}

/** Polls the bucket (on the database's clock) until it holds `tokens`; a deadline, not a spacing. */
async function untilBucketHolds(pool: Pool, key: string, tokens: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await tokensNow(pool, key)) < tokens - TOKEN_EPSILON) {
    if (Date.now() > deadline) throw new Error(`bucket ${key} never held ${tokens} tokens`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * One take attempt, checked against the grant rule for the database time that actually passed. The
 * attempt happened between two reads of the database clock (`sinceBefore` and `sinceAfter` seconds
 * after the bucket's last update); a grant is stamped with its own time in the row. So: a grant must
 * be one the rule allows at its stamp and leave exactly the refill minus one token; a refusal must
 * leave the row untouched, be one the rule gives at the earliest moment the attempt could have been
 * decided (refills only grow), and name a wait that fits the window.
 */
async function checkedAttempt(
  pool: Pool,
  store: PostgresRateLimitStore,
  key: string,
  plan: BucketPlan,
  latencyMarginMs = 0,
): Promise<AcquireResult & { heldWholeToken: boolean }> {
  const before = await bucketRow(pool, key);
  const result = await store.tryAcquire(key, plan, { latencyMarginMs });
  const { rows } = await pool.query<{ tokens: number; updated_at: string; since_s: number; stamp_s: number }>(
    `SELECT tokens, updated_at::text AS updated_at,
  EXTRACT(EPOCH FROM clock_timestamp() - $2::timestamptz)::float8 AS since_s,
  EXTRACT(EPOCH FROM updated_at - $2::timestamptz)::float8 AS stamp_s
FROM sp_api_rate_limit_bucket WHERE bucket_key = $1`,
    [key, before.updated_at],
  );
  const after = rows[0];
  if (!after) throw new Error(`no bucket ${key}`);
  const reserve = latencyReserve(before.rate, before.burst, latencyMarginMs);
  const refilledAfter = (seconds: number) => refill(before.tokens, before.rate, before.burst, seconds * 1000);
  if (result.granted) {
    expect(mayGrant(before.tokens, refilledAfter(after.stamp_s), reserve)).toBe(true);
    expect(after.tokens).toBeCloseTo(refilledAfter(after.stamp_s) - 1, 6);
  } else {
    expect([after.updated_at, after.tokens]).toEqual([before.updated_at, before.tokens]);
    expect(mayGrant(before.tokens, refilledAfter(before.since_s), reserve)).toBe(false);
    // ±1 ms: the wait is rounded up to whole milliseconds from float seconds.
    expect(result.retryAfterMs).toBeGreaterThanOrEqual(msUntilTokens(refilledAfter(after.since_s), 1 + reserve, before.rate) - 1);
    expect(result.retryAfterMs).toBeLessThanOrEqual(msUntilTokens(refilledAfter(before.since_s), 1 + reserve, before.rate) + 1);
  }
  return { ...result, heldWholeToken: refilledAfter(before.since_s) >= 1 - TOKEN_EPSILON };
}

interface Worker {
  /** Resolves when the worker's pool is connected and it waits for `go`. */
  ready: Promise<void>;
  go(): void;
  /** What it printed last: how many tokens it took. */
  done: Promise<{ granted: number }>;
  kill(): void;
}

/** Starts a pg-rate-limit-worker process (see its header for the handshake). */
function startWorker(args: string[]): Worker {
  const script = path.join(__dirname, '../testing/pg-rate-limit-worker.ts');
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [path.join(repoRoot(), 'tools/run-ts.js'), script, ...args], {
    cwd: repoRoot(),
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  recordChildProcess(child.pid, 'pg-rate-limit-worker');
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (line === 'ready') resolve();
    });
    void exited.then((code) => reject(new Error(`worker exited (${String(code)}) before ready: ${stderr}`)));
  });
  const done = exited.then((code) => {
    forgetChildProcess(child.pid);
    if (code !== 0) throw new Error(`worker exited with ${String(code)}: ${stderr}`);
    return JSON.parse(lines[lines.length - 1] ?? 'null') as { granted: number };
  });
  // A worker that dies before `ready` fails the test there; its `done` is then never awaited.
  done.catch(() => undefined);
  return {
    ready,
    done,
    go: () => child.stdin.write('go\n'),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) signalProcessGroup(child.pid, 'SIGKILL');
      forgetChildProcess(child.pid);
    },
  };
}

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
    const key = 'S1:NA:reports.createReport';
    // A slow refill (one token per 20 s): the bucket stays short of a token after the burst however
    // slowly the four statements run; the expected wait is computed for the time that passed.
    const plan = { rate: 0.05, burst: 3 };
    const results = [await store.tryAcquire(key, plan)];
    for (let i = 0; i < 3; i++) results.push(await checkedAttempt(pool, store, key, plan));
    expect(results.map((r) => r.granted)).toEqual([true, true, true, false]);
    expect(results[3]?.retryAfterMs).toBeGreaterThan(0);
    expect(results[3]?.retryAfterMs).toBeLessThanOrEqual(20_000);
  });

  it('applies an adapted rate and drains after a 429', async () => {
    const store = new PostgresRateLimitStore(pool);
    const key = 'S2:NA:op';
    // Slow rates again, so the drained bucket stays far from a token whatever the machine does.
    const plan = { rate: 0.05, burst: 2 };
    await store.tryAcquire(key, plan);
    await store.drain(key, plan);
    await store.updateRate(key, 0.005, plan);
    expect((await bucketRow(pool, key)).rate).toBe(0.005);
    const refused = await checkedAttempt(pool, store, key, plan);
    expect(refused.granted).toBe(false);
    // At the plan's rate the wait would be at most 20 s; at the adapted one it is about 200 s.
    expect(refused.retryAfterMs).toBeGreaterThan(100_000);
  });

  it('keeps the latency reserve in the row: a refilled token waits out the margin whichever replica asks', async () => {
    const other = new Pool({ connectionString: db.url, max: 2 });
    const key = 'S3:NA:op';
    try {
      const [first, second] = [new PostgresRateLimitStore(pool), new PostgresRateLimitStore(other)];
      // 800 ms of margin at 1 token/s: 0.8 token of reserve, so a refilled whole token is refused for 0.8 s.
      const plan = { rate: 1, burst: 2 };
      const marginMs = 800;
      const reserve = latencyReserve(plan.rate, plan.burst, marginMs);
      expect(reserve).toBeCloseTo(0.8, 9);
      expect((await first.tryAcquire(key, plan, { latencyMarginMs: marginMs })).granted).toBe(true);
      expect((await checkedAttempt(pool, first, key, plan, marginMs)).granted).toBe(true);
      // Each attempt is checked against the rule for the time that passed. Shown once is enough: both
      // replicas refuse while the bucket holds a whole token but not the reserve. A stall that lets the
      // reserve refill first turns a round into grants the rule allows, and the next round tries again.
      let shown = false;
      for (let round = 0; round < 5 && !shown; round++) {
        await untilBucketHolds(pool, key, 1);
        const bySecond = await checkedAttempt(pool, second, key, plan, marginMs);
        const byFirst = await checkedAttempt(pool, first, key, plan, marginMs);
        shown = [bySecond, byFirst].every((a) => !a.granted && a.heldWholeToken && a.retryAfterMs <= marginMs);
        // Once the token plus the reserve is there, the grant keeps the reserve in the row.
        await untilBucketHolds(pool, key, 1 + reserve);
        expect((await checkedAttempt(pool, second, key, plan, marginMs)).granted).toBe(true);
        expect((await bucketRow(pool, key)).tokens).toBeGreaterThanOrEqual(reserve - 1e-6);
      }
      expect(shown).toBe(true);
    } finally {
      await other.end();
    }
  }, 60_000);

  it('spaces two limiters over two pools by the latency margin once the burst is spent', async () => {
    const other = new Pool({ connectionString: db.url, max: 2 });
    const key = 'S4:NA:listings.getListingsItem';
    const grants = await recordGrants(pool, key);
    try {
      // getListingsItem's plan; the default 250 ms margin is capped at 0.9 / rate = 180 ms.
      const plan = { rate: 5, burst: 10 };
      const marginS = 0.18;
      const replicas = [pool, other].map((p) => new RateLimiter(new PostgresRateLimitStore(p), { minPollMs: 2 }));
      const calls = (limiter: RateLimiter) => Array.from({ length: 15 }, () => limiter.acquire(key, plan));
      const first = calls(replicas[0]);
      // The second replica's callers usually arrive while the first waits out the margin after the
      // burst; when they do not, the replay below holds all the same.
      await new Promise((r) => setTimeout(r, 250));
      await Promise.all([...first, ...calls(replicas[1])]);
      const gaps = await grants.gaps();
      expect(gaps).toHaveLength(30);
      // A replica that spent a token the other had taken, or ignored the reserve, shows as a grant the rule refuses.
      expect(grantsTheRuleRefuses(gaps, plan, latencyReserve(plan.rate, plan.burst, marginS * 1000))).toEqual([]);
    } finally {
      await other.end();
      await grants.stop();
    }
  }, 30_000);

  it('keeps the combined rate of two processes sharing one seller within the plan', async () => {
    const key = 'A1SHARED:NA:listings.patchListingsItem';
    const plan = { rate: 20, burst: 5 };
    const perWorker = 20;
    // The workers' RateLimiter uses its default margin, 250 ms: 0.9 token of reserve at 20/s.
    const reserve = latencyReserve(plan.rate, plan.burst, 250);
    const grants = await recordGrants(pool, key);
    const args = [db.url, key, String(plan.rate), String(plan.burst), String(perWorker), '8'];
    const workers = [startWorker(args), startWorker(args)];
    try {
      // Both processes are up (however long swc takes on this machine) before either takes a token.
      await Promise.all(workers.map((w) => w.ready));
      workers.forEach((w) => w.go());
      // Each would happily take its tokens alone; together they must get them all, one bucket between them.
      expect(await Promise.all(workers.map((w) => w.done))).toEqual([{ granted: perWorker }, { granted: perWorker }]);
      const gaps = await grants.gaps();
      expect(gaps).toHaveLength(2 * perWorker);
      expect(grantsTheRuleRefuses(gaps, plan, reserve)).toEqual([]);
    } finally {
      workers.forEach((w) => w.kill());
      await grants.stop();
    }
  }, 120_000);

  it('serves a get-orders on one replica before an import running on two others: the claim holds across processes', async () => {
    const key = 'A1PRIORITY:NA:reports.getReport';
    const plan = { rate: 4, burst: 1 };
    const pools = [0, 1, 2].map(() => new Pool({ connectionString: db.url, max: 2 }));
    const [importA, importB, orders] = pools.map((p) => new RateLimiter(new PostgresRateLimitStore(p), { minPollMs: 2 }));
    const stopImport = new AbortController();
    const grants: string[] = [];
    try {
      // A large import of the seller: two replicas keep 40 calls each waiting on the shared bucket.
      const importCalls = withRatePriority(RUN_PRIORITY.import, () =>
        [importA, importB].flatMap((limiter) =>
          Array.from({ length: 40 }, () =>
            limiter.acquire(key, plan, undefined, stopImport.signal).then(
              () => grants.push('import'),
              () => undefined,
            ),
          ),
        ),
      );
      // Wait on a condition, not a time: the import is under way.
      while (grants.length < 4) await new Promise((r) => setTimeout(r, 10));
      const before = grants.length;
      await Promise.all(
        withRatePriority(RUN_PRIORITY.getOrders, () => Array.from({ length: 4 }, () => orders.acquire(key, plan).then(() => grants.push('get-orders')))),
      );
      // Only a token already on its way to an import call when the first get-orders call asked may
      // come first; after that the get-orders replica's claim holds the bucket until it is served.
      const next = grants.slice(before, before + 5);
      expect(next.filter((g) => g === 'get-orders')).toHaveLength(4);
      stopImport.abort();
      await Promise.all(importCalls);
      // The claim is gone once served: the import takes the bucket again.
      const { rows } = await pool.query<{ claim_priority: number | null }>(`SELECT claim_priority FROM sp_api_rate_limit_bucket WHERE bucket_key = $1`, [key]);
      expect(rows[0]?.claim_priority ?? RUN_PRIORITY.import).toBeLessThanOrEqual(RUN_PRIORITY.import);
    } finally {
      stopImport.abort();
      await Promise.all(pools.map((p) => p.end()));
    }
  }, 60_000);
});
