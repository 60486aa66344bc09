import * as mapping from './index';
import type { GetOrdersMappedRecord, PublishMappedRecord, SyncMappedRecord } from './index';
import { compileTemplateFor, defaultTemplate, MAPPING_OPERATIONS, OPERATION_DEFINITIONS } from './index';

/** Compile-time checks: these fail `tsc` (the typecheck target) if the derived record types drift. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const typeChecks: [
  Equals<PublishMappedRecord['product_id_type'], 'ASIN' | 'ISBN' | 'UPC' | 'EAN' | 'GTIN' | null | undefined>,
  Equals<SyncMappedRecord['quantity'], number | null | undefined>,
  Equals<NonNullable<GetOrdersMappedRecord['lines']>[number]['item_sku'], string | null | undefined>,
] = [true, true, true];

describe('public API', () => {
  it('exports the engine entry points', () => {
    expect(typeof mapping.compileTemplate).toBe('function');
    expect(typeof mapping.compileTemplateFor).toBe('function');
    expect(typeof mapping.validateTemplate).toBe('function');
    expect(typeof mapping.defaultTemplate).toBe('function');
    expect(mapping.MappingTemplateError.prototype).toBeInstanceOf(Error);
    expect(typeChecks).toEqual([true, true, true]);
  });

  it('defines the target fields the issue lists for every operation', () => {
    const keys = (op: mapping.MappingOperation) => OPERATION_DEFINITIONS[op].fields.map((f) => f.key);
    expect(keys('publish')).toEqual(
      expect.arrayContaining([
        'sku',
        'title',
        'product_id',
        'product_id_type',
        'price',
        'quantity',
        'handling_time',
        'item_condition',
        'condition_note',
        'fulfillment_center_id',
      ]),
    );
    expect(keys('sync')).toEqual(['price', 'quantity', 'handling_time', 'fulfillment_channel']);
    expect(keys('get-orders')).toEqual(
      expect.arrayContaining([
        'reference_number',
        'ordered_on',
        'shipping_address_line_1',
        'shipping_city',
        'shipping_method',
        'invoice_total',
        'invoice_currency',
        'item_sku',
        'item_product_code',
        'item_quantity',
        'item_unit_price',
      ]),
    );
    expect(keys('sync-orders')).toEqual(['carrier', 'tracking_number', 'shipping_method']);
    expect(mapping.findTargetField('publish', 'product_id_type')?.allowedValues).toEqual(['ASIN', 'ISBN', 'UPC', 'EAN', 'GTIN']);
  });

  it('every field definition is self-consistent', () => {
    for (const op of MAPPING_OPERATIONS) {
      const def = OPERATION_DEFINITIONS[op];
      expect(new Set(def.fields.map((f) => f.key)).size).toBe(def.fields.length);
      for (const f of def.fields) {
        expect(f.description.length).toBeGreaterThan(10);
        if (f.sources.includes('option')) expect(f.allowedValues?.length).toBeGreaterThan(0);
        if (f.default !== undefined && f.allowedValues) expect(f.allowedValues).toContain(f.default);
      }
    }
  });

  it('hands out editable copies of the frozen default templates', () => {
    const copy = defaultTemplate('sync');
    (copy.fields as Record<string, unknown>)['price'] = { kind: 'dont-map' };
    expect(mapping.DEFAULT_TEMPLATES.sync.fields['price']).toEqual({ kind: 'field', path: 'price' });
    expect(Object.isFrozen(mapping.DEFAULT_TEMPLATES.sync.fields)).toBe(true);
  });

  it('every default template compiles', () => {
    for (const op of MAPPING_OPERATIONS) expect(compileTemplateFor(op, defaultTemplate(op)).operation).toBe(op);
  });
});
