#!/usr/bin/env node
// `npm start`: every service on one machine with embedded defaults — an embedded PostgreSQL
// (.data/postgres), the in-process event bus, and the SP-API sandbox with its demo seller.
// Set DATABASE_URL to use an existing PostgreSQL, and BUS_DRIVER=kafka KAFKA_BROKERS=... for Kafka.
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
process.env.SWC_NODE_PROJECT ??= path.join(root, 'tsconfig.base.json');
require('@swc-node/register');
require('reflect-metadata');
const { startEmbeddedPostgres } = require('./embedded-postgres');

const SERVICES = [
  ['auth-connections', 3001, 'startAuthConnections'],
  ['listings', 3002, 'startListings'],
  ['orders', 3003, 'startOrders'],
  ['fulfillment', 3004, 'startFulfillment'],
  ['scheduler', 3005, 'startScheduler'],
];
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 4010);

/** A path relative to the working folder when it is inside it, else absolute. */
function displayPath(file) {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function say(line) {
  process.stdout.write(`${line}\n`);
}

/** A random dev secret kept in .data, so encrypted rows and issued tokens stay valid across restarts. */
function devSecret(name, make) {
  const file = path.join(root, '.data', name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, make(), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
const devEncryptionKeys = () => devSecret('dev-encryption-keys', () => `dev-1:${crypto.randomBytes(32).toString('base64')}`);
const devJwtSecret = () => devSecret('dev-jwt-secret', () => crypto.randomBytes(32).toString('hex'));
const devInternalToken = () => devSecret('dev-internal-token', () => crypto.randomBytes(32).toString('hex'));

function startSandbox() {
  const main = path.join(root, 'apps', 'sp-api-sandbox', 'src', 'main.ts');
  if (!fs.existsSync(main)) return null;
  const child = spawn(process.execPath, [path.join(__dirname, 'run-ts.js'), main], {
    env: { ...process.env, PORT: String(SANDBOX_PORT), LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code) => code && say(`sp-api-sandbox exited with code ${code}`));
  return child;
}

async function migrate(url) {
  const { createServiceDataSource, runServiceMigrations } = require(path.join(root, 'libs', 'platform', 'persistence', 'src', 'index.ts'));
  for (const [name] of SERVICES) {
    const exported = Object.values(require(path.join(root, 'apps', name, 'src', 'service.ts')));
    const definition = exported.find((value) => value && typeof value === 'object' && 'schema' in value && 'entities' in value);
    const dataSource = createServiceDataSource({ url, ...definition });
    try {
      const applied = await runServiceMigrations(dataSource);
      if (applied.length) say(`${name}: applied ${applied.join(', ')}`);
    } finally {
      await dataSource.destroy();
    }
  }
}

async function main() {
  const started = Date.now();
  const postgres = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(Number(process.env.EMBEDDED_PG_PORT ?? 54329));
  const databaseUrl = process.env.DATABASE_URL ?? postgres.url;
  await migrate(databaseUrl);
  const sandbox = startSandbox();
  const shared = {
    DATABASE_URL: databaseUrl,
    BUS_DRIVER: process.env.BUS_DRIVER ?? 'in-process',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    FIELD_ENCRYPTION_KEYS: process.env.FIELD_ENCRYPTION_KEYS ?? devEncryptionKeys(),
    // Platform JWTs for the demo: `node tools/dev-token.js <tenant>` signs one with this secret.
    ...(process.env.AUTH_JWT_PUBLIC_KEY ? {} : { AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET ?? devJwtSecret() }),
    INTERNAL_API_TOKEN: process.env.INTERNAL_API_TOKEN ?? devInternalToken(),
    SP_API_ENDPOINT: process.env.SP_API_ENDPOINT ?? `http://127.0.0.1:${SANDBOX_PORT}`,
    LWA_TOKEN_URL: process.env.LWA_TOKEN_URL ?? `http://127.0.0.1:${SANDBOX_PORT}/auth/o2/token`,
  };
  const running = [];
  for (const [name, port, start] of SERVICES) {
    const module = require(path.join(root, 'apps', name, 'src', 'bootstrap.ts'));
    running.push([name, await module[start]({ ...shared, PORT: String(process.env[`${name.toUpperCase().replace('-', '_')}_PORT`] ?? port) })]);
  }
  await Promise.all(running.map(([, service]) => service.connected));
  say(
    `\namazon-channel is up in ${((Date.now() - started) / 1000).toFixed(1)} s (${shared.BUS_DRIVER} bus, ${postgres ? `embedded PostgreSQL in ${displayPath(postgres.dataDir)}` : 'PostgreSQL from DATABASE_URL'})`,
  );
  for (const [name, service] of running) say(`  ${name.padEnd(17)} ${service.url}   docs ${service.url}/docs   ready ${service.url}/health/ready`);
  if (sandbox) say(`  ${'sp-api-sandbox'.padEnd(17)} http://127.0.0.1:${SANDBOX_PORT}   (demo seller A1DEMOSELLER00; see apps/sp-api-sandbox/README.md)`);
  say('Ctrl-C stops everything.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const [, service] of running.reverse()) await service.close().catch(() => undefined);
    sandbox?.kill('SIGTERM');
    await postgres?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  // An error that says what to do is printed alone; anything else with its stack.
  const text = error && error.name === 'PostgresServerError' ? error.message : error && error.stack ? error.stack : String(error);
  process.stderr.write(`npm start failed: ${text}\n`);
  process.exit(1);
});
