import { catalogFacts, indexOfAsin } from '../state/catalog-seed';
import type { ListingIssue, ListingRecord } from '../state/listing-model';
import type { SellerState } from '../state/seller-state';
import { PRODUCT_TYPES } from '../definitions/product-types';

/** Listing requirement sets (Listings Items `requirements`). */
export type Requirements = ListingRecord['requirements'];

/*
 * Issue codes follow the numeric style Amazon uses (e.g. 90220 for a missing attribute); the exact
 * codes and wording Amazon returns for each case could not be confirmed and are the sandbox's own.
 */
const issue = (code: string, message: string, categories: string[], attributeNames?: string[], severity: ListingIssue['severity'] = 'ERROR'): ListingIssue => ({
  code,
  message,
  severity,
  categories,
  ...(attributeNames ? { attributeNames } : {}),
});

function isEntryArray(v: unknown): v is Array<Record<string, unknown>> {
  return Array.isArray(v) && v.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e));
}

/** Checks attribute shapes the sandbox understands (offers, availability); other attributes only need Amazon's array-of-objects form. */
export function validateAttributeShapes(attributes: Record<string, unknown>): ListingIssue[] {
  const issues: ListingIssue[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    if (!isEntryArray(value)) {
      issues.push(issue('4000001', `The value of '${name}' must be an array of objects.`, ['INVALID_ATTRIBUTE'], [name]));
    }
  }
  const offers = attributes['purchasable_offer'];
  if (isEntryArray(offers)) {
    for (const o of offers) {
      const schedule = (o['our_price'] as Array<{ schedule?: Array<{ value_with_tax?: unknown }> }> | undefined)?.[0]?.schedule?.[0];
      if (o['our_price'] !== undefined && (typeof schedule?.value_with_tax !== 'number' || schedule.value_with_tax < 0)) {
        issues.push(
          issue(
            '4000002',
            "'purchasable_offer.our_price' needs a non-negative number in schedule[0].value_with_tax.",
            ['INVALID_PRICE'],
            ['purchasable_offer'],
          ),
        );
      }
      if (o['currency'] !== undefined && (typeof o['currency'] !== 'string' || !/^[A-Z]{3}$/.test(o['currency']))) {
        issues.push(issue('4000003', "'purchasable_offer.currency' must be an ISO 4217 code.", ['INVALID_ATTRIBUTE'], ['purchasable_offer']));
      }
    }
  }
  const availability = attributes['fulfillment_availability'];
  if (isEntryArray(availability)) {
    for (const a of availability) {
      if (typeof a['fulfillment_channel_code'] !== 'string') {
        issues.push(
          issue(
            '90220',
            "'fulfillment_availability.fulfillment_channel_code' is required but not supplied.",
            ['MISSING_ATTRIBUTE'],
            ['fulfillment_availability'],
          ),
        );
      }
      const q = a['quantity'];
      if (q !== undefined && (!Number.isInteger(q) || (q as number) < 0)) {
        issues.push(
          issue('4000004', "'fulfillment_availability.quantity' must be a non-negative integer.", ['INVALID_ATTRIBUTE'], ['fulfillment_availability']),
        );
      }
      const lead = a['lead_time_to_ship_max_days'];
      if (lead !== undefined && (!Number.isInteger(lead) || (lead as number) < 0 || (lead as number) > 30)) {
        issues.push(
          issue(
            '4000005',
            "'fulfillment_availability.lead_time_to_ship_max_days' must be an integer from 0 to 30.",
            ['INVALID_ATTRIBUTE'],
            ['fulfillment_availability'],
          ),
        );
      }
    }
  }
  return issues;
}

/** The ASIN a listing points at, from `merchant_suggested_asin`. */
export function suggestedAsin(attributes: Record<string, unknown>): string | undefined {
  const v = attributes['merchant_suggested_asin'];
  const first = isEntryArray(v) ? v[0]?.['value'] : undefined;
  return typeof first === 'string' ? first : undefined;
}

/**
 * Validates a full listing submission (PUT / feed UPDATE) the way the Listings Items API reports
 * problems: as issues, not HTTP errors. Covers unknown product types, requirement sets, offer-only
 * listings on existing ASINs and gated brands.
 */
export function validateSubmission(seller: SellerState, productType: string, requirements: Requirements, attributes: Record<string, unknown>): ListingIssue[] {
  const issues: ListingIssue[] = [];
  if (!PRODUCT_TYPES.some((p) => p.name === productType)) {
    // Amazon's wording (models#5241); the sandbox adds the type and names the attribute.
    issues.push(issue('4000000', `The Amazon product type specified is invalid or not supported ('${productType}').`, ['INVALID_ATTRIBUTE'], ['product_type']));
  }
  issues.push(...validateAttributeShapes(attributes));
  const has = (name: string) => isEntryArray(attributes[name]) && (attributes[name] as unknown[]).length > 0;
  const asin = suggestedAsin(attributes);
  if (asin !== undefined) {
    const index = indexOfAsin(asin);
    if (index === undefined) {
      issues.push(issue('8541', `The ASIN ${asin} does not exist in the catalog.`, ['INVALID_ATTRIBUTE'], ['merchant_suggested_asin']));
    } else {
      const item = catalogFacts(index);
      if (item.gated && !seller.approvedBrands.has(item.brand)) {
        issues.push(
          issue(
            '5461',
            `You need approval to list products of the brand '${item.brand}'. Apply for approval in Seller Central.`,
            ['QUALIFICATION_REQUIRED'],
            ['merchant_suggested_asin'],
          ),
        );
      }
    }
  }
  const condition = isEntryArray(attributes['condition_type']) ? attributes['condition_type'][0]?.['value'] : undefined;
  if (typeof condition === 'string' && condition.startsWith('new_') && has('condition_note')) {
    // Amazon accepts the offer and ignores the note; the wording is the one sellers report (seed 002).
    issues.push(
      issue(
        '18446',
        'Condition notes are not accepted for products with a new condition type. The condition note was not saved.',
        ['INVALID_ATTRIBUTE'],
        ['condition_note'],
        'WARNING',
      ),
    );
  }
  switch (requirements) {
    case 'LISTING_OFFER_ONLY':
      if (asin === undefined)
        issues.push(issue('90220', "'merchant_suggested_asin' is required but not supplied.", ['MISSING_ATTRIBUTE'], ['merchant_suggested_asin']));
      if (!has('condition_type')) issues.push(issue('90220', "'condition_type' is required but not supplied.", ['MISSING_ATTRIBUTE'], ['condition_type']));
      break;
    case 'LISTING':
      if (!has('condition_type')) issues.push(issue('90220', "'condition_type' is required but not supplied.", ['MISSING_ATTRIBUTE'], ['condition_type']));
      if (!has('item_name') && asin === undefined)
        issues.push(issue('90220', "'item_name' is required but not supplied.", ['MISSING_ATTRIBUTE'], ['item_name']));
      break;
    case 'LISTING_PRODUCT_ONLY':
      if (!has('item_name')) issues.push(issue('90220', "'item_name' is required but not supplied.", ['MISSING_ATTRIBUTE'], ['item_name']));
      break;
  }
  if (requirements !== 'LISTING_PRODUCT_ONLY' && !has('purchasable_offer') && issues.length === 0) {
    issues.push(
      issue('90220', "'purchasable_offer' is recommended: without it the listing is not buyable.", ['MISSING_PRICE'], ['purchasable_offer'], 'WARNING'),
    );
  }
  return issues;
}
