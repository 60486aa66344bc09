import type { DataSource } from 'typeorm';
import { quoteIdent } from './data-source';

/**
 * Creates the service's schema if needed and applies pending migrations, each in its own
 * transaction. Run as its own step (`nx run <svc>:migrate`, a Kubernetes Job), never on pod boot.
 * @returns the names of the migrations applied.
 */
export async function runServiceMigrations(dataSource: DataSource): Promise<string[]> {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!dataSource.isInitialized) await dataSource.initialize();
  if (schema) await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

/**
 * The SQL TypeORM would generate to bring the migrated schema in line with the entities. Empty
 * when migrations and entities agree; CI fails on anything else.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}
