import { startSandbox, type SandboxHandle } from '@amazon-channel/testing';
import { randomUUID } from 'node:crypto';
import { untilConnectionKnown } from './support/connections';
import { connectSandboxSeller } from './support/seller-connection';
import { eventually, Stack, type RunningProcess } from './support/stack';

const US = 'ATVPDKIKX0DER';
/** Path parameters that name something a tenant owns. A route with one of them is driven. */
const OWNED_PARAMS = new Set(['connectionId', 'id', 'jobId', 'sku', 'amazonOrderId']);
/** Routes other tenants may never reach at all (internal token, Amazon's redirects, probes). */
const NOT_TENANT_ROUTES = /^\/(internal|oauth|health|metrics|docs)(\/|$)/;

interface Operation {
  service: RunningProcess;
  method: string;
  path: string;
  spec: {
    parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
    requestBody?: { content?: Record<string, { schema?: Schema }> };
  };
}
interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
}
type Json = Record<string, any>;

/**
 * Issue 12: no tenant reaches another tenant's connection, listing, order, job or shipment. The
 * routes are not listed by hand: every service's OpenAPI document is read, and every operation
 * that names an owned id (in its path, or `connectionId` in its query or body) is called with
 * tenant B's token and tenant A's ids. Each must answer 404, and A's data must read the same
 * afterwards. A route added without the check makes this test fail.
 */
