import { createTestDatabase, freePorts, kafkaBrokers, SandboxAdminClient, type TestDatabase } from '@amazon-channel/testing';
import { load, loadAll } from 'js-yaml';
import { createSecretKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import { Client } from 'pg';
import { containerOf, find, LocalCluster, renderOverlay, runToEnd, validationProblems, type K8sObject } from './support/manifests';
import { untilConnectionKnown } from './support/connections';
import { connectSandboxSeller } from './support/seller-connection';
import { eventually, post, type RunningProcess } from './support/stack';

const SERVICES = ['auth-connections', 'listings', 'orders', 'fulfillment', 'scheduler'] as const;
const US = 'ATVPDKIKX0DER';

/**
 * Issue 13 §1: the dev overlay, rendered as `kubectl apply -k` renders it, is valid Kubernetes and
 * carries everything the services need. Every service runs as its own OS process with exactly the
 * environment its Deployment declares (ConfigMap and Secret values from the overlay, Service DNS
 * names and port-forwards mapped to local ports, the database URL of this test), against the real
 * Kafka broker and PostgreSQL, after the migrate Jobs' commands; then a seller is connected through
 * the sandbox, listings are imported and orders read, each job requested through the scheduler.
 * One addition to the declared environment: CONSUMER_GROUP_PREFIX, so this file's consumer groups
 * stay apart from other test files' on the shared broker.
 */
describe('the dev overlay, run as declared', () => {
  let objects: K8sObject[];
  let cluster: LocalCluster;
  let database: TestDatabase;
  const logs: string[] = [];
  const groups = { CONSUMER_GROUP_PREFIX: `m${randomBytes(4).toString('hex')}-` };

  beforeAll(async () => {
    objects = renderOverlay('dev');
    database = await createTestDatabase('manifests_parity');
    const services = objects.filter((o) => o.kind === 'Service');
    const ports = await freePorts(services.reduce((n, s) => n + (s.spec as { ports: unknown[] }).ports.length, 0));
    cluster = new LocalCluster(objects, ports, { 'kafka:9092': await kafkaBrokers() }, { DATABASE_URL: database.url });
  }, 120_000);

  afterAll(async () => {
    await cluster?.stopAll();
    await database?.drop();
  });

  it('renders only objects that validate against the Kubernetes API schemas', () => {
    expect(validationProblems(objects)).toEqual([]);
    const kinds = new Set(objects.map((o) => `${o.apiVersion}/${o.kind}`));
    expect([...kinds].sort()).toEqual([
      'apps/v1/Deployment',
      'batch/v1/CronJob',
      'batch/v1/Job',
      'policy/v1/PodDisruptionBudget',
      'v1/ConfigMap',
      'v1/Namespace',
      'v1/Secret',
      'v1/Service',
    ]);
    // The production overlay and the Secrets template an operator fills in validate too.
    expect(validationProblems(renderOverlay('prod'))).toEqual([]);
    const template = (loadAll(readFileSync(path.join(__dirname, '../../k8s/base/secret.template.yaml'), 'utf8')) as K8sObject[]).filter(Boolean);
    expect(template.map((o) => o.metadata.name)).toEqual(['amazon-channel-secrets', 'amazon-channel-auth-connections-secrets']);
    expect(validationProblems(template)).toEqual([]);
    // What production must fill in for auth-connections: its LWA app, and whether that app is still in Draft.
    expect(Object.keys(template[1].stringData ?? {})).toEqual(
      expect.arrayContaining(['LWA_CLIENT_ID', 'LWA_CLIENT_SECRET', 'LWA_APPLICATION_ID', 'OAUTH_APP_DRAFT']),
    );
  });

  it('declares the gRPC port on the auth-connections Deployment and Service, and production LWA settings come from a Secret', () => {
    const auth = find(objects, 'Deployment', 'auth-connections');
    expect(containerOf(auth).ports).toContainEqual(expect.objectContaining({ name: 'grpc', containerPort: 50051 }));
    expect((find(objects, 'Service', 'auth-connections').spec as { ports: unknown[] }).ports).toContainEqual(
      expect.objectContaining({ name: 'grpc', port: 50051, targetPort: 'grpc' }),
    );
    const env = cluster.environment(auth);
    expect(env).toMatchObject({
      GRPC_PORT: expect.stringMatching(/^\d+$/),
      OAUTH_APP_DRAFT: 'true',
      LWA_CLIENT_ID: expect.any(String),
      LWA_CLIENT_SECRET: expect.any(String),
      LWA_APPLICATION_ID: expect.any(String),
    });
    // The LWA app reaches auth-connections through a Secret it cannot start without.
    const secretRefs = (containerOf(auth).envFrom ?? []).flatMap((e) => (e.secretRef ? [e.secretRef] : []));
    expect(secretRefs.filter((ref) => !ref.optional).map((ref) => find(objects, 'Secret', ref.name).data?.['OAUTH_APP_DRAFT'] !== undefined)).toContain(true);
  });

  it('gives every service in docker/compose.yaml the variables and values its dev Deployment declares', () => {
    const compose = load(readFileSync(path.join(__dirname, '../../docker/compose.yaml'), 'utf8')) as {
      services: Record<string, { environment?: Record<string, unknown> }>;
    };
    // The image sets NODE_ENV; NODE_OPTIONS sizes the heap to the pod's memory limit, which compose does not set.
    const kubernetesOnly = new Set(['NODE_ENV', 'NODE_OPTIONS']);
    for (const name of [...SERVICES, 'sp-api-sandbox']) {
      const declared = Object.entries(cluster.declared(find(objects, 'Deployment', name))).filter(([key]) => !kubernetesOnly.has(key));
      const composed = withMerges(compose.services[name]?.environment ?? {});
      expect({
        service: name,
        environment: Object.fromEntries(declared.map(([key]) => [key, composed[key] === undefined ? undefined : String(composed[key])])),
      }).toEqual({ service: name, environment: Object.fromEntries(declared) });
    }
  });

  it('runs the migrate Jobs, then every service from its Deployment: connect, import listings and get orders through them', async () => {
    // 1. Migrations, each service's Job command with the Job's environment.
    const migrations = await Promise.all(SERVICES.map((name) => runToEnd(cluster, find(objects, 'Job', `${name}-migrate`))));
    migrations.forEach((run, i) =>
      expect({ job: `${SERVICES[i]}-migrate`, code: run.code, output: run.code === 0 ? [] : run.output.slice(-20) }).toEqual({
        job: `${SERVICES[i]}-migrate`,
        code: 0,
        output: [],
      }),
    );

    // 2. The sandbox (Amazon's twin in the dev overlay) and the five services, as their Deployments declare them.
    const sandboxUrl = cluster.url('sp-api-sandbox', 4010);
    cluster.run(find(objects, 'Deployment', 'sp-api-sandbox'), {}, (line) => logs.push(`sandbox ${line}`));
    await eventually(async () => expect((await fetch(`${sandboxUrl}/_sandbox/health`)).status).toBe(200), 90_000, 250);
    const running: Record<string, RunningProcess> = {};
    for (const name of SERVICES) {
      const child = cluster.run(find(objects, 'Deployment', name), groups, (line) => logs.push(`${name} ${line}`));
      running[name] = { name, child, url: cluster.url(name, portOf(objects, name)) };
    }
    for (const name of SERVICES) {
      const { child, url } = running[name];
      await eventually(
        async () => {
          if (child.exitCode !== null)
            throw new Error(
              `${name} exited ${child.exitCode}: ${logs
                .filter((l) => l.startsWith(name))
                .slice(-15)
                .join('\n')}`,
            );
          const response = await fetch(`${url}/health/ready`).catch(() => null);
          if (response?.status !== 200) throw new Error(`${name} not ready: ${response ? await response.text() : 'no answer'}`);
        },
        120_000,
        500,
      );
    }
    // 3. A seller with listings and orders, connected the way a seller does it (consent page, OAuth redirect).
    const admin = new SandboxAdminClient(sandboxUrl);
    const sellingPartnerId = 'A1MANIFESTS001';
    const seller = await admin.createSeller({ sellingPartnerId, region: 'NA', marketplaceIds: [US], listingCount: 30, orderCount: 6 });
    const secret = cluster.environment(find(objects, 'Deployment', 'scheduler'))['AUTH_JWT_SECRET'];
    const tenantId = `tenant-${randomBytes(4).toString('hex')}`;
    const token = await new SignJWT({ tenant_id: tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`user@${tenantId}`)
      .setExpirationTime('10m')
      .sign(createSecretKey(Buffer.from(secret)));
    const headers = { authorization: `Bearer ${token}` };
    const connectionId = await connectSandboxSeller(running['auth-connections'], headers, { sellingPartnerId, marketplaceId: US });
    // auth-connections announces the connection on Kafka; the scheduler, listings and orders refuse it until
    // their projections hold it (a platform would see the same few hundred milliseconds after connecting).
    await untilConnectionKnown(running['scheduler'].url, headers, connectionId, '/job-runs');
    for (const service of ['listings', 'orders'] as const) await untilConnectionKnown(running[service].url, headers, connectionId);

    // 4. Import listings, then get orders: each requested through the scheduler, run by the owning service over Kafka.
    const runJob = async (operation: string): Promise<Record<string, unknown>> => {
      const requested = await post(`${running['scheduler'].url}/job-runs`, { operation, connectionId }, headers);
      expect(requested.status).toBe(201);
      return eventually(
        async () => {
          const run = (await (await fetch(`${running['scheduler'].url}/job-runs/${String(requested.body['id'])}`, { headers })).json()) as Record<
            string,
            unknown
          >;
          if (run['status'] === 'REQUESTED' || run['status'] === 'RUNNING') throw new Error(`${operation} still ${String(run['status'])}`);
          return run;
        },
        180_000,
        500,
      );
    };
    const outcome = async (operation: string) => {
      const run = await runJob(operation);
      return { operation, status: run['status'], summary: run['status'] === 'SUCCEEDED' ? null : run['summary'] };
    };
    expect(await outcome('import-listings')).toEqual({ operation: 'import-listings', status: 'SUCCEEDED', summary: null });
    expect(await count(database.url, 'SELECT count(*)::int AS n FROM listings.channel_listings WHERE connection_id = $1', [connectionId])).toBe(
      seller.listingCount,
    );
    expect(await outcome('get-orders')).toEqual({ operation: 'get-orders', status: 'SUCCEEDED', summary: null });
    expect(await count(database.url, 'SELECT count(*)::int AS n FROM orders.orders WHERE connection_id = $1', [connectionId])).toBe(seller.orderCount);

    // 5. gRPC (Connections.GetAccessToken) listens where the Service's grpc port leads.
    const grpc = new URL(cluster.url('auth-connections', 50051));
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(grpc.port), grpc.hostname);
      socket.once('connect', () => socket.end(() => resolve())).once('error', reject);
    });
  }, 600_000);
});

/** A compose mapping with its YAML merge keys (`<<: *anchor`) applied, own keys winning. */
function withMerges(mapping: Record<string, unknown>): Record<string, unknown> {
  const { '<<': merged, ...own } = mapping;
  const bases = (Array.isArray(merged) ? merged : merged ? [merged] : []) as Array<Record<string, unknown>>;
  return Object.assign({}, ...bases.map(withMerges), own) as Record<string, unknown>;
}

/** The port of a service's http Service port. */
function portOf(objects: K8sObject[], name: string): number {
  const port = (find(objects, 'Service', name).spec as { ports: Array<{ name?: string; port: number }> }).ports.find((p) => p.name === 'http');
  if (!port) throw new Error(`Service ${name} has no http port`);
  return port.port;
}

async function count(url: string, sql: string, params: unknown[]): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return ((await client.query(sql, params)).rows[0] as { n: number }).n;
  } finally {
    await client.end();
  }
}
