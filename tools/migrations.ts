/**
 * Migration tooling. Each service's migrations are generated from its entities, reviewed by hand,
 * and checked in CI: applying them and asking TypeORM for the remaining difference must give nothing.
 *
 *   node tools/run-ts.js tools/migrations.ts generate <service> <PascalCaseName>
 *   node tools/run-ts.js tools/migrations.ts check
 */
import 'reflect-metadata';
import { createServiceDataSource, pendingSchemaChanges, runServiceMigrations } from '@amazon-channel/platform-persistence';
import type { ServiceDefinition } from '@amazon-channel/platform-service';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';

const SERVICES = ['auth-connections', 'listings', 'orders', 'fulfillment', 'scheduler'];
const root = path.resolve(__dirname, '..');
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function serviceDefinition(service: string): ServiceDefinition {
  const module = require(path.join(root, 'apps', service, 'src', 'service.ts')) as Record<string, ServiceDefinition>;
  const definition = Object.values(module).find((value) => typeof value === 'object' && value && 'schema' in value);
  if (!definition) throw new Error(`apps/${service}/src/service.ts exports no ServiceDefinition`);
  return definition;
}

async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `migrations_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function differenceAfterMigrations(service: string): Promise<{ up: string[]; down: string[] }> {
  return withScratchDatabase(async (url) => {
    const dataSource = createServiceDataSource({ url, ...serviceDefinition(service) });
    try {
      await runServiceMigrations(dataSource);
      const log = await dataSource.driver.createSchemaBuilder().log();
      return { up: await pendingSchemaChanges(dataSource), down: log.downQueries.map((q) => q.query).reverse() };
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
    }
  });
}

function writeIndex(dir: string): void {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f))
    .sort();
  const classes = files.map((f) => f.replace(/\.ts$/, '').replace(/^(\d+)-(.*)$/, '$2$1'));
  const lines = files.map((f, i) => `import { ${classes[i]} } from './${f.replace(/\.ts$/, '')}';`);
  fs.writeFileSync(
    path.join(dir, 'index.ts'),
    `${lines.join('\n')}${lines.length ? '\n\n' : ''}/** This service's migrations, oldest first. */\nexport const migrations = [${classes.join(', ')}];\n`,
  );
}

async function generate(service: string, name: string): Promise<void> {
  if (!SERVICES.includes(service) || !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) {
    throw new Error('usage: generate <service> <PascalCaseName>');
  }
  const { up, down } = await differenceAfterMigrations(service);
  if (up.length === 0) {
    process.stdout.write(`${service}: entities and migrations agree; nothing to generate\n`);
    return;
  }
  const epoch = Date.now();
  const className = `${name}${epoch}`;
  const dir = path.join(root, 'apps', service, 'src', 'database', 'migrations');
  const quote = (sql: string) => `    await queryRunner.query(${JSON.stringify(sql)});`;
  fs.writeFileSync(
    path.join(dir, `${epoch}-${name}.ts`),
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.map(quote).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down.map(quote).join('\n')}
  }
}
`,
  );
  writeIndex(dir);
  process.stdout.write(`${service}: wrote ${epoch}-${name}.ts (${up.length} statements); review it before committing\n`);
}

async function check(): Promise<void> {
  let drift = 0;
  for (const service of SERVICES) {
    const { up } = await differenceAfterMigrations(service);
    if (up.length > 0) {
      drift++;
      process.stdout.write(`${service}: entities differ from migrations; generating would add:\n  ${up.join('\n  ')}\n`);
    } else {
      process.stdout.write(`${service}: migrations match entities\n`);
    }
  }
  if (drift > 0) process.exit(1);
}

const [command, ...args] = process.argv.slice(2);
(command === 'generate'
  ? generate(args[0], args[1])
  : command === 'check'
    ? check()
    : Promise.reject(new Error('usage: generate <service> <Name> | check'))
).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
