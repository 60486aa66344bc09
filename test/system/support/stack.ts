import {
  createTestDatabase,
  forgetChildProcess,
  freePort,
  kafkaBrokers,
  recordChildProcess,
  signalProcessGroup,
  type TestDatabase,
} from '@amazon-channel/testing';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Writable } from 'node:stream';
import { createServer, type Server } from 'node:net';
import { SignJWT } from 'jose';
import { createSecretKey } from 'node:crypto';
import { Client } from 'pg';

const root = path.resolve(__dirname, '../../..');
/** Obvious fakes: the services of a test stack verify platform JWTs signed with this secret. */
export const TEST_JWT_SECRET = 'test-only-jwt-secret-not-for-production-0001';
export const TEST_INTERNAL_TOKEN = 'test-only-internal-token-not-for-production-01';
const SERVICES = ['auth-connections', 'listings', 'orders', 'fulfillment', 'scheduler'] as const;
type ServiceName = (typeof SERVICES)[number];

function entry(name: ServiceName, file: 'main.ts' | 'migrate.ts'): string[] {
  return [path.join(root, 'tools', 'run-ts.js'), path.join(root, 'apps', name, 'src', file)];
}

/** A service started by {@link Stack.start}. */
export interface RunningProcess {
  name: ServiceName;
  child: ChildProcess;
  url: string;
}

/** Logs kept in memory: tests can read them, and the run's output stays quiet. */
export class CapturedLog extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
}

/**
 * One test file's world: its own database (every service migrated into its schema), the harness's
 * real Kafka broker, and consumer groups of its own so files sharing the broker stay apart.
 */
export class Stack {
  readonly groupPrefix = `t${randomBytes(4).toString('hex')}-`;
  readonly tenantId = `tenant-${randomBytes(4).toString('hex')}`;
  readonly log = new CapturedLog();
  private readonly children = new Set<ChildProcess>();

  private constructor(
    readonly database: TestDatabase,
    readonly brokers: string,
    private readonly noAuthConnections: HangUpServer,
  ) {}

  /** A fresh database with every service migrated into its own schema (each by its own migrate step). */
  static async create(name: string): Promise<Stack> {
    const stack = new Stack(await createTestDatabase(name), await kafkaBrokers(), await HangUpServer.start());
    await Promise.all(
      SERVICES.map((service) => promisify(execFile)(process.execPath, entry(service, 'migrate.ts'), { env: { ...process.env, ...stack.env() } })),
    );
    return stack;
  }

  /** The environment a service of this stack runs with. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      PORT: '0',
      DATABASE_URL: this.database.url,
      BUS_DRIVER: 'kafka',
      KAFKA_BROKERS: this.brokers,
      CONSUMER_GROUP_PREFIX: this.groupPrefix,
      LOG_LEVEL: 'info',
      OUTBOX_POLL_MS: '50',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      INTERNAL_API_TOKEN: TEST_INTERNAL_TOKEN,
      GRPC_PORT: '0',
      // A port this stack holds and hangs up on: a stack without auth-connections never reaches a
      // developer's own `npm start` on the default 3001, nor whatever else may answer on a port we do
      // not hold (tests that start auth-connections pass its URL).
      AUTH_CONNECTIONS_URL: this.noAuthConnections.url,
      FIELD_ENCRYPTION_KEYS: `test-1:${Buffer.from('test-only-key-not-for-production').toString('base64')}`,
      CONSUMER_BACKOFF_MS: '50',
      CONSUMER_BACKOFF_MAX_MS: '200',
      // No in-process ticker (as in the cluster, where a CronJob ticks): a stack's scheduler would
      // otherwise request the PII system run on the shared topics, which every later stack's orders
      // replays from the beginning. The tick CronJob test runs its ticks itself.
      SCHEDULER_TICK_EVERY_MS: '0',
      ...extra,
    };
  }

  /**
   * Starts a service as its own OS process, as it runs in production, and resolves once its
   * `/health/ready` answers 200. Its JSON log lines land in {@link log}.
   */
  async start(name: ServiceName, extra: Record<string, string> = {}, waitFor: 'ready' | 'live' = 'ready'): Promise<RunningProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, entry(name, 'main.ts'), {
      env: { ...process.env, ...this.env({ PORT: String(port), ...extra }) },
      // Its own process group, recorded for the run's teardown, which kills any still alive at the end.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    recordChildProcess(child.pid, `${name} (system test stack)`);
    child.once('exit', () => forgetChildProcess(child.pid));
    let stderr = '';
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    const url = `http://127.0.0.1:${port}`;
    await eventually(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited early: ${stderr}`);
        const response = await fetch(`${url}/health/${waitFor}`).catch(() => null);
        if (response?.status !== 200) throw new Error(`${name} not ${waitFor}: ${response ? await response.text() : 'no answer'}`);
      },
      60000,
      250,
    );
    return { child, url, name };
  }

  /** Stops a service: SIGTERM for a graceful shutdown, SIGKILL for a crash. */
  async stop(service: RunningProcess, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    if (service.child.exitCode !== null || service.child.signalCode !== null) return;
    const exited = new Promise((resolve) => service.child.once('exit', resolve));
    signalProcessGroup(service.child.pid, signal);
    await exited;
  }

  /** Headers of a platform user of `tenantId` (this stack's tenant by default): a signed JWT. */
  async authHeaders(tenantId = this.tenantId): Promise<Record<string, string>> {
    const token = await new SignJWT({ tenant_id: tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`user@${tenantId}`)
      .setExpirationTime('10m')
      .sign(createSecretKey(Buffer.from(TEST_JWT_SECRET)));
    return { authorization: `Bearer ${token}` };
  }

  /** Runs SQL against this stack's database. */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.children].map(
        (child) =>
          new Promise((resolve) => {
            child.once('exit', resolve);
            signalProcessGroup(child.pid, 'SIGKILL');
          }),
      ),
    );
    await this.noAuthConnections.close();
    await this.database.drop();
  }
}

/**
 * The stand-in for "no auth-connections": a TCP port this process listens on and closes every
 * connection to at once, so a call there fails as unreachable (the socket closes before any answer),
 * and nothing else can listen on it while the stack lives.
 */
class HangUpServer {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<HangUpServer> {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as { port: number };
    return new HangUpServer(server, `http://127.0.0.1:${port}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Retries `check` until it passes or `timeoutMs` runs out, then rethrows its last error. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}

/** POSTs JSON and returns status and body. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Reads one sample of a Prometheus counter from a service's /metrics (0 when absent). */
export async function metric(url: string, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.split(' ').pop()) : 0;
}