describe("tenant isolation across every service's API", () => {
  let stack: Stack;
  let sandbox: SandboxHandle;

  beforeAll(async () => {
    [stack, sandbox] = await Promise.all([Stack.create('tenant_isolation'), startSandbox({ queueMs: 20, processingMs: 20 })]);
    // Five migrate processes beside the broker's start on a loaded 2-core machine.
  }, 300_000);

  afterAll(async () => {
    await Promise.all([stack?.close(), sandbox?.stop()]);
  }, 60_000);

  async function call(url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(url, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed };
  }

  it("answers 404 to tenant B on every route that takes tenant A's ids, and A's data is unchanged", async () => {
    const sellingPartnerId = 'A1ISOLATION001';
    await sandbox.admin.createSeller({ sellingPartnerId, region: 'NA', marketplaceIds: [US], listingCount: 5, orderCount: 3 });
    const auth = await stack.start('auth-connections', {
      SP_API_ENDPOINT: sandbox.baseUrl,
      LWA_TOKEN_URL: sandbox.lwaTokenUrl,
      SELLER_CENTRAL_URL: sandbox.baseUrl,
    });
    const a = await stack.authHeaders();
    const b = await stack.authHeaders(`${stack.tenantId}-other`);
    const connectionId = await connectSandboxSeller(auth, a, { sellingPartnerId, marketplaceId: US });
    const env = { AUTH_CONNECTIONS_URL: auth.url, SP_API_ENDPOINT: sandbox.baseUrl, JOBS_POLL_MS: '100', IMPORT_REPORT_POLL_MS: '50' };
    // One after the other: four TypeScript processes compiling at once overrun a loaded 2-core machine.
    const listings = await stack.start('listings', env);
    const orders = await stack.start('orders', env);
    const fulfillment = await stack.start('fulfillment', env);
    const scheduler = await stack.start('scheduler', env);
    await Promise.all([
      untilConnectionKnown(listings.url, a, connectionId),
      untilConnectionKnown(orders.url, a, connectionId),
      untilConnectionKnown(fulfillment.url, a, connectionId),
      untilConnectionKnown(scheduler.url, a, connectionId, '/job-runs'),
    ]);

    // Tenant A's data in every service: a platform listing, an import and its listings, order
    // settings, a shipping mapping, a get-orders run and the orders it imported.
    const sku = 'SKU-0000001';
    expect(
      (await call(`${listings.url}/connections/${connectionId}/platform-listings/${sku}`, 'PUT', a, { platformListingId: 'p-1', quantity: 3 })).status,
    ).toBe(204);
    const importJob = await call(`${listings.url}/connections/${connectionId}/jobs/import-listings`, 'POST', a, {});
    expect(importJob.status).toBe(201);
    const mapping = await call(`${orders.url}/connections/${connectionId}/shipping-mappings`, 'POST', a, {
      channelShippingText: 'Std US D2D Dom',
      serviceLevelCategory: 'STANDARD',
      shippingPolicy: 'Ground',
    });
    expect(mapping.status).toBeLessThan(300);
    expect((await call(`${orders.url}/connections/${connectionId}/order-settings`, 'PUT', a, { productCode: 'ASIN' })).status).toBe(200);
    const run = await call(`${scheduler.url}/job-runs`, 'POST', a, { operation: 'get-orders', connectionId });
    expect(run.status).toBe(201);
    const finished = (status: string) => !['QUEUED', 'RUNNING', 'REQUESTED'].includes(status);
    await eventually(async () => expect(finished((await call(`${listings.url}/jobs/${importJob.body.id}`, 'GET', a)).body.status)).toBe(true), 120_000, 250);
    await eventually(async () => expect(finished((await call(`${scheduler.url}/job-runs/${run.body.id}`, 'GET', a)).body.status)).toBe(true), 120_000, 250);
    const listing = (await call(`${listings.url}/listings?connectionId=${connectionId}`, 'GET', a)).body.items[0];
    expect(listing?.id).toBeDefined();
    const order = (await call(`${orders.url}/orders?connectionId=${connectionId}`, 'GET', a)).body;
    const orderId: string = order.items?.[0]?.id ?? randomUUID();
    const ordersJobs = (await call(`${orders.url}/jobs`, 'GET', a)).body as Json[];
    const mappingId: string = mapping.body.mapping?.id ?? mapping.body.id;

    /** Tenant A's id for a path parameter, by the route it appears in. */
    function valueOf(operation: Operation, name: string): string {
      if (name === 'connectionId' || (name === 'id' && operation.path.startsWith('/connections/{id}'))) return connectionId;
      if (name === 'sku') return sku;
      if (name === 'jobId') return importJob.body.id;
      if (name === 'amazonOrderId') return '111-0000000-0000001';
      if (operation.path.startsWith('/listings/')) return listing.id;
      if (operation.path.startsWith('/job-runs/')) return run.body.id;
      if (operation.path.startsWith('/orders/')) return orderId;
      if (operation.path.includes('/shipping-mappings/')) return mappingId;
      if (operation.path.startsWith('/jobs/')) return operation.service === listings ? importJob.body.id : (ordersJobs[0]?.id ?? randomUUID());
      return randomUUID();
    }

    // What A sees, read through A's token: must not change while B tries everything.
    const ownerView = async () =>
      JSON.stringify(
        await Promise.all([
          call(`${auth.url}/connections/${connectionId}`, 'GET', a),
          call(`${listings.url}/listings?connectionId=${connectionId}`, 'GET', a),
          call(`${listings.url}/jobs`, 'GET', a),
          call(`${orders.url}/connections/${connectionId}/order-settings`, 'GET', a),
          call(`${orders.url}/connections/${connectionId}/shipping-mappings`, 'GET', a),
          call(`${orders.url}/orders?connectionId=${connectionId}`, 'GET', a),
          call(`${orders.url}/jobs`, 'GET', a),
          call(`${scheduler.url}/job-runs`, 'GET', a),
        ]).then((answers) => answers.map((answer) => [answer.status, answer.body])),
      );
    const before = await ownerView();

    // Every operation of every service that names an owned id, straight from the OpenAPI documents.
    const operations: Operation[] = [];
    for (const service of [auth, listings, orders, fulfillment, scheduler]) {
      const document = (await call(`${service.url}/docs-json`, 'GET', {})).body as Json;
      expect(document?.paths).toBeDefined();
      for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Operation['spec']>>)) {
        if (NOT_TENANT_ROUTES.test(path)) continue;
        for (const [method, spec] of Object.entries(methods)) {
          const names = (spec.parameters ?? []).filter((p) => p.in === 'path' || p.name === 'connectionId').map((p) => p.name);
          const bodyTakesConnection = Boolean(bodySchema(document, spec)?.properties?.['connectionId']);
          if (names.some((name) => OWNED_PARAMS.has(name)) || bodyTakesConnection) operations.push({ service, method: method.toUpperCase(), path, spec });
        }
      }
    }
    // Every service serves at least one such route; the count guards against reading an empty document.
    for (const service of [auth, listings, orders, fulfillment, scheduler]) expect(operations.some((o) => o.service === service)).toBe(true);
    expect(operations.length).toBeGreaterThanOrEqual(25);

    const leaks: string[] = [];
    for (const operation of operations) {
      const document = (await call(`${operation.service.url}/docs-json`, 'GET', {})).body as Json;
      let url = operation.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(valueOf(operation, name)));
      const query = new URLSearchParams();
      for (const parameter of operation.spec.parameters ?? []) {
        if (parameter.in !== 'query') continue;
        if (parameter.name === 'connectionId') query.set('connectionId', connectionId);
        else if (parameter.required) query.set(parameter.name, sample(document, parameter.schema ?? {}) as string);
      }
      // Undeclared but validated before the lookup: the reason of a buyer-data read.
      if (operation.path.endsWith('/pii')) query.set('purpose', 'isolation test');
      if ([...query].length) url += `?${query}`;
      const schema = bodySchema(document, operation.spec);
      const body = schema
        ? { ...(sample(document, schema) as Json), ...(schema.properties?.['connectionId'] ? { connectionId } : {}) }
        : ['POST', 'PUT', 'PATCH'].includes(operation.method)
          ? {}
          : undefined;
      const answer = await call(`${operation.service.url}${url}`, operation.method, b, body);
      const text = JSON.stringify(answer.body ?? '');
      if (answer.status !== 404) leaks.push(`${operation.service.name} ${operation.method} ${operation.path}: ${answer.status} ${text.slice(0, 200)}`);
      // Nothing of A's in the refusal: no job, run, listing or order id.
      for (const id of [importJob.body.id, run.body.id, listing.id, orderId, mappingId])
        if (id && text.includes(id) && !url.includes(id)) leaks.push(`${operation.method} ${operation.path} revealed ${id}`);
    }
    expect(leaks).toEqual([]);

    expect(await ownerView()).toBe(before);
    const foreignRows = await stack.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM listings.jobs WHERE tenant_id = $1) + (SELECT count(*) FROM orders.jobs WHERE tenant_id = $1) + (SELECT count(*) FROM scheduler.job_runs WHERE tenant_id = $1) AS n`,
      [`${stack.tenantId}-other`],
    );
    expect(Number(foreignRows[0]?.n)).toBe(0);
  }, 600_000);
});

function resolve(document: Json, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return (document.components?.schemas?.[name] as Schema | undefined) ?? {};
}

function bodySchema(document: Json, spec: Operation['spec']): Schema | undefined {
  const schema = spec.requestBody?.content?.['application/json']?.schema;
  return schema ? resolve(document, schema) : undefined;
}

/** A value the schema accepts: the first enum value, else a plain value of the type, required fields only. */
function sample(document: Json, raw: Schema): unknown {
  const schema = resolve(document, raw);
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
    case undefined:
      return Object.fromEntries((schema.required ?? []).map((name) => [name, sample(document, schema.properties?.[name] ?? {})]));
    default:
      return 'x';
  }
}
