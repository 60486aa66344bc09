import { decideRestriction } from './restriction-decision';

const US = 'ATVPDKIKX0DER';
const APPROVE = 'https://sellercentral.amazon.com/hz/approvalrequest/restrictions/approve?asin=B0EXAMPLE1';

describe('publish: restriction decision', () => {
  it('an empty list allows', () => {
    expect(decideRestriction([], 'B0EXAMPLE1', 'new_new', US)).toEqual({ allowed: true });
  });

  it('brand gating: APPROVAL_REQUIRED becomes BRAND_APPROVAL_REQUIRED with the link and the fix', () => {
    const d = decideRestriction(
      [
        {
          marketplaceId: US,
          conditionType: 'new_new',
          reasons: [
            {
              reasonCode: 'APPROVAL_REQUIRED',
              message: 'You need approval to list this brand.',
              links: [{ resource: APPROVE, verb: 'GET', title: 'Request approval' }],
            },
          ],
        },
      ],
      'B0EXAMPLE1',
      'new_new',
      US,
    );
    expect(d).toEqual({
      allowed: false,
      error: {
        code: 'BRAND_APPROVAL_REQUIRED',
        field: 'amazon.inventory_product.product_id',
        message: 'You need approval to list this brand.',
        fix: expect.stringMatching(/Seller Central.*Link instead of Publish/),
        approvalUrl: APPROVE,
      },
    });
  });

  it('ignores restrictions of other conditions or marketplaces', () => {
    const used = [{ marketplaceId: US, conditionType: 'used_good' as const, reasons: [{ reasonCode: 'NOT_ELIGIBLE' as const }] }];
    expect(decideRestriction(used, 'B0EXAMPLE1', 'new_new', US)).toEqual({ allowed: true });
    expect(decideRestriction([{ marketplaceId: 'A2EUQ1WTGCTBG2', reasons: [{ reasonCode: 'NOT_ELIGIBLE' }] }], 'B0EXAMPLE1', 'new_new', US)).toEqual({
      allowed: true,
    });
  });

  it.each([
    ['NOT_ELIGIBLE', 'NOT_ELIGIBLE'],
    ['ASIN_NOT_FOUND', 'PRODUCT_NOT_FOUND'],
    [undefined, 'RESTRICTED'],
  ] as const)('reason %s blocks as %s', (reasonCode, code) => {
    const d = decideRestriction(
      [{ marketplaceId: US, reasons: [{ ...(reasonCode ? { reasonCode } : {}), message: 'Amazon says no.' }] }],
      'B0EXAMPLE1',
      'new_new',
      US,
    );
    expect(d).toMatchObject({ allowed: false, error: { code, message: 'Amazon says no.' } });
  });
});
