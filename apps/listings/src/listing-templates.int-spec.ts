import { ConnectionsProjectionRepository } from '@amazon-channel/platform-auth';
import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import type { RunningService } from '@amazon-channel/platform-service';
import { MappingTemplates, MappingTemplatesRepository } from '@amazon-channel/platform-templates';
import { createTestDatabase, kafkaBrokers, type TestDatabase } from '@amazon-channel/testing';
import { SignJWT } from 'jose';
import { createSecretKey, randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { startListings } from './bootstrap';
import { LISTINGS_SERVICE } from './service';

const JWT_SECRET = 'listings-templates-jwt-secret-listings-templates';
const TENANT = 'tenant-a';
const OTHER_TENANT = 'tenant-b';
const CONNECTION = '0190a8f2-7c1e-7d3a-9b2c-1d2e3f4a5b61';
const OTHER_CONNECTION = '0190a8f2-7c1e-7d3a-9b2c-1d2e3f4a5b62';

/** A seller's sync template: no price (a repricer owns it), quantity from the platform's "available" field, 2 days handling. */
const SYNC_TEMPLATE = {
  fields: {
    price: { kind: 'dont-map' },
    quantity: { kind: 'field', path: 'available' },
    handling_time: { kind: 'value', value: 2 },
  },
};

/** The listings service in-process on a fresh database and the harness's Kafka broker: its templates routes end to end. */
describe('listings: mapping templates of publish-listings and sync-listings over HTTP', () => {
  let database: TestDatabase;
  let service: RunningService;

  const token = (tenantId: string) =>
    new SignJWT({ tenant_id: tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(createSecretKey(Buffer.from(JWT_SECRET)));
  async function http(tenantId: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await token(tenantId)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : undefined };
  }
  const url = (connectionId: string, rest = '') => `/connections/${connectionId}/templates${rest}`;

  beforeAll(async () => {
    const [db, brokers] = await Promise.all([createTestDatabase('listings_templates'), kafkaBrokers()]);
    database = db;
    const migrator = createServiceDataSource({ url: database.url, ...LISTINGS_SERVICE });
    await runServiceMigrations(migrator);
    await migrator.destroy();
    service = await startListings(
      {
        PORT: '0',
        DATABASE_URL: database.url,
        BUS_DRIVER: 'kafka',
        KAFKA_BROKERS: brokers,
        CONSUMER_GROUP_PREFIX: `listings-templates-${randomBytes(4).toString('hex')}-`,
        AUTH_JWT_SECRET: JWT_SECRET,
        INTERNAL_API_TOKEN: 'listings-templates-internal-token-0000000001',
        LOG_LEVEL: 'warn',
      },
      new PassThrough().resume(),
    );
    await service.connected;
    const projection = service.app.get(ConnectionsProjectionRepository);
    for (const [connectionId, tenantId] of [
      [CONNECTION, TENANT],
      [OTHER_CONNECTION, OTHER_TENANT],
    ]) {
      await projection.apply({
        connectionId,
        tenantId,
        sellingPartnerId: 'A1SELLER',
        region: 'NA',
        marketplaceId: 'ATVPDKIKX0DER',
        status: 'ACTIVE',
        revision: 1,
      });
    }
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  it('answers the default until a template is saved, then the saved one (versioned), and the default again after DELETE', async () => {
    const before = await http(TENANT, 'GET', url(CONNECTION, '/sync-listings'));
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ operation: 'sync-listings', source: 'default', version: 0, template: { operation: 'sync' } });
    expect(before.body.targetFields.map((f: { key: string }) => f.key)).toEqual(expect.arrayContaining(['price', 'quantity', 'handling_time']));

    const saved = await http(TENANT, 'PUT', url(CONNECTION, '/sync-listings'), SYNC_TEMPLATE);
    expect([saved.status, saved.etag]).toEqual([200, '"1"']);
    expect(saved.body).toMatchObject({ source: 'saved', version: 1, template: { schemaVersion: 1, operation: 'sync', fields: SYNC_TEMPLATE.fields } });

    const after = await http(TENANT, 'GET', url(CONNECTION, '/sync-listings'));
    expect(after.body).toMatchObject({ source: 'saved', version: 1, template: { fields: SYNC_TEMPLATE.fields } });
    // The other operation of the connection is untouched.
    expect((await http(TENANT, 'GET', url(CONNECTION, '/publish-listings'))).body).toMatchObject({ source: 'default', version: 0 });
    expect((await http(TENANT, 'GET', url(CONNECTION))).body.items).toEqual([
      { operation: 'publish-listings', source: 'default', version: 0, updatedAt: null },
      { operation: 'sync-listings', source: 'saved', version: 1, updatedAt: expect.any(String) },
    ]);

    expect((await http(TENANT, 'PUT', url(CONNECTION, '/sync-listings'), SYNC_TEMPLATE)).body.version).toBe(2);
    expect((await http(TENANT, 'DELETE', url(CONNECTION, '/sync-listings'))).status).toBe(204);
    expect((await http(TENANT, 'GET', url(CONNECTION, '/sync-listings'))).body).toMatchObject({ source: 'default', version: 0 });
  });

  it('refuses a bad template with a coded 400 pointing at each JSON path, and keeps what was saved', async () => {
    await http(TENANT, 'PUT', url(CONNECTION, '/publish-listings'), { fields: { sku: { kind: 'field', path: 'sku' } } });
    const bad = await http(TENANT, 'PUT', url(CONNECTION, '/publish-listings'), {
      fields: {
        sku: { kind: 'field', path: 'sku' },
        product_id_type: { kind: 'option', option: 'SERIAL' },
        price: { kind: 'rules', rules: [{ when: { op: 'greater_than', path: 'price', value: 'ten' }, then: { kind: 'field', path: 'price' } }] },
        fullfilment_center_id: { kind: 'value', value: 'DEFAULT' },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_TEMPLATE');
    expect(bad.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: '$.fields.price.rules[0].when.value', reason: expect.any(String) })]),
    );
    expect(JSON.stringify(bad.body)).not.toMatch(/postgres|relation|violates/i);
    const unchanged = await http(TENANT, 'GET', url(CONNECTION, '/publish-listings'));
    expect(unchanged.body).toMatchObject({ source: 'saved', version: 1, template: { fields: { sku: { kind: 'field', path: 'sku' } } } });

    const semantic = await http(TENANT, 'PUT', url(CONNECTION, '/publish-listings'), {
      fields: { product_id_type: { kind: 'option', option: 'SERIAL' }, fullfilment_center_id: { kind: 'value', value: 'DEFAULT' } },
    });
    expect(semantic.status).toBe(400);
    expect(semantic.body.details).toEqual(
      expect.arrayContaining([
        { field: '$.fields.product_id_type.option', reason: expect.any(String), code: 'VALUE_NOT_ALLOWED' },
        { field: '$.fields.fullfilment_center_id', reason: expect.stringContaining('fulfillment_center_id'), code: 'UNKNOWN_TARGET_FIELD' },
      ]),
    );
    const mismatch = await http(TENANT, 'PUT', url(CONNECTION, '/sync-listings'), { operation: 'get-orders', fields: {} });
    expect([mismatch.status, mismatch.body.details]).toEqual([400, [expect.objectContaining({ field: '$.operation', code: 'OPERATION_MISMATCH' })]]);
  });

  it('previews a sample with the default, the saved template or a draft, explaining each field, writing nothing', async () => {
    const sample = { sku: 'WIDGET-1', asin: null, upc: '012345678905', price: 19.99, quantity: 7, available: 3, title: 'Blue Widget' };
    const byDefault = await http(TENANT, 'POST', url(CONNECTION, '/publish-listings/preview'), { record: sample, template: { fields: {} } });
    expect(byDefault.status).toBe(200);
    expect(byDefault.body.template).toEqual({ source: 'draft', version: null });

    await http(TENANT, 'DELETE', url(CONNECTION, '/publish-listings'));
    const publish = await http(TENANT, 'POST', url(CONNECTION, '/publish-listings/preview'), { record: sample });
    expect(publish.body.template).toEqual({ source: 'default', version: 0 });
    expect(publish.body.value).toMatchObject({ sku: 'WIDGET-1', product_id: '012345678905', product_id_type: 'UPC', price: 19.99 });
    const productId = publish.body.fields.find((f: { key: string }) => f.key === 'product_id');
    expect(productId).toMatchObject({ source: 'rules', branch: 'rule', rule: { index: 0, name: 'If no ASIN use UPC' }, inputPath: 'upc', outcome: 'mapped' });
    // Fulfillment center is required and unmapped by default: the seller sees it before publishing anything.
    expect(publish.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'amazon.inventory_product.fulfillment_center_id' })]));

    await http(TENANT, 'PUT', url(CONNECTION, '/sync-listings'), SYNC_TEMPLATE);
    const sync = await http(TENANT, 'POST', url(CONNECTION, '/sync-listings/preview'), { record: sample });
    expect(sync.body.template).toEqual({ source: 'saved', version: expect.any(Number) });
    expect(sync.body.value).toEqual({ quantity: 3, handling_time: 2 });
    expect(sync.body.fields.find((f: { key: string }) => f.key === 'price')).toMatchObject({ outcome: 'not-mapped' });

    const noRecord = await http(TENANT, 'POST', url(CONNECTION, '/sync-listings/preview'), {});
    expect([noRecord.status, noRecord.body]).toEqual([
      400,
      { code: 'INVALID_REQUEST', message: expect.any(String), details: [{ field: 'body.record', reason: 'is required' }] },
    ]);
    const badDraft = await http(TENANT, 'POST', url(CONNECTION, '/sync-listings/preview'), {
      record: sample,
      template: { fields: { quantity: { kind: 'value', value: -1 } } },
    });
    expect([badDraft.status, badDraft.body.code, badDraft.body.details[0].field]).toEqual([400, 'INVALID_TEMPLATE', '$.template.fields.quantity.value']);
    // Neither preview wrote: the saved version did not move.
    expect((await http(TENANT, 'GET', url(CONNECTION, '/sync-listings'))).body.version).toBe(sync.body.template.version);
  });

  it('answers another tenant 404 CONNECTION_NOT_FOUND on every route and changes nothing', async () => {
    const saved = await http(TENANT, 'PUT', url(CONNECTION, '/sync-listings'), SYNC_TEMPLATE);
    for (const [method, path, body] of [
      ['GET', url(CONNECTION), undefined],
      ['GET', url(CONNECTION, '/sync-listings'), undefined],
      ['PUT', url(CONNECTION, '/sync-listings'), { fields: {} }],
      ['PUT', url(CONNECTION, '/sync-listings'), { fields: { bogus: 1 } }],
      ['DELETE', url(CONNECTION, '/sync-listings'), undefined],
      ['POST', url(CONNECTION, '/sync-listings/preview'), { record: {} }],
      ['GET', url(CONNECTION, '/not-an-operation'), undefined],
    ] as const) {
      const res = await http(OTHER_TENANT, method, path, body);
      expect([method, path, res.status, res.body.code]).toEqual([method, path, 404, 'CONNECTION_NOT_FOUND']);
      expect(JSON.stringify(res.body)).not.toContain('available');
    }
    expect((await http(TENANT, 'GET', url(CONNECTION, '/sync-listings'))).body).toMatchObject({ source: 'saved', version: saved.body.version });
    // The other tenant's own connection has its own templates.
    expect((await http(OTHER_TENANT, 'GET', url(OTHER_CONNECTION, '/sync-listings'))).body).toMatchObject({ source: 'default', version: 0 });
  });

  it('answers an operation listings does not run with 404 TEMPLATE_OPERATION_NOT_FOUND naming those it does', async () => {
    for (const op of ['get-orders', 'sync-orders', 'nonsense']) {
      const res = await http(TENANT, 'GET', url(CONNECTION, `/${op}`));
      expect([res.status, res.body.code, res.body.context]).toEqual([
        404,
        'TEMPLATE_OPERATION_NOT_FOUND',
        { operations: ['publish-listings', 'sync-listings'] },
      ]);
    }
  });

  it('refuses a save over a version the editor did not see (If-Match), and gives concurrent saves distinct versions', async () => {
    await http(TENANT, 'DELETE', url(CONNECTION, '/sync-listings'));
    expect((await http(TENANT, 'PUT', url(CONNECTION, '/sync-listings'), SYNC_TEMPLATE, { 'if-match': '"0"' })).status).toBe(200);
    const stale = await http(TENANT, 'PUT', url(CONNECTION, '/sync-listings'), SYNC_TEMPLATE, { 'if-match': '"0"' });
    expect([stale.status, stale.body.code, stale.body.context]).toEqual([409, 'TEMPLATE_VERSION_CONFLICT', { version: 1 }]);

    const repository = service.app.get(MappingTemplatesRepository);
    const versions = await Promise.all(
      Array.from({ length: 8 }, () =>
        repository.save({
          tenantId: TENANT,
          connectionId: CONNECTION,
          operation: 'sync-listings',
          template: { schemaVersion: 1, operation: 'sync', fields: {} },
        }),
      ),
    );
    expect(versions.map((row) => row?.version).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    // What a sync job compiles is the last save.
    expect(await service.app.get(MappingTemplates).compiled(TENANT, CONNECTION, 'sync-listings')).toMatchObject({ source: 'saved', version: 9 });
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await (await fetch(`${service.url}/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/connections/{connectionId}/templates/{operation}'] ?? {})).toEqual(expect.arrayContaining(['get', 'put', 'delete']));
    expect(doc.paths['/connections/{connectionId}/templates/{operation}/preview']).toHaveProperty('post');
  });
});
