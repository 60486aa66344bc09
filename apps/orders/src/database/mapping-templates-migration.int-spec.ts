import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import { createTestDatabase, type TestDatabase } from '@amazon-channel/testing';
import { ORDERS_SERVICE } from '../service';
import { migrations } from './migrations';
import { MappingTemplates1797600000100 } from './migrations/1797600000100-MappingTemplates';

/** Moving `order_settings.template` to `mapping_templates` keeps every saved template, and the way back restores it. */
describe('orders migration 1797600000100: get-orders templates move to mapping_templates', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('orders_templates_migration');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('copies each saved template as version 1 of its connection, drops the old column, and restores it on the way down', async () => {
    const before = migrations.slice(0, migrations.indexOf(MappingTemplates1797600000100));
    const old = createServiceDataSource({ url: database.url, ...ORDERS_SERVICE, migrations: before });
    await runServiceMigrations(old);
    const template = { schemaVersion: 1, operation: 'get-orders', fields: { item_product_code: { kind: 'field', path: 'product.asin' } } };
    await old.query(`INSERT INTO orders.order_settings (connection_id, tenant_id, template) VALUES ('c-with', 't-1', $1::jsonb), ('c-without', 't-1', NULL)`, [
      JSON.stringify(template),
    ]);
    await old.destroy();

    const current = createServiceDataSource({ url: database.url, ...ORDERS_SERVICE });
    try {
      await runServiceMigrations(current);
      expect(await current.query(`SELECT tenant_id, connection_id, operation, template, version FROM orders.mapping_templates`)).toEqual([
        { tenant_id: 't-1', connection_id: 'c-with', operation: 'get-orders', template, version: 1 },
      ]);
      const columns = await current.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'orders' AND table_name = 'order_settings'`);
      expect(columns.map((c: { column_name: string }) => c.column_name)).not.toContain('template');

      // Undo down to (and including) this migration: the template is back in order_settings.
      const applied = migrations.length - before.length;
      for (let i = 0; i < applied; i++) await current.undoLastMigration({ transaction: 'each' });
      expect(await current.query(`SELECT connection_id, template FROM orders.order_settings ORDER BY connection_id`)).toEqual([
        { connection_id: 'c-with', template },
        { connection_id: 'c-without', template: null },
      ]);
    } finally {
      await current.destroy();
    }
  });
});
