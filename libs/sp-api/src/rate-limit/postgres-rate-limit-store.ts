import type { AcquireOptions, AcquireResult, RateLimitStore } from './rate-limit-store';
import { TOKEN_EPSILON, latencyReserve, msUntilTokens, refill } from './rate-limit-store';
import type { BucketPlan } from './usage-plans';

/**
 * The smallest query interface the store needs; a `pg.Pool` or `pg.Client` satisfies it, so the
 * library depends on no ORM.
 */
export interface SqlQueryPort {
  query<R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** Options for {@link PostgresRateLimitStore}. */
export interface PostgresRateLimitStoreOptions {
  /** Schema holding the table (the owning service's schema). Default `public`. */
  schema?: string;
  /** Table name. Default `sp_api_rate_limit_bucket`. */
  table?: string;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

function qualifiedTable(options: PostgresRateLimitStoreOptions): string {
  const schema = options.schema ?? 'public';
  const table = options.table ?? 'sp_api_rate_limit_bucket';
  if (!IDENT.test(schema) || !IDENT.test(table)) throw new RangeError('schema/table must be lower-case SQL identifiers');
  return `"${schema}"."${table}"`;
}

/**
 * DDL of the bucket table, for a service's migration (preferred) or {@link PostgresRateLimitStore.ensureSchema}.
 *
 * @example await queryRunner.query(rateLimitBucketDdl({ schema: 'listings' }))
 */
export function rateLimitBucketDdl(options: PostgresRateLimitStoreOptions = {}): string {
  const t = qualifiedTable(options);
  return `CREATE TABLE IF NOT EXISTS ${t} (
  bucket_key text PRIMARY KEY,
  tokens double precision NOT NULL,
  rate double precision NOT NULL CHECK (rate > 0),
  burst double precision NOT NULL CHECK (burst >= 1),
  granted boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  created_at timestamptz NOT NULL DEFAULT now()
)`;
}

/**
 * Token buckets in PostgreSQL, shared by every replica.
 *
 * Each take is one `INSERT … ON CONFLICT DO UPDATE` statement: PostgreSQL locks the row, refills
 * it by elapsed database time (one clock for all replicas) and takes a token if the grant rule
 * allows, so two processes can never both spend the last token, and the latency reserve held in
 * the row applies to every replica's grant. No column beyond {@link rateLimitBucketDdl}'s.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  private readonly table: string;
  private readonly acquireSql: string;
  private readonly updateRateSql: string;
  private readonly drainSql: string;

  constructor(
    private readonly db: SqlQueryPort,
    private readonly options: PostgresRateLimitStoreOptions = {},
  ) {
    this.table = qualifiedTable(options);
    const refilled = `LEAST(b.burst, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM (excluded.updated_at - b.updated_at))) * b.rate)`;
    // Same rule as mayGrant/latencyReserve ($4 = margin in ms); a refusal leaves tokens and updated_at as they were.
    const reserve = `GREATEST(0, LEAST(b.rate * $4::float8 / 1000, 0.9, b.burst - 1))`;
    const grant = `(b.tokens >= 1 - ${TOKEN_EPSILON} OR ${refilled} >= 1 + ${reserve} - ${TOKEN_EPSILON})`;
    this.acquireSql = `INSERT INTO ${this.table} AS b (bucket_key, tokens, rate, burst, granted, updated_at)
SELECT $1, $3::float8 - 1, $2::float8, $3::float8, true, clock_timestamp()
ON CONFLICT (bucket_key) DO UPDATE SET
  tokens = CASE WHEN ${grant} THEN ${refilled} - 1 ELSE b.tokens END,
  granted = ${grant},
  burst = excluded.burst,
  updated_at = CASE WHEN ${grant} THEN GREATEST(b.updated_at, excluded.updated_at) ELSE b.updated_at END
RETURNING granted, tokens, rate, burst, GREATEST(0, EXTRACT(EPOCH FROM (clock_timestamp() - updated_at))) AS elapsed_s`;
    this.updateRateSql = `INSERT INTO ${this.table} AS b (bucket_key, tokens, rate, burst, updated_at)
VALUES ($1, $3::float8, $2::float8, $3::float8, clock_timestamp())
ON CONFLICT (bucket_key) DO UPDATE SET
  tokens = LEAST(b.burst, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM (excluded.updated_at - b.updated_at))) * b.rate),
  rate = excluded.rate,
  updated_at = GREATEST(b.updated_at, excluded.updated_at)`;
    this.drainSql = `INSERT INTO ${this.table} AS b (bucket_key, tokens, rate, burst, updated_at)
VALUES ($1, 0, $2::float8, $3::float8, clock_timestamp())
ON CONFLICT (bucket_key) DO UPDATE SET tokens = 0, updated_at = GREATEST(b.updated_at, excluded.updated_at)`;
  }

  /** Creates the table if missing (tests and the embedded default; production uses migrations). */
  async ensureSchema(): Promise<void> {
    const schema = this.options.schema ?? 'public';
    await this.db.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await this.db.query(rateLimitBucketDdl(this.options));
  }

  async tryAcquire(key: string, plan: BucketPlan, options: AcquireOptions = {}): Promise<AcquireResult> {
    const marginMs = options.latencyMarginMs ?? 0;
    const { rows } = await this.db.query<{ granted: boolean; tokens: number; rate: number; burst: number; elapsed_s: string | number }>(this.acquireSql, [
      key,
      plan.rate,
      plan.burst,
      marginMs,
    ]);
    const row = rows[0];
    if (!row) throw new Error('rate-limit bucket upsert returned no row');
    if (row.granted) return { granted: true, retryAfterMs: 0 };
    const rate = Number(row.rate);
    const burst = Number(row.burst);
    const refilled = refill(Number(row.tokens), rate, burst, Number(row.elapsed_s) * 1000);
    return { granted: false, retryAfterMs: msUntilTokens(refilled, 1 + latencyReserve(rate, burst, marginMs), rate) };
  }

  async updateRate(key: string, rate: number, plan: BucketPlan): Promise<void> {
    await this.db.query(this.updateRateSql, [key, rate, plan.burst]);
  }

  async drain(key: string, plan: BucketPlan): Promise<void> {
    await this.db.query(this.drainSql, [key, plan.rate, plan.burst]);
  }
}
