import 'reflect-metadata';
import { runServiceMigrations } from '@amazon-channel/platform-persistence';
import { createServiceDataSource } from '@amazon-channel/platform-persistence';
import { loadMigrationConfig } from './config/auth-connections.config';
import { AUTH_CONNECTIONS_SERVICE } from './service';

/** Applies auth-connections's pending migrations and exits: a step of its own (nx run auth-connections:migrate, a k8s Job). */
async function migrate(): Promise<void> {
  const config = loadMigrationConfig();
  const dataSource = createServiceDataSource({ url: config.DATABASE_URL, ...AUTH_CONNECTIONS_SERVICE });
  try {
    const applied = await runServiceMigrations(dataSource);
    process.stdout.write(`auth-connections: ${applied.length} migration(s) applied${applied.length ? `: ${applied.join(', ')}` : ''}\n`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

migrate().catch((error: unknown) => {
  process.stderr.write(`auth-connections migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
