/**
 * Child process for the two-process PostgreSQL limiter spec: hammers one bucket through its own
 * RateLimiter + PostgresRateLimitStore until a deadline, then prints the grant times as JSON.
 * argv: <databaseUrl> <bucketKey> <rate> <burst> <startAtEpochMs> <durationMs> <concurrency>
 */
import { Pool } from 'pg';
import { PostgresRateLimitStore } from '../rate-limit/postgres-rate-limit-store';
import { RateLimiter } from '../rate-limit/rate-limiter';

async function main(): Promise<void> {
  const [url, key, rate, burst, startAt, duration, concurrency] = process.argv.slice(2);
  const pool = new Pool({ connectionString: url, max: 4 });
  const limiter = new RateLimiter(new PostgresRateLimitStore(pool), { minPollMs: 2 });
  const plan = { rate: Number(rate), burst: Number(burst) };
  const deadline = Number(startAt) + Number(duration);
  await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
  const grants: number[] = [];
  await Promise.all(
    Array.from({ length: Number(concurrency) }, async () => {
      while (Date.now() < deadline) {
        await limiter.acquire(String(key), plan);
        if (Date.now() < deadline) grants.push(Date.now());
      }
    }),
  );
  await pool.end();
  process.stdout.write(JSON.stringify(grants));
}

main().catch((err: unknown) => {
  process.stderr.write(String(err));
  process.exit(1);
});
