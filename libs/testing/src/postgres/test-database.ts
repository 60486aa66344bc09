import { Client } from 'pg';
import { testDatabaseName } from './database-name';
import { PostgresHarnessError, PostgresHarnessErrorCode } from './postgres-harness.error';
import { resolvePostgres } from './postgres-server';

/**
 * A database of its own for one test file.
 */
export interface TestDatabase {
  /** Database name, `t_<prefix>_<random>`. */
  readonly name: string;
  /** Connection URL of this database (same server, user and options as the harness's server). */
  readonly url: string;
  /** Drops the database, closing any connection still open to it. Safe to call twice. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh, empty database on the harness's PostgreSQL server ({@link resolvePostgres}) and
 * returns its URL.
 *
 * Why: each test file gets its own database, so files run in parallel workers without seeing each
 * other's rows or schemas, and migrations run from scratch. It is created from `template0`, which no
 * one can be connected to, so parallel creations never fail with "source database is being accessed
 * by other users". `drop()` uses `WITH (FORCE)` (PostgreSQL 13 or newer) so a pool left open does not
 * leave the database behind.
 *
 * @param prefix - a readable part of the name, e.g. the test file's name
 * @example
 * let db: TestDatabase;
 * beforeAll(async () => { db = await createTestDatabase('outbox-relay'); });
 * afterAll(() => db.drop());
 */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = testDatabaseName(prefix);
  const server = await resolvePostgres();
  await runOnServer(server.url, `CREATE DATABASE ${name} TEMPLATE template0`, `create database ${name}`);
  const url = databaseUrl(server.url, name);
  let dropping: Promise<void> | undefined;
  return {
    name,
    url,
    drop: () => {
      dropping ??= runOnServer(server.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `drop database ${name}`);
      return dropping;
    },
  };
}

/**
 * The URL of database `name` on the server of `serverUrl`, keeping its user, password and options.
 * @internal
 */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// `name` comes from testDatabaseName, which only yields [a-z0-9_], so it is safe unquoted in SQL.
async function runOnServer(serverUrl: string, sql: string, what: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(sql);
  } catch (error) {
    throw new PostgresHarnessError(PostgresHarnessErrorCode.DatabaseCommandFailed, `could not ${what}: ${(error as Error).message}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}
