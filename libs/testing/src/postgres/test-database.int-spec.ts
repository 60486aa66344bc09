import { Client } from 'pg';
import { createTestDatabase } from './test-database';
import type { TestDatabase } from './test-database';
import { resolvePostgres } from './postgres-server';

async function query<T extends Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function databaseExists(name: string): Promise<boolean> {
  const { url } = await resolvePostgres();
  const rows = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM pg_database WHERE datname = '${name}'`);
  return rows[0].n === 1;
}

describe('createTestDatabase', () => {
  const created: TestDatabase[] = [];

  afterAll(async () => {
    await Promise.all(created.map((db) => db.drop()));
  });

  it('gives each caller an empty database of its own that others cannot see into', async () => {
    const [first, second] = await Promise.all([createTestDatabase('isolation'), createTestDatabase('isolation')]);
    created.push(first, second);

    expect(first.name).not.toBe(second.name);
    expect(first.name).toMatch(/^t_isolation_[a-z0-9]+$/);
    await query(first.url, 'CREATE TABLE outbox (id int PRIMARY KEY); INSERT INTO outbox VALUES (1)');

    expect(await query(first.url, 'SELECT current_database() AS db')).toEqual([{ db: first.name }]);
    expect(await query(first.url, 'SELECT id FROM outbox')).toEqual([{ id: 1 }]);
    expect(await query(second.url, "SELECT to_regclass('public.outbox') AS t")).toEqual([{ t: null }]);
  });

  it('drops the database even while a connection to it is still open', async () => {
    const db = await createTestDatabase('drop');
    created.push(db);
    const leftOpen = new Client({ connectionString: db.url });
    leftOpen.on('error', () => undefined);
    await leftOpen.connect();
    expect(await databaseExists(db.name)).toBe(true);

    await db.drop();

    expect(await databaseExists(db.name)).toBe(false);
    await expect(leftOpen.query('SELECT 1')).rejects.toThrow();
    await leftOpen.end().catch(() => undefined);
    await expect(query(db.url, 'SELECT 1')).rejects.toThrow(/does not exist/);
  });
});
