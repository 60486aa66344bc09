import { MappingTemplateEntity } from './mapping-template.entity';
import { MappingTemplates } from './mapping-templates';
import type { MappingTemplatesRepository, SaveTemplateInput } from './mapping-templates.repository';
import { TemplatesError } from './templates.error';

/** The repository's contract in memory: one row per connection and operation, versions counting up. */
class FakeTemplatesRepository implements Pick<MappingTemplatesRepository, 'find' | 'save' | 'remove'> {
  readonly rows = new Map<string, MappingTemplateEntity>();

  async find(tenantId: string, connectionId: string, operation: string): Promise<MappingTemplateEntity | null> {
    const row = this.rows.get(`${connectionId}|${operation}`);
    return row && row.tenantId === tenantId ? row : null;
  }

  async save(input: SaveTemplateInput): Promise<MappingTemplateEntity | null> {
    const current = await this.find(input.tenantId, input.connectionId, input.operation);
    if (input.expectedVersion !== undefined && (current?.version ?? 0) !== input.expectedVersion) return null;
    const row = Object.assign(new MappingTemplateEntity(), {
      ...input,
      id: current?.id ?? `id-${this.rows.size}`,
      version: (current?.version ?? 0) + 1,
      updatedAt: new Date(),
    });
    this.rows.set(`${input.connectionId}|${input.operation}`, row);
    return row;
  }

  async remove(tenantId: string, connectionId: string, operation: string): Promise<boolean> {
    return (await this.find(tenantId, connectionId, operation)) !== null && this.rows.delete(`${connectionId}|${operation}`);
  }
}

const T = 'tenant-a';
const C = 'conn-1';

function setup() {
  const rows = new FakeTemplatesRepository();
  const templates = new MappingTemplates(rows as unknown as MappingTemplatesRepository, { operations: ['publish-listings', 'sync-listings'] });
  return { rows, templates };
}

async function thrown(promise: Promise<unknown>): Promise<TemplatesError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TemplatesError) return error;
    throw error;
  }
  throw new Error('resolved');
}

