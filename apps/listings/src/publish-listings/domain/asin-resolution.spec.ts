import type { CatalogItem } from '@amazon-channel/sp-api';
import { matchCatalogAnswer, resolveAsin, type CatalogMatch } from './asin-resolution';

const US = 'ATVPDKIKX0DER';
const item = (asin: string, upc: string, classification: 'BASE_PRODUCT' | 'VARIATION_PARENT' = 'BASE_PRODUCT', productType = 'LUGGAGE'): CatalogItem => ({
  asin,
  summaries: [{ marketplaceId: US, itemName: `Item ${asin}`, brand: 'Contoso', itemClassification: classification }],
  productTypes: [{ marketplaceId: US, productType }],
  identifiers: [
    {
      marketplaceId: US,
      identifiers: [
        { identifierType: 'UPC', identifier: upc },
        { identifierType: 'EAN', identifier: `0${upc}` },
      ],
    },
  ],
});
const match = (asin: string, classification = 'BASE_PRODUCT', productType: string | null = 'LUGGAGE'): CatalogMatch => ({
  asin,
  productType,
  classification,
  title: `Item ${asin}`,
  brand: 'Contoso',
});

describe('publish: catalog answer back to the identifiers searched', () => {
  it('maps each item to the identifier it lists, comparing barcodes as GTIN-14, and records misses', () => {
    const answer = matchCatalogAnswer('EAN', ['0036000291452', '0012345678905'], [item('B000000001', '036000291452')], US);
    expect(answer.get('0036000291452')).toEqual([match('B000000001')]);
    expect(answer.get('0012345678905')).toEqual([]);
  });

  it('keeps every ASIN one identifier matches', () => {
    const answer = matchCatalogAnswer('UPC', ['036000291452'], [item('B000000001', '036000291452'), item('B000000002', '036000291452')], US);
    expect(answer.get('036000291452')?.map((m) => m.asin)).toEqual(['B000000001', 'B000000002']);
  });

  it('matches ASIN searches on the ASIN', () => {
    expect(matchCatalogAnswer('ASIN', ['B000000001'], [item('B000000001', '036000291452')], US).get('B000000001')).toEqual([match('B000000001')]);
  });
});

describe('publish: resolving the ASIN', () => {
  it('one match: its ASIN and product type', () => {
    expect(resolveAsin('UPC', '036000291452', [match('B000000001')])).toEqual({ ok: true, asin: 'B000000001', productType: 'LUGGAGE' });
  });

  it('falls back to PRODUCT when the catalog names no product type', () => {
    expect(resolveAsin('UPC', '036000291452', [match('B000000001', 'BASE_PRODUCT', null)])).toMatchObject({ productType: 'PRODUCT' });
  });

  it('no match: PRODUCT_NOT_FOUND', () => {
    expect(resolveAsin('UPC', '036000291452', [])).toMatchObject({
      ok: false,
      error: { code: 'PRODUCT_NOT_FOUND', message: expect.stringContaining('036000291452') },
    });
  });

  it('several matches: AMBIGUOUS_PRODUCT with the candidates, never a guess', () => {
    const r = resolveAsin('UPC', '036000291452', [match('B000000001'), match('B000000002')]);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'AMBIGUOUS_PRODUCT', candidates: [{ asin: 'B000000001', title: 'Item B000000001', brand: 'Contoso' }, { asin: 'B000000002' }] },
    });
  });

  it('a variation parent is never offered on, alone or next to a child', () => {
    expect(resolveAsin('ASIN', 'B000000005', [match('B000000005', 'VARIATION_PARENT')])).toMatchObject({ ok: false, error: { code: 'VARIATION_PARENT' } });
    expect(resolveAsin('UPC', '036000291452', [match('B000000005', 'VARIATION_PARENT'), match('B000000006')])).toEqual({
      ok: true,
      asin: 'B000000006',
      productType: 'LUGGAGE',
    });
  });
});
