import type { AcquireOptions, AcquireResult, RateLimitStore } from './rate-limit-store';
import { DEFAULT_CLAIM_PRIORITY, DEFAULT_CLAIM_TTL_MS, TOKEN_EPSILON, claimWaitMs, latencyReserve, msUntilTokens, refill } from './rate-limit-store';
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
  created_at timestamptz NOT NULL DEFAULT now(),
  claim_priority double precision,
  claim_until timestamptz
)`;
}

/**
 * Adds the claim columns (a waiting caller's rank and until when it holds, see
 * `AcquireOptions.priority`) to a bucket table created before they existed; idempotent.
 */
export function rateLimitBucketClaimsDdl(options: PostgresRateLimitStoreOptions = {}): string {
  const t = qualifiedTable(options);
  return `ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS claim_priority double precision, ADD COLUMN IF NOT EXISTS claim_until timestamptz`;
}

/**
 * Token buckets in PostgreSQL, shared by every replica.
 *
 * Each take is one `INSERT … ON CONFLICT DO UPDATE` statement: PostgreSQL locks the row, refills
 * it by elapsed database time (one clock for all replicas) and takes a token if the grant rule
 * allows, so two processes can never both spend the last token, and the latency reserve held in
 * the row applies to every replica's grant. The row also holds the highest-ranked waiting caller's
 * claim (`claim_priority`, `claim_until`), so replicas serve one seller's callers in priority order
 * across processes, not just within each. No column beyond {@link rateLimitBucketDdl}'s.
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
    // Same rule as claimBlocks/nextClaim ($5 = the caller's rank, $6 = claim lifetime in ms, $7 = ignore claims).
    const blocked = `COALESCE(NOT $7::boolean AND b.claim_until > excluded.updated_at AND b.claim_priority > $5::float8, false)`;
    const grant = `(NOT ${blocked} AND (b.tokens >= 1 - ${TOKEN_EPSILON} OR ${refilled} >= 1 + ${reserve} - ${TOKEN_EPSILON}))`;
    this.acquireSql = `INSERT INTO ${this.table} AS b (bucket_key, tokens, rate, burst, granted, updated_at)
SELECT $1, $3::float8 - 1, $2::float8, $3::float8, true, clock_timestamp()
ON CONFLICT (bucket_key) DO UPDATE SET
  tokens = CASE WHEN ${grant} THEN ${refilled} - 1 ELSE b.tokens END,
  granted = ${grant},
  burst = excluded.burst,
  updated_at = CASE WHEN ${grant} THEN GREATEST(b.updated_at, excluded.updated_at) ELSE b.updated_at END,
  claim_priority = CASE WHEN $7::boolean OR ${blocked} THEN b.claim_priority WHEN ${grant} THEN NULL ELSE $5::float8 END,
  claim_until = CASE WHEN $7::boolean OR ${blocked} THEN b.claim_until WHEN ${grant} THEN NULL
    ELSE excluded.updated_at + make_interval(secs => $6::float8 / 1000) END
RETURNING granted, tokens, rate, burst, GREATEST(0, EXTRACT(EPOCH FROM (clock_timestamp() - updated_at))) AS elapsed_s,
  CASE WHEN COALESCE(NOT granted AND NOT $7::boolean AND claim_priority > $5::float8 AND claim_until > clock_timestamp(), false)
    THEN EXTRACT(EPOCH FROM (claim_until - clock_timestamp())) * 1000 END AS claim_remaining_ms`;
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
    await this.db.query(rateLimitBucketClaimsDdl(this.options));
  }

  async tryAcquire(key: string, plan: BucketPlan, options: AcquireOptions = {}): Promise<AcquireResult> {
    const marginMs = options.latencyMarginMs ?? 0;
    const { rows } = await this.db.query<{
      granted: boolean;
      tokens: number;
      rate: number;
      burst: number;
      elapsed_s: string | number;
      claim_remaining_ms: string | number | null;
    }>(this.acquireSql, [
      key,
      plan.rate,
      plan.burst,
      marginMs,
      options.priority ?? DEFAULT_CLAIM_PRIORITY,
      options.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS,
      options.ignoreClaims === true,
    ]);
    const row = rows[0];
    if (!row) throw new Error('rate-limit bucket upsert returned no row');
    if (row.granted) return { granted: true, retryAfterMs: 0 };
    const rate = Number(row.rate);
    const burst = Number(row.burst);
    const refilled = refill(Number(row.tokens), rate, burst, Number(row.elapsed_s) * 1000);
    const wait = msUntilTokens(refilled, 1 + latencyReserve(rate, burst, marginMs), rate);
    // Held back by a higher-ranked claim: ask again when the claimant has had its token.
    const claimRemaining = row.claim_remaining_ms === null ? null : Number(row.claim_remaining_ms);
    return { granted: false, retryAfterMs: claimRemaining === null ? wait : Math.max(wait, claimWaitMs(claimRemaining, rate)) };
  }

  async updateRate(key: string, rate: number, plan: BucketPlan): Promise<void> {
    await this.db.query(this.updateRateSql, [key, rate, plan.burst]);
  }

  async drain(key: string, plan: BucketPlan): Promise<void> {
    await this.db.query(this.drainSql, [key, plan.rate, plan.burst]);
  }
}
