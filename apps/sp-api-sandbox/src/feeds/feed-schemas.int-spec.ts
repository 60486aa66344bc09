import { MODELS_AVAILABLE, MODELS_DIR, MODELS_SKIP_REASON } from '../testing/model-contract';
import { loadListingsFeedValidators } from './feed-schemas';

const messages: Array<[string, unknown, boolean]> = [
  [
    'PATCH with patches',
    { messageId: 1, sku: 'A', operationType: 'PATCH', productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/x', value: [{}] }] },
    true,
  ],
  ['UPDATE with attributes', { messageId: 2, sku: 'A', operationType: 'UPDATE', productType: 'PRODUCT', attributes: { item_name: [{ value: 'x' }] } }, true],
  ['DELETE alone', { messageId: 3, sku: 'A', operationType: 'DELETE' }, true],
  ['PATCH without patches', { messageId: 4, sku: 'A', operationType: 'PATCH', productType: 'PRODUCT' }, false],
  ['DELETE with attributes', { messageId: 5, sku: 'A', operationType: 'DELETE', attributes: {} }, false],
  [
    'PARTIAL_UPDATE with requirements',
    { messageId: 6, sku: 'A', operationType: 'PARTIAL_UPDATE', productType: 'P', requirements: 'LISTING', attributes: { a: [{}] } },
    false,
  ],
  ['messageId 0', { messageId: 0, sku: 'A', operationType: 'DELETE' }, false],
  ['empty sku', { messageId: 7, sku: '', operationType: 'DELETE' }, false],
  ['unknown operation', { messageId: 8, sku: 'A', operationType: 'UPSERT' }, false],
];

describe("built-in listings feed rules (used when Amazon's schema is absent)", () => {
  const builtIn = loadListingsFeedValidators(undefined);

  it.each(messages)('%s → accepted: %s', (_name, message, ok) => {
    expect(builtIn.source).toBe('built-in');
    expect(builtIn.message(message).length === 0).toBe(ok);
  });

  it('checks the envelope: header version, seller and 1..25,000 messages', () => {
    expect(builtIn.envelope({ header: { sellerId: 'A', version: '2.0' }, messages: [{}] })).toEqual([]);
    expect(builtIn.envelope({ header: { sellerId: 'A', version: '1.0' }, messages: [{}] })).not.toEqual([]);
    expect(builtIn.envelope({ header: { sellerId: 'A', version: '2.0' }, messages: [] })).not.toEqual([]);
    expect(builtIn.envelope({ header: { sellerId: 'A', version: '2.0' }, messages: new Array(25_001).fill({}) })).not.toEqual([]);
  });
});

const d = MODELS_AVAILABLE ? describe : describe.skip;
d(`Amazon's listings feed schema agrees with the built-in rules (${MODELS_AVAILABLE ? 'schema found' : MODELS_SKIP_REASON})`, () => {
  it.each(messages)('%s → accepted: %s', (_name, message, ok) => {
    const amazon = loadListingsFeedValidators(MODELS_DIR);
    expect(amazon.source).toBe('amazon-schema');
    expect(amazon.message(message).length === 0).toBe(ok);
  });
});
