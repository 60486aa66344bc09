import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SandboxError } from '../core/sandbox-error';
import { asinOf, CATALOG_SIZE, catalogFacts, indexOfAsin } from '../state/catalog-seed';
import type { ListingIssue, ListingRecord } from '../state/listing-model';
import { SandboxState } from '../state/sandbox-state';
import type { SellerState } from '../state/seller-state';
import type { Requirements } from './listing-validation';
import { suggestedAsin, validateAttributeShapes, validateSubmission } from './listing-validation';

/** A JSON-Patch style listing change. */
export interface ListingPatch {
  op: 'add' | 'replace' | 'merge' | 'delete';
  path: string;
  value?: Array<Record<string, unknown>>;
}

/** Outcome of a listing write (Listings Items submission response without the HTTP wrapping). */
export interface SubmissionResult {
  sku: string;
  status: 'ACCEPTED' | 'INVALID' | 'VALID';
  submissionId: string;
  issues: ListingIssue[];
  asin?: string;
}

/**
 * The handling time Amazon falls back to when a `replace` of fulfillment_availability leaves
 * `lead_time_to_ship_max_days` out (the seller's shipping-template default; write-path.md §B.2).
 */
export const ACCOUNT_DEFAULT_HANDLING_DAYS = 2;

/** A `replace` of fulfillment_availability: a merchant entry without a handling time gets the account default. */
function withDefaultHandling(name: string, value: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  if (name !== 'fulfillment_availability') return value;
  return value.map((e) =>
    e['fulfillment_channel_code'] === 'DEFAULT' && e['lead_time_to_ship_max_days'] === undefined
      ? { ...e, lead_time_to_ship_max_days: ACCOUNT_DEFAULT_HANDLING_DAYS }
      : e,
  );
}

/** Fields that identify an entry inside an attribute array (used by `merge` and `delete`). */
const SELECTORS = ['marketplace_id', 'language_tag', 'currency', 'audience', 'fulfillment_channel_code'];

function sameSelectors(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return SELECTORS.every((s) => a[s] === undefined || b[s] === undefined || a[s] === b[s]);
}

/**
 * Listing writes shared by the Listings Items API and JSON_LISTINGS_FEED. Accepted changes apply
 * at once (Amazon applies them asynchronously, usually within minutes).
 */
@Injectable()
export class ListingsWriter {
  constructor(@Inject(SandboxState) private readonly state: SandboxState) {}

  private result(sku: string, issues: ListingIssue[], preview: boolean, asin?: string): SubmissionResult {
    const invalid = issues.some((i) => i.severity === 'ERROR');
    return {
      sku,
      status: invalid ? 'INVALID' : preview ? 'VALID' : 'ACCEPTED',
      submissionId: randomUUID().replace(/-/g, ''),
      issues,
      ...(asin ? { asin } : {}),
    };
  }

  /** Full replace (PUT, feed UPDATE). */
  put(
    seller: SellerState,
    sku: string,
    productType: string,
    requirements: Requirements,
    attributes: Record<string, unknown>,
    preview: boolean,
  ): SubmissionResult {
    const existing = seller.getListing(sku);
    const issues = validateSubmission(seller, productType, requirements, attributes);
    const asin = suggestedAsin(attributes) ?? existing?.asin ?? (requirements === 'LISTING_OFFER_ONLY' ? undefined : this.newAsin(seller, sku));
    const result = this.result(sku, issues, preview, asin);
    if (result.status === 'ACCEPTED') {
      const now = this.state.clock.now();
      seller.putListing({
        sku,
        productType,
        requirements,
        attributes: attributes as ListingRecord['attributes'],
        asin,
        createdMs: existing?.createdMs ?? now,
        updatedMs: now,
        issues: [...issues.filter((i) => i.severity !== 'ERROR'), ...issuesAfterAcceptance(asin)],
      });
    }
    return result;
  }

