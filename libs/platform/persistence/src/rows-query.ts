import type { DataSource } from 'typeorm';

/**
 * The `query(sql, params) → { rows }` shape of `pg.Pool`, which framework-free libraries take as
 * their database port (libs/sp-api's `SqlQueryPort`, for one).
 */
export interface RowsQuery {
  query<R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * Adapts a service's DataSource to {@link RowsQuery}, so a library that must not depend on TypeORM
 * still runs on the service's own connection pool.
 *
 * Why not `{ rows: await dataSource.query(...) }`: TypeORM returns `[rows, rowCount]` instead of the
 * rows for UPDATE and DELETE statements; the structured result always carries the rows.
 *
 * @example
 * const store = new PostgresRateLimitStore(rowsQuery(dataSource), { schema: 'listings' });
 */
export function rowsQuery(dataSource: DataSource): RowsQuery {
  return {
    async query<R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> {
      const runner = dataSource.createQueryRunner();
      try {
        const result = await runner.query(sql, params, true);
        return { rows: result.records as R[] };
      } finally {
        await runner.release();
      }
    },
  };
}
