import type { ListingsIssue } from '@amazon-channel/sp-api';
import { judgeLanding, judgeSubmission } from './amazon-verdict';

const US = 'ATVPDKIKX0DER';
const issue = (over: Partial<ListingsIssue>): ListingsIssue => ({ code: 'X1', message: 'Something.', severity: 'ERROR', categories: [], ...over });

describe('publish: Amazon verdict', () => {
  it('VALID and ACCEPTED pass, warnings ride along', () => {
    expect(judgeSubmission('VALID', [])).toEqual({ kind: 'VALID', warnings: [] });
    expect(judgeSubmission('ACCEPTED', [issue({ severity: 'WARNING', message: 'Image is small.', attributeNames: ['main_image'] })])).toEqual({
      kind: 'ACCEPTED',
      warnings: [{ code: 'AMAZON_WARNING', field: 'main_image', message: 'Image is small.' }],
    });
  });

  it('keys on severity and categories, not on codes (a new code still blocks)', () => {
    const v = judgeSubmission('INVALID', [issue({ code: 'DQ-NEW-123', message: 'Brand not approved.', categories: ['QUALIFICATION_REQUIRED'] })]);
    expect(v).toMatchObject({ kind: 'INVALID', productTypeRejected: false, error: { code: 'BRAND_APPROVAL_REQUIRED', message: 'Brand not approved.' } });
    expect(judgeSubmission('INVALID', [issue({ code: '90220', categories: ['MISSING_ATTRIBUTE'], message: "'list_price' is required." })])).toMatchObject({
      error: { code: 'AMAZON_REJECTED', issues: [{ code: '90220', categories: ['MISSING_ATTRIBUTE'] }] },
    });
  });

  it('an ERROR under a VALID status still blocks', () => {
    expect(judgeSubmission('VALID', [issue({})])).toMatchObject({ kind: 'INVALID' });
  });

  it('sees a product type Amazon refuses, by attribute or by message', () => {
    expect(judgeSubmission('INVALID', [issue({ attributeNames: ['product_type'], message: 'Nope.' })])).toMatchObject({ productTypeRejected: true });
    expect(judgeSubmission('INVALID', [issue({ message: 'The Amazon product type specified is invalid or not supported.' })])).toMatchObject({
      productTypeRejected: true,
    });
    expect(judgeSubmission('INVALID', [issue({ message: 'Price is invalid.' })])).toMatchObject({ productTypeRejected: false });
  });

  it('landing: LIVE once Amazon shows a status, FAILED on issues that arrived after acceptance, PENDING otherwise', () => {
    const summary = { marketplaceId: US, productType: 'PRODUCT', status: ['BUYABLE' as const], createdDate: '', lastUpdatedDate: '' };
    expect(judgeLanding({ sku: 'A', summaries: [summary], issues: [] }, US)).toEqual({ kind: 'LIVE' });
    expect(judgeLanding({ sku: 'A', summaries: [{ ...summary, status: [] }] }, US)).toEqual({ kind: 'PENDING' });
    expect(judgeLanding(null, US)).toEqual({ kind: 'PENDING' });
    expect(
      judgeLanding({ sku: 'A', summaries: [summary], issues: [issue({ message: 'Main image missing.', categories: ['INVALID_IMAGE'] })] }, US),
    ).toMatchObject({
      kind: 'FAILED',
      error: { code: 'NOT_LIVE', message: 'Main image missing.' },
    });
  });
});
