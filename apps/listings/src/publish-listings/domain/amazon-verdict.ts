import type { ListingsIssue, ListingsItem } from '@amazon-channel/sp-api';
import type { PublishError, PublishWarning } from './publish-errors';

/** Amazon's issue as publish keeps it (verbatim message; logic never keys on `code`, which Amazon changes). */
export interface KeptIssue {
  code: string;
  message: string;
  severity: string;
  categories: string[];
}

const keep = (i: ListingsIssue): KeptIssue => ({ code: i.code, message: i.message, severity: i.severity, categories: i.categories ?? [] });

/**
 * Whether Amazon refused the product type itself (then the offer is retried once as PRODUCT): an
 * ERROR naming `product_type`, or one whose message says the product type is invalid. Amazon's
 * code for it (4000003 in 2026) is not relied on.
 */
export function rejectsProductType(issues: readonly ListingsIssue[]): boolean {
  return issues.some(
    (i) =>
      i.severity === 'ERROR' &&
      ((i.attributeNames ?? []).includes('product_type') || (/product type/i.test(i.message) && /invalid|not supported|not valid/i.test(i.message))),
  );
}

/** What one submission (preview or write) says for a SKU. */
export type SubmissionVerdict =
  | { kind: 'VALID' | 'ACCEPTED'; warnings: PublishWarning[] }
  | { kind: 'INVALID'; error: PublishError; warnings: PublishWarning[]; productTypeRejected: boolean };

function sentenceFor(errors: readonly ListingsIssue[]): { code: PublishError['code']; fix: string } {
  if (errors.some((i) => (i.categories ?? []).includes('QUALIFICATION_REQUIRED'))) {
    return {
      code: 'BRAND_APPROVAL_REQUIRED',
      fix: 'Apply for approval in Seller Central; once approved, create the offer there and use Link instead of Publish.',
    };
  }
  if (errors.some((i) => (i.categories ?? []).includes('MISSING_ATTRIBUTE'))) {
    return { code: 'AMAZON_REJECTED', fix: 'Map the attributes Amazon names in the publish template, then publish again.' };
  }
  return { code: 'AMAZON_REJECTED', fix: "Correct what Amazon's message names on the listing or in the template, then publish again." };
}

/**
 * Reads a Listings Items submission response: ERROR issues block (one error naming all of them,
 * Amazon's messages verbatim), WARNING/INFO issues ride along as warnings. Keyed on severity and
 * categories only.
 */
export function judgeSubmission(status: 'ACCEPTED' | 'INVALID' | 'VALID', issues: readonly ListingsIssue[] = []): SubmissionVerdict {
  const errors = issues.filter((i) => i.severity === 'ERROR');
  const warnings: PublishWarning[] = issues
    .filter((i) => i.severity !== 'ERROR')
    .map((i) => ({ code: 'AMAZON_WARNING', field: i.attributeNames?.[0] ?? null, message: i.message }));
  if (status !== 'INVALID' && errors.length === 0) return { kind: status, warnings };
  const { code, fix } = sentenceFor(errors);
  return {
    kind: 'INVALID',
    warnings,
    productTypeRejected: rejectsProductType(errors),
    error: {
      code,
      field: errors[0]?.attributeNames?.[0] ?? null,
      message: errors.length ? errors.map((i) => i.message).join(' ') : 'Amazon refused the offer without saying why',
      fix,
      issues: errors.map(keep),
    },
  };
}

/** Where an accepted offer stands when read back. */
export type LandingVerdict = { kind: 'LIVE' } | { kind: 'PENDING' } | { kind: 'FAILED'; error: PublishError };

/**
 * Reads a listing back after ACCEPTED (ACCEPTED only means queued): ERROR issues that arrived since
 * (catalog conflicts, restrictions found later) make it FAILED with Amazon's messages; a summary
 * status of BUYABLE or DISCOVERABLE without errors makes it LIVE; otherwise it is still landing.
 */
export function judgeLanding(item: ListingsItem | null, marketplaceId: string): LandingVerdict {
  if (!item) return { kind: 'PENDING' };
  const errors = (item.issues ?? []).filter((i) => i.severity === 'ERROR' && (!i.marketplaceIds || i.marketplaceIds.includes(marketplaceId)));
  if (errors.length > 0) {
    const { code, fix } = sentenceFor(errors);
    return {
      kind: 'FAILED',
      error: {
        code: code === 'AMAZON_REJECTED' ? 'NOT_LIVE' : code,
        field: errors[0]?.attributeNames?.[0] ?? null,
        message: errors.map((i) => i.message).join(' '),
        fix,
        issues: errors.map(keep),
      },
    };
  }
  const summary = item.summaries?.find((s) => s.marketplaceId === marketplaceId);
  if (summary && summary.status.length > 0) return { kind: 'LIVE' };
  return { kind: 'PENDING' };
}