  /**
   * Partial changes (PATCH, feed PATCH / PARTIAL_UPDATE). A patch of an unknown SKU is ACCEPTED and
   * changes nothing visible, as Amazon does (write-path.md §B.7: it creates an offer-only fragment
   * that never becomes a listing; models#4402).
   */
  patch(seller: SellerState, sku: string, productType: string, patches: ListingPatch[], preview: boolean): SubmissionResult {
    const existing = seller.getListing(sku);
    if (!existing) return this.result(sku, [], preview);
    const attributes: Record<string, unknown[]> = structuredClone(existing.attributes);
    const issues: ListingIssue[] = [];
    for (const p of patches) {
      const m = /^\/attributes\/([a-z0-9_]+)$/.exec(p.path);
      if (!m) {
        issues.push({
          code: '4000006',
          message: `Patch path '${p.path}' is not supported; use /attributes/<name> (nested paths are not supported).`,
          severity: 'ERROR',
          categories: ['INVALID_ATTRIBUTE'],
        });
        continue;
      }
      const name = m[1] as string;
      const current = (attributes[name] ?? []) as Array<Record<string, unknown>>;
      switch (p.op) {
        case 'add':
        case 'replace':
          if (!p.value)
            issues.push({
              code: '90220',
              message: `Patch ${p.op} on '${name}' needs a value.`,
              severity: 'ERROR',
              categories: ['MISSING_ATTRIBUTE'],
              attributeNames: [name],
            });
          else attributes[name] = p.op === 'replace' ? withDefaultHandling(name, p.value) : p.value;
          break;
        case 'merge': {
          const merged = [...current];
          for (const v of p.value ?? []) {
            const at = merged.findIndex((e) => sameSelectors(e, v));
            if (at >= 0) merged[at] = { ...merged[at], ...v };
            else merged.push(v);
          }
          attributes[name] = merged;
          break;
        }
        case 'delete':
          if (!p.value) delete attributes[name];
          else {
            const left = current.filter((e) => !(p.value ?? []).some((v) => sameSelectors(e, v)));
            if (left.length > 0) attributes[name] = left;
            else delete attributes[name];
          }
          break;
      }
    }
    issues.push(...validateAttributeShapes(attributes));
    const result = this.result(sku, issues, preview, existing.asin);
    if (result.status === 'ACCEPTED') {
      seller.putListing({ ...existing, productType: productType || existing.productType, attributes, updatedMs: this.state.clock.now() });
    }
    return result;
  }

  /** DELETE; 400 naming `sku` when the SKU does not exist (see {@link patch}). */
  delete(seller: SellerState, sku: string): SubmissionResult {
    if (!seller.getListing(sku)) throw notFound(sku);
    seller.deleteListing(sku);
    return this.result(sku, [], false);
  }

  /** A new listing without an ASIN gets one from the catalog (as if Amazon had matched or created it). */
  private newAsin(seller: SellerState, sku: string): string {
    let h = 0;
    for (const c of `${seller.sellingPartnerId}/${sku}`) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
    return asinOf(h % CATALOG_SIZE);
  }
}

/**
 * ERROR issues Amazon raises only after it accepted an offer (asynchronous compliance checks):
 * the submission said ACCEPTED, a read-back shows the issue and no buyable status.
 */
function issuesAfterAcceptance(asin: string | undefined): ListingIssue[] {
  const index = asin === undefined ? undefined : indexOfAsin(asin);
  if (index === undefined || !catalogFacts(index).issueAfterAcceptance) return [];
  return [
    {
      code: '18027',
      message: 'The main image of this product does not meet the image requirements; the offer is not shown to buyers.',
      severity: 'ERROR',
      categories: ['INVALID_IMAGE'],
      attributeNames: ['main_product_image_locator'],
    },
  ];
}

function notFound(sku: string): SandboxError {
  return SandboxError.invalid('sku', `SKU '${sku}' does not exist for this seller; create it with PUT first.`);
}
