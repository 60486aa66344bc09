import { isIdParam } from '@amazon-channel/platform-service';
import { randomUUID } from 'node:crypto';
import { announceConnections, untilConnectionKnown } from './support/connections';
import { Stack, TEST_INTERNAL_TOKEN, type RunningProcess } from './support/stack';

const SERVICES = ['auth-connections', 'listings', 'orders', 'fulfillment', 'scheduler'] as const;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const HOSTILE_ID = "' OR 1=1 --";
const OWNED_CONNECTION = randomUUID();

interface Operation {
  service: string;
  url: string;
  method: (typeof METHODS)[number];
  path: string;
  params: string[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

/**
 * Issue 12 §3: one validation path for every route of every service. The five services run as
 * their own processes (real PostgreSQL, real Kafka); their routes come from each one's OpenAPI
 * document at /docs-json, so a new route is covered without touching this file. Every route gets
 * malformed JSON (where it can take a body), a NUL byte in a query, body and non-id path value,
 * and a hostile non-UUID id, and must answer a coded 400 `{ code, message, details }`, never a 500.
 */
describe('bad input on every route of every service', () => {
  let stack: Stack;
  let headers: Record<string, string>;
  const operations: Operation[] = [];
  const running: RunningProcess[] = [];

  beforeAll(async () => {
    stack = await Stack.create('input_validation');
    headers = { ...(await stack.authHeaders()), 'x-internal-token': TEST_INTERNAL_TOKEN };
    // One after another: five processes compiling at once on a small machine would crowd each other out.
    for (const name of SERVICES) running.push(await stack.start(name));
    // The connection the routes name is the caller's own, as auth-connections would have announced it: bad
    // input is what is under test here, not ownership (another tenant gets 404 first: tenant-isolation spec).
    await announceConnections(stack.brokers, stack.tenantId, [OWNED_CONNECTION]);
    for (const service of running.filter((s) => s.name !== 'auth-connections')) {
      await untilConnectionKnown(service.url, headers, OWNED_CONNECTION, service.name === 'scheduler' ? '/job-runs' : '/jobs');
    }
    for (const service of running) {
      const response = await fetch(`${service.url}/docs-json`);
      expect(response.status).toBe(200);
      const document = (await response.json()) as {
        paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; responses: Operation['responses'] }>>;
      };
      for (const [path, item] of Object.entries(document.paths)) {
        for (const method of METHODS) {
          const operation = item[method];
          if (!operation) continue;
          const params = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
          operations.push({ service: service.name, url: service.url, method, path, params, responses: operation.responses });
        }
      }
    }
  }, 600_000);

  afterAll(async () => {
    await stack?.close();
  });

  /** The operation's URL with each path parameter from `values`, else a fresh UUID for ids and `x` for the rest. */
  const urlOf = (op: Operation, values: Record<string, string> = {}, query = '') =>
    `${op.url}${op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? (name === 'connectionId' ? OWNED_CONNECTION : isIdParam(name) ? randomUUID() : 'x')))}${query}`;
  const call = async (op: Operation, url: string, body?: string) => {
    const response = await fetch(url, {
      method: op.method.toUpperCase(),
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body,
      redirect: 'manual',
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: response.status, body: json as { code?: unknown; message?: unknown; details?: Array<{ field: string; reason: string }> } };
  };
  const label = (op: Operation) => `${op.service} ${op.method.toUpperCase()} ${op.path}`;
  /** Runs `check` on every operation and reports every one that fails, not only the first. */
  const everyOperation = async (filter: (op: Operation) => boolean, check: (op: Operation) => Promise<string | null>) => {
    const selected = operations.filter(filter);
    const failures: string[] = [];
    for (const op of selected) {
      const failure = await check(op);
      if (failure) failures.push(`${label(op)}: ${failure}`);
    }
    expect(failures).toEqual([]);
    return selected.length;
  };
  const expectCoded400 = (answer: Awaited<ReturnType<typeof call>>, code: string, field: string): string | null => {
    const { status, body } = answer;
    const ok =
      status === 400 &&
      body.code === code &&
      typeof body.message === 'string' &&
      Array.isArray(body.details) &&
      body.details.some((detail) => detail.field === field && typeof detail.reason === 'string');
    return ok ? null : `expected 400 ${code} naming ${field}, got ${status} ${JSON.stringify(body).slice(0, 300)}`;
  };

  it('finds the routes of all five services in their OpenAPI documents', () => {
    expect(new Set(operations.map((op) => op.service))).toEqual(new Set(SERVICES));
    // Every service has at least health and one route of its own; the whole set is far more.
    expect(operations.length).toBeGreaterThan(30);
  });

  it('lists the coded error responses (ErrorBody) on every operation', async () => {
    await everyOperation(
      () => true,
      async (op) => {
        const missing = ['400', '404', '500'].filter(
          (status) => op.responses[status]?.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorBody',
        );
        return missing.length ? `no ErrorBody response for ${missing.join(', ')}` : null;
      },
    );
  });

  it('answers malformed JSON with 400 MALFORMED_JSON on every route that can take a body', async () => {
    const count = await everyOperation(
      (op) => op.method !== 'get',
      async (op) => expectCoded400(await call(op, urlOf(op), '{"name": "unterminated'), 'MALFORMED_JSON', 'body'),
    );
    expect(count).toBeGreaterThan(10);
  });

  it('answers a NUL byte in the query with 400 INVALID_INPUT naming it, on every route', async () => {
    await everyOperation(
      () => true,
      async (op) => expectCoded400(await call(op, urlOf(op, {}, '?note=a%00b')), 'INVALID_INPUT', 'query.note'),
    );
  });

  it('answers a NUL byte in a body field with 400 INVALID_INPUT naming it, on every route that can take a body', async () => {
    await everyOperation(
      (op) => op.method !== 'get',
      async (op) =>
        expectCoded400(await call(op, urlOf(op), JSON.stringify({ name: 'Demo\u0000US', lines: [{ sku: 'A\u0000' }] })), 'INVALID_INPUT', 'body.name'),
    );
  });

  it('answers a NUL byte in a path value (sku, amazonOrderId, ...) with 400 INVALID_INPUT naming the parameter', async () => {
    const count = await everyOperation(
      (op) => op.params.some((name) => !isIdParam(name)),
      async (op) => {
        const name = op.params.find((param) => !isIdParam(param)) as string;
        return expectCoded400(await call(op, urlOf(op, { [name]: 'SKU\u00001' })), 'INVALID_INPUT', `params.${name}`);
      },
    );
    expect(count).toBeGreaterThan(0);
  });

  it('answers a non-UUID id in the path with 400 INVALID_ID naming the parameter, on every route with one', async () => {
    const count = await everyOperation(
      (op) => op.params.some(isIdParam),
      async (op) => {
        for (const name of op.params.filter(isIdParam)) {
          const failure = expectCoded400(await call(op, urlOf(op, { [name]: HOSTILE_ID })), 'INVALID_ID', `params.${name}`);
          if (failure) return failure;
        }
        return null;
      },
    );
    expect(count).toBeGreaterThan(10);
  });

  it('answers an unknown route with a coded 404 on every service', async () => {
    for (const service of running) {
      const response = await fetch(`${service.url}/no-such-route`, { headers });
      expect([service.name, response.status, await response.json()]).toEqual([
        service.name,
        404,
        { code: 'NOT_FOUND', message: expect.any(String), details: [] },
      ]);
    }
  });

  it('wrote nothing and logged no 500 for any of it', async () => {
    expect(stack.log.lines.filter((line) => line.includes('"statusCode":500') || line.includes('Unexpected error answering a request'))).toEqual([]);
    for (const table of ['scheduler.job_runs', 'listings.jobs', 'orders.jobs', 'orders.shipping_mappings', 'auth_connections.connections']) {
      // This stack's tenant only: the run's other tests publish on the same topics (the PII CronJob's system run, say).
      const [{ n }] = await stack.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [stack.tenantId]);
      expect([table, n]).toEqual([table, 0]);
    }
  });
});
