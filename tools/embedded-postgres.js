// The embedded PostgreSQL of `npm start`: data under .data/postgres (git-ignored), reused across
// restarts; a postmaster.pid left by a killed run is removed when its process is gone.
//
// As root the server runs as the `postgres` user (PostgreSQL refuses root). When that user cannot enter
// the clone (under /root, mode 0700), the data lives in /var/tmp/amazon-channel/data-<clone id>/
// instead (EMBEDDED_PG_DATA chooses another folder), and tools/postgres-server.js runs the binaries
// from a copy it can reach.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');
const { ROOT_CACHE, postgresAccount, startPostgresServer, writableBy } = require('./postgres-server');

const root = path.join(__dirname, '..');
const DATA_DIR = path.join(root, '.data', 'postgres');
const PASSWORD = 'postgres';
const DATABASE = 'amazon_channel';

/** Where the data lives: EMBEDDED_PG_DATA, else .data/postgres, else (root, closed clone) a folder per clone under the cache. */
function dataDir() {
  if (process.env.EMBEDDED_PG_DATA) return path.resolve(process.env.EMBEDDED_PG_DATA);
  if (writableBy(postgresAccount(), DATA_DIR)) return DATA_DIR;
  const clone = crypto.createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 12);
  return path.join(ROOT_CACHE, `data-${clone}`, 'postgres');
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function clearStalePid(dir) {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || !pidAlive(pid)) fs.rmSync(pidFile);
}

/** Creates the service database unless it exists (a first run killed before this step left none). */
async function ensureDatabase(port) {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`);
  } finally {
    await client.end();
  }
}

/** Starts (initialising on first use) the embedded server; resolves to { url, dataDir, stop }. */
async function startEmbeddedPostgres(port) {
  const dir = dataDir();
  clearStalePid(dir);
  const server = await startPostgresServer({ dataDir: dir, port, password: PASSWORD, persistent: true });
  try {
    await ensureDatabase(port);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`, dataDir: dir, stop: () => server.stop() };
}

module.exports = { startEmbeddedPostgres, DATA_DIR };
