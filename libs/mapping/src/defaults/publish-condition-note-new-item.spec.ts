import { compileTemplateFor } from '../engine/compile-template';
import { defaultTemplate } from './default-templates';

/** Seed behaviour: a condition note on a New item is a warning; the note is not sent, the item still publishes. */
const t = defaultTemplate('publish');
const publish = compileTemplateFor('publish', { ...t, fields: { ...t.fields, fulfillment_center_id: { kind: 'option', option: 'DEFAULT' } } });
const listing = { sku: 'SKU-7', asin: 'B07X4K9Y9Z', price: 12, quantity: 1, conditionNote: 'Small scuff on the box' };

describe('publish: condition note on a New item', () => {
  it('warns and leaves the note out when the condition is New (or empty, which means New)', () => {
    for (const condition of ['New', undefined]) {
      const r = publish.evaluate({ ...listing, condition });
      expect(r.ok).toBe(true);
      expect(r.value.item_condition).toBe('new_new');
      expect('condition_note' in r.value).toBe(false);
      expect(r.warnings).toEqual([
        expect.objectContaining({
          code: 'CONDITION_NOTE_IGNORED_FOR_NEW',
          field: 'amazon.inventory_product.condition_note',
          message: expect.stringContaining('SKU "SKU-7"'),
        }),
      ]);
    }
  });

  it('sends the note for used items', () => {
    const r = publish.evaluate({ ...listing, condition: 'Used - Like New' });
    expect(r.value).toMatchObject({ item_condition: 'used_like_new', condition_note: 'Small scuff on the box' });
    expect(r.warnings).toEqual([]);
  });

  it('explains that the note was dropped', () => {
    const note = publish.explain(listing).fields.find((f) => f.key === 'condition_note');
    expect(note).toMatchObject({ outcome: 'dropped', issues: ['CONDITION_NOTE_IGNORED_FOR_NEW'] });
    expect(note && 'value' in note).toBe(false);
  });

  it('reports an unknown condition label with the mapping set it missed', () => {
    const r = publish.evaluate({ ...listing, condition: 'Like new-ish' });
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'MAPPING_SET_NO_MATCH', message: expect.stringContaining('"item-conditions"') }));
    expect(r.errors).toContainEqual(expect.objectContaining({ code: 'REQUIRED_VALUE_MISSING', key: 'item_condition' }));
  });
});
