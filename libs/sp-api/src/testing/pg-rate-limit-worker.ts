/**
 * Child process for the two-process PostgreSQL limiter spec: takes a fixed number of tokens from one
 * bucket through its own RateLimiter + PostgresRateLimitStore, then prints how many it got as JSON.
 *
 * Handshake, so the race starts when both processes are up however slow the machine is: the worker
 * prints `ready` once its pool holds a connection, waits for a `go` line on stdin, runs, prints
 * `{"granted":n}` and exits. It exits without running if stdin closes first (its parent is gone).
 *
 * argv: <databaseUrl> <bucketKey> <rate> <burst> <acquisitions> <concurrency> [--in-memory]
 * `--in-memory` keeps the bucket in this process only (a replica that does not share the seller's
 * budget): for checking that the spec fails when a process bypasses the shared bucket.
 */
import { createInterface } from 'node:readline';
import { Pool } from 'pg';
import { InMemoryRateLimitStore } from '../rate-limit/in-memory-rate-limit-store';
import { PostgresRateLimitStore } from '../rate-limit/postgres-rate-limit-store';
import { RateLimiter } from '../rate-limit/rate-limiter';

function waitForGo(): Promise<void> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      if (line.trim() !== 'go') return;
      resolve(); // before close(), whose 'close' event would otherwise reject
      lines.close();
    });
    lines.on('close', () => reject(new Error('stdin closed before "go"')));
  });
}

async function main(): Promise<void> {
  const [url, key, rate, burst, acquisitions, concurrency] = process.argv.slice(2);
  const inMemory = process.argv.includes('--in-memory');
  const pool = new Pool({ connectionString: url, max: 4 });
  try {
    await pool.query('SELECT 1');
    const limiter = new RateLimiter(inMemory ? new InMemoryRateLimitStore() : new PostgresRateLimitStore(pool), { minPollMs: 2 });
    const plan = { rate: Number(rate), burst: Number(burst) };
    const go = waitForGo();
    process.stdout.write('ready\n');
    await go;
    let remaining = Number(acquisitions);
    let granted = 0;
    await Promise.all(
      Array.from({ length: Number(concurrency) }, async () => {
        while (remaining > 0) {
          remaining -= 1;
          await limiter.acquire(String(key), plan);
          granted += 1;
        }
      }),
    );
    process.stdout.write(`${JSON.stringify({ granted })}\n`);
  } finally {
    await pool.end();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  },
);
