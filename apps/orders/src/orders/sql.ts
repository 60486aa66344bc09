import type { EntityManager } from 'typeorm';

/**
 * Multi-row `INSERT ... VALUES` with numbered parameters, in chunks that stay under PostgreSQL's
 * 65,535-parameter limit. `suffix` is the ON CONFLICT / RETURNING clause.
 * @returns the rows RETURNING produced, in order.
 */
export async function insertRows<T = Record<string, unknown>>(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  suffix = '',
): Promise<T[]> {
  const out: T[] = [];
  const perChunk = Math.max(1, Math.floor(60_000 / columns.length));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
    const result = (await manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`, params)) as T[];
    if (Array.isArray(result)) out.push(...result);
  }
  return out;
}
