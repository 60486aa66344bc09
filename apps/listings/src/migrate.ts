import 'reflect-metadata';
import { runServiceMigrations } from '@amazon-channel/platform-persistence';
import { createServiceDataSource } from '@amazon-channel/platform-persistence';
import { loadMigrationConfig } from './config/listings.config';
import { LISTINGS_SERVICE } from './service';

/** Applies listings's pending migrations and exits: a step of its own (nx run listings:migrate, a k8s Job). */
async function migrate(): Promise<void> {
  const config = loadMigrationConfig();
  const dataSource = createServiceDataSource({ url: config.DATABASE_URL, ...LISTINGS_SERVICE });
  try {
    const applied = await runServiceMigrations(dataSource);
    process.stdout.write(`listings: ${applied.length} migration(s) applied${applied.length ? `: ${applied.join(', ')}` : ''}\n`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

migrate().catch((error: unknown) => {
  process.stderr.write(`listings migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
