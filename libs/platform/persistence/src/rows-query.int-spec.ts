import { createTestDatabase, type TestDatabase } from '@amazon-channel/testing';
import { DataSource } from 'typeorm';
import { rowsQuery } from './rows-query';

describe('rowsQuery (real PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('rows_query');
    dataSource = new DataSource({ type: 'postgres', url: database.url });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE counters (name text PRIMARY KEY, n int NOT NULL)');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('answers every statement with its rows, UPDATE and DELETE included', async () => {
    const db = rowsQuery(dataSource);

    expect((await db.query('INSERT INTO counters VALUES ($1, 1), ($2, 5) RETURNING name, n', ['a', 'b'])).rows).toEqual([
      { name: 'a', n: 1 },
      { name: 'b', n: 5 },
    ]);
    expect((await db.query('UPDATE counters SET n = n + 1 WHERE name = $1 RETURNING n', ['a'])).rows).toEqual([{ n: 2 }]);
    expect((await db.query('SELECT name FROM counters WHERE n > $1 ORDER BY name', [1])).rows).toEqual([{ name: 'a' }, { name: 'b' }]);
    expect((await db.query('DELETE FROM counters WHERE name = $1 RETURNING name', ['b'])).rows).toEqual([{ name: 'b' }]);
    expect((await db.query('UPDATE counters SET n = 0 WHERE name = $1', ['missing'])).rows).toEqual([]);
  });
});