describe('MappingTemplates', () => {
  it('answers the default (version 0) until a template is saved, then the saved one, then the default again after remove', async () => {
    const { templates } = setup();
    expect(await templates.effective(T, C, 'sync-listings')).toMatchObject({ source: 'default', version: 0, template: { operation: 'sync' } });
    const saved = await templates.put(T, C, 'sync-listings', { fields: { price: { kind: 'dont-map' }, quantity: { kind: 'field', path: 'stock' } } });
    expect(saved).toMatchObject({ source: 'saved', version: 1 });
    expect(await templates.effective(T, C, 'sync-listings')).toMatchObject({
      source: 'saved',
      version: 1,
      template: { fields: { price: { kind: 'dont-map' } } },
    });
    expect(await templates.remove(T, C, 'sync-listings')).toBe(true);
    expect(await templates.effective(T, C, 'sync-listings')).toMatchObject({ source: 'default', version: 0 });
  });

  it('compiles what is saved: a job maps with the seller template, not the default', async () => {
    const { templates } = setup();
    const before = await templates.compiled(T, C, 'sync-listings');
    expect(before.compiled.evaluate({ price: 12.5, quantity: 3, stock: 9 }).value).toMatchObject({ price: 12.5, quantity: 3 });
    await templates.put(T, C, 'sync-listings', { fields: { price: { kind: 'dont-map' }, quantity: { kind: 'field', path: 'stock' } } });
    const after = await templates.compiled(T, C, 'sync-listings');
    expect(after.version).toBe(1);
    const value = after.compiled.evaluate({ price: 12.5, quantity: 3, stock: 9 }).value;
    expect(value.quantity).toBe(9);
    expect(value).not.toHaveProperty('price');
  });

  it('refuses a bad template with every fault at its JSON path and saves nothing', async () => {
    const { rows, templates } = setup();
    const error = await thrown(templates.put(T, C, 'sync-listings', { fields: { price: { kind: 'field' }, quantity: { kind: 'option', option: 'X' } } }));
    expect(error.code).toBe('INVALID_TEMPLATE');
    expect(error.details.map((d) => d.field)).toEqual(expect.arrayContaining(['$.fields.price.path']));
    expect(rows.rows.size).toBe(0);
  });

  it('refuses an operation the service does not run, naming those it does', async () => {
    const { templates } = setup();
    const error = await thrown(templates.put(T, C, 'get-orders', { fields: {} }));
    expect([error.code, error.status, error.context]).toEqual(['TEMPLATE_OPERATION_NOT_FOUND', 404, { operations: ['publish-listings', 'sync-listings'] }]);
    expect(() => templates.operation('sync')).not.toThrow();
  });

  it('detects a save over a version it did not see (If-Match)', async () => {
    const { templates } = setup();
    await templates.put(T, C, 'sync-listings', { fields: {} }, 0);
    await templates.put(T, C, 'sync-listings', { fields: { price: { kind: 'dont-map' } } }, 1);
    const error = await thrown(templates.put(T, C, 'sync-listings', { fields: {} }, 1));
    expect([error.code, error.context]).toEqual(['TEMPLATE_VERSION_CONFLICT', { version: 2 }]);
  });

  it('previews a sample with the effective template or a draft, explaining each field, writing nothing', async () => {
    const { rows, templates } = setup();
    const byDefault = await templates.preview(T, C, 'publish-listings', { sku: 'S-1', upc: '012345678905', price: 10 });
    expect(byDefault.template).toEqual({ source: 'default', version: 0 });
    expect(byDefault.value).toMatchObject({ product_id: '012345678905', product_id_type: 'UPC' });
    expect(byDefault.fields.find((f) => f.key === 'product_id')?.summary).toMatch(/If no ASIN use UPC/);

    const draft = await templates.preview(T, C, 'sync-listings', { stock: 4 }, { fields: { quantity: { kind: 'field', path: 'stock' } } });
    expect([draft.template, draft.value]).toEqual([{ source: 'draft', version: null }, { quantity: 4 }]);
    const bad = await thrown(templates.preview(T, C, 'sync-listings', {}, { fields: { quantity: { kind: 'nope' } } }));
    expect(bad.details[0]?.field).toMatch(/^\$\.template\.fields\.quantity/);
    expect(rows.rows.size).toBe(0);
  });

  it('refuses to run a saved template that no longer validates instead of falling back to the default', async () => {
    const { rows, templates } = setup();
    rows.rows.set(
      `${C}|sync-listings`,
      Object.assign(new MappingTemplateEntity(), {
        tenantId: T,
        connectionId: C,
        operation: 'sync-listings',
        version: 4,
        template: { schemaVersion: 1, operation: 'sync', fields: { gone: { kind: 'dont-map' } } },
      }),
    );
    const error = await thrown(templates.compiled(T, C, 'sync-listings'));
    expect([error.code, error.details[0]?.field]).toEqual(['SAVED_TEMPLATE_INVALID', '$.fields.gone']);
  });

  it("runs the service's own checks after libs/mapping's, on save and on a preview draft", async () => {
    const rows = new FakeTemplatesRepository();
    const templates = new MappingTemplates(rows as unknown as MappingTemplatesRepository, {
      operations: ['get-orders'],
      checks: {
        'get-orders': (t) => (t.fields['invoice_currency']?.kind === 'value' ? [{ field: '$.fields.invoice_currency.value', reason: 'must be ISO 4217' }] : []),
      },
    });
    const template = { fields: { invoice_currency: { kind: 'value', value: 'XYZ' } } };
    expect((await thrown(templates.put(T, C, 'get-orders', template))).details).toEqual([
      { field: '$.fields.invoice_currency.value', reason: 'must be ISO 4217' },
    ]);
    expect((await thrown(templates.preview(T, C, 'get-orders', {}, template))).details[0]?.field).toBe('$.template.fields.invoice_currency.value');
    expect(rows.rows.size).toBe(0);
  });

  it('never shows one tenant the template another tenant saved', async () => {
    const { templates } = setup();
    await templates.put(T, C, 'sync-listings', { fields: { price: { kind: 'dont-map' } } });
    expect(await templates.saved('tenant-b', C, 'sync-listings')).toBeNull();
  });
});
