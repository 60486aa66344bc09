import type { ListingRestriction } from '@amazon-channel/sp-api';
import type { PublishError } from './publish-errors';

/** Whether the seller may offer on an ASIN in a condition, from `getListingsRestrictions`. */
export type RestrictionDecision = { allowed: true } | { allowed: false; error: PublishError };

/**
 * Turns Amazon's restrictions for one ASIN and condition into a decision. An empty list means the
 * seller may list. APPROVAL_REQUIRED (gated brand or category) becomes BRAND_APPROVAL_REQUIRED with
 * Amazon's approval link; NOT_ELIGIBLE and ASIN_NOT_FOUND have no path forward; a reason with only a
 * message (reasonCode is optional in Amazon's model) still blocks, with Amazon's message.
 */
export function decideRestriction(restrictions: readonly ListingRestriction[], asin: string, condition: string, marketplaceId: string): RestrictionDecision {
  const relevant = restrictions.filter((r) => r.marketplaceId === marketplaceId && (r.conditionType === undefined || r.conditionType === condition));
  const reasons = relevant.flatMap((r) => r.reasons ?? [{}]);
  if (reasons.length === 0) return { allowed: true };
  const field = 'amazon.inventory_product.product_id';
  const approval = reasons.find((r) => r.reasonCode === 'APPROVAL_REQUIRED');
  if (approval) {
    const link = approval.links?.find((l) => l.verb === 'GET')?.resource;
    return {
      allowed: false,
      error: {
        code: 'BRAND_APPROVAL_REQUIRED',
        field,
        message: approval.message ?? `You need Amazon's approval to list ${asin}`,
        fix: `Apply for approval in Seller Central${link ? ' (link below)' : ''}; once approved, create the offer there and use Link instead of Publish.`,
        ...(link ? { approvalUrl: link } : {}),
      },
    };
  }
  const notFound = reasons.find((r) => r.reasonCode === 'ASIN_NOT_FOUND');
  if (notFound) {
    return {
      allowed: false,
      error: {
        code: 'PRODUCT_NOT_FOUND',
        field,
        message: notFound.message ?? `The ASIN ${asin} does not exist in this marketplace`,
        fix: 'Check the ASIN; publish only offers on products Amazon already has.',
      },
    };
  }
  const notEligible = reasons.find((r) => r.reasonCode === 'NOT_ELIGIBLE');
  const first = notEligible ?? reasons[0] ?? {};
  return {
    allowed: false,
    error: {
      code: notEligible ? 'NOT_ELIGIBLE' : 'RESTRICTED',
      field,
      message: first.message ?? `Amazon does not let this account list ${asin} in condition ${condition}`,
      fix: 'Amazon offers no way forward for this product on this account; remove it from the publish selection.',
    },
  };
}
