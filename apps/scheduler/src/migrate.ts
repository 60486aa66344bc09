import 'reflect-metadata';
import { runServiceMigrations } from '@amazon-channel/platform-persistence';
import { createServiceDataSource } from '@amazon-channel/platform-persistence';
import { loadMigrationConfig } from './config/scheduler.config';
import { SCHEDULER_SERVICE } from './service';

/** Applies scheduler's pending migrations and exits: a step of its own (nx run scheduler:migrate, a k8s Job). */
async function migrate(): Promise<void> {
  const config = loadMigrationConfig();
  const dataSource = createServiceDataSource({ url: config.DATABASE_URL, ...SCHEDULER_SERVICE });
  try {
    const applied = await runServiceMigrations(dataSource);
    process.stdout.write(`scheduler: ${applied.length} migration(s) applied${applied.length ? `: ${applied.join(', ')}` : ''}\n`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

migrate().catch((error: unknown) => {
  process.stderr.write(`scheduler migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
