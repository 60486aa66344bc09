import {
  createTestDatabase,
  forgetChildProcess,
  freePorts,
  recordChildProcess,
  referencedMetrics,
  signalProcessGroup,
  type TestDatabase,
} from '@amazon-channel/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import { createSecretKey } from 'node:crypto';
import { eventually, TEST_INTERNAL_TOKEN, TEST_JWT_SECRET } from './support/stack';

const root = path.resolve(__dirname, '../..');
const SERVICES = ['auth-connections', 'listings', 'orders', 'fulfillment', 'scheduler'] as const;

/** One service's `/metrics`: metric families it declares and its samples. */
interface Scrape {
  families: Set<string>;
  samples: Array<{ name: string; labels: Record<string, string>; value: number }>;
}

function parseMetrics(text: string): Scrape {
  const families = new Set<string>();
  const samples: Scrape['samples'] = [];
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) /.exec(line);
    if (type) families.add(type[1] as string);
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) continue;
    const labels = Object.fromEntries([...(sample[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    samples.push({ name: sample[1] as string, labels, value: Number(sample[3]) });
  }
  return { families, samples };
}

/**
 * Issue 17: `npm start` runs every service in one process; each port's /metrics must show its own
 * service and every log line must name the service that wrote it. And every metric a Grafana panel
 * or a Prometheus rule in ops/ names must be exported by a running service. This runs the real
 * `tools/start.js` (in-process bus, the sandbox) against a test database, sends traffic to every
 * service, and scrapes each port.
 */
describe('npm start: metrics and logs per service', () => {
  let db: TestDatabase;
  let child: ChildProcess;
  const lines: string[] = [];
  const urls = new Map<string, string>();

  beforeAll(async () => {
    db = await createTestDatabase('metrics_per_service');
    const ports = await freePorts(SERVICES.length + 1);
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      DATABASE_URL: db.url,
      BUS_DRIVER: 'in-process',
      LOG_LEVEL: 'info',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      INTERNAL_API_TOKEN: TEST_INTERNAL_TOKEN,
      FIELD_ENCRYPTION_KEYS: `test-1:${Buffer.from('test-only-key-not-for-production').toString('base64')}`,
      SANDBOX_PORT: String(ports[SERVICES.length]),
      GRPC_PORT: '0',
    };
    SERVICES.forEach((name, i) => {
      env[`${name.toUpperCase().replace('-', '_')}_PORT`] = String(ports[i]);
      urls.set(name, `http://127.0.0.1:${ports[i]}`);
    });
    child = spawn(process.execPath, [path.join(root, 'tools', 'start.js')], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    recordChildProcess(child.pid, 'npm start (metrics system test)');
    let buffered = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      lines.push(...parts);
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`npm start exited: ${stderr}`);
        if (!lines.some((l) => l.startsWith('amazon-channel is up'))) throw new Error('not up yet');
      },
      180_000,
      500,
    );
  }, 240_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      signalProcessGroup(child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) signalProcessGroup(child.pid, 'SIGKILL');
    }
    forgetChildProcess(child?.pid);
    child?.stdout?.destroy();
    child?.stderr?.destroy();
    await db?.drop();
  });

  it('each port counts its own traffic, shows only its own service, and every referenced metric is exported', async () => {
    const token = await new SignJWT({ tenant_id: `tenant-${randomUUID()}` })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(createSecretKey(Buffer.from(TEST_JWT_SECRET)));
    const correlation = new Map<string, string>();
    for (const [name, url] of urls) {
      // A route that exists (its template must be the label, never the id) and one that does not.
      const id = randomUUID();
      correlation.set(name, id);
      const answer = await fetch(`${url}/jobs/${randomUUID()}`, { headers: { authorization: `Bearer ${token}`, 'x-correlation-id': id } });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      await fetch(`${url}/no-such-route`, { headers: { authorization: `Bearer ${token}` } });
    }

    const scrapes = new Map<string, Scrape>();
    for (const [name, url] of urls) {
      const response = await fetch(`${url}/metrics`);
      expect(response.status).toBe(200);
      scrapes.set(name, parseMetrics(await response.text()));
    }

    for (const [name, scrape] of scrapes) {
      // Every series that names a service names this one.
      const foreign = scrape.samples.filter((s) => s.labels['service'] !== undefined && s.labels['service'] !== name);
      expect({ name, foreign: foreign.slice(0, 3) }).toEqual({ name, foreign: [] });
      // This port's traffic, and only this port's, is on its requests counter; routes are templates.
      const requests = scrape.samples.filter((s) => s.name === 'amazon_channel_http_requests_total');
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.every((s) => !/[0-9a-f]{8}-[0-9a-f]{4}-/.test(s.labels['route'] ?? ''))).toBe(true);
      expect(requests.some((s) => s.labels['route'] === 'unmatched' && s.labels['status'] === '404')).toBe(true);
    }

    const exported = new Set([...scrapes.values()].flatMap((s) => [...s.families]));
    const missing = [...referencedMetrics()].filter(([metric]) => !exported.has(metric)).map(([metric, where]) => `${metric} (${where[0]})`);
    expect(missing).toEqual([]);

    // Every log line of a request names the service that answered it (one process, five services).
    for (const [name, id] of correlation) {
      const logged = lines.filter((l) => l.includes(id)).map((l) => (JSON.parse(l) as { service?: string }).service);
      expect(logged.length).toBeGreaterThan(0);
      expect(new Set(logged)).toEqual(new Set([name]));
    }
  });
});
