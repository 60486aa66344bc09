import {
  CONDITION_TYPES,
  MappingIssueCode,
  validateProductIdentifier,
  type MappingIssue,
  type MappingResult,
  type ProductIdentifierType,
  type PublishMappedRecord,
  type ValidIdentifier,
} from '@amazon-channel/mapping';
import type { PublishError, PublishWarning } from './publish-errors';

/** What an offer needs once every check before sending passed. */
export interface OfferDraft {
  sku: string;
  productId: ValidIdentifier;
  /** Price in minor units of `currency` (> 0). */
  priceMinor: number;
  currency: string;
  /** Null for FBA (Amazon counts the stock) or when not mapped. */
  quantity: number | null;
  handlingTimeDays: number | null;
  condition: (typeof CONDITION_TYPES)[number];
  /** Never set on a new_* condition (Amazon does not take it). */
  conditionNote: string | null;
  /** `DEFAULT` or an `AMAZON_*` code. */
  fulfillmentChannel: string;
}

/** Outcome of the checks before anything is sent. */
export type PresendOutcome = { ok: true; draft: OfferDraft; warnings: PublishWarning[] } | { ok: false; errors: PublishError[]; warnings: PublishWarning[] };

const FIELD = (key: string) => `amazon.inventory_product.${key}`;

const FIX_BY_KEY: Record<string, string> = {
  fulfillment_center_id:
    'Map Fulfillment Center ID in the publish template: DEFAULT for merchant-fulfilled offers, or the AMAZON_* code (AMAZON_NA, AMAZON_EU, ...) for FBA.',
  price: 'Map Price in the publish template to a field that holds the selling price.',
  item_condition: 'Map Item Condition in the publish template (New, Used - Like New, ...).',
  sku: 'Map SKU in the publish template.',
};

function fromMappingError(issue: MappingIssue): PublishError {
  const key = issue.key ?? '';
  const code = issue.code;
  if (code === MappingIssueCode.MISSING_REQUIRED_MAPPING) {
    return { code: 'MISSING_MAPPING', field: issue.field, message: issue.message, fix: FIX_BY_KEY[key] ?? `Map ${issue.field} in the publish template.` };
  }
  if (code === MappingIssueCode.PRODUCT_ID_REQUIRED_FOR_TYPE) {
    return {
      code: 'PRODUCT_ID_REQUIRED_FOR_TYPE',
      field: issue.field,
      message: issue.message,
      fix: 'Give the listing an ASIN or a UPC/EAN/ISBN, or stop mapping Product ID Type for listings that have none.',
    };
  }
  if (code === MappingIssueCode.PRODUCT_ID_TYPE_REQUIRED) {
    return { code: 'PRODUCT_ID_TYPE_REQUIRED', field: issue.field, message: issue.message, fix: 'Map Product ID Type (ASIN, ISBN, UPC, EAN or GTIN).' };
  }
  if (code === MappingIssueCode.PRODUCT_ID_INVALID_FOR_TYPE) {
    return { code: 'INVALID_PRODUCT_ID', field: issue.field, message: issue.message, fix: 'Correct the identifier on the listing, or its Product ID Type.' };
  }
  const missingOrNotAllowed = code === MappingIssueCode.REQUIRED_VALUE_MISSING || code === MappingIssueCode.VALUE_NOT_ALLOWED;
  if (missingOrNotAllowed && key === 'item_condition') {
    return {
      code: 'UNKNOWN_CONDITION',
      field: issue.field,
      message: issue.message,
      fix: "Use a condition Amazon knows, or add it to the template's item-conditions mapping set.",
    };
  }
  if (key === 'price' && (missingOrNotAllowed || code === MappingIssueCode.VALUE_OUT_OF_RANGE || code === MappingIssueCode.INVALID_TYPE)) {
    return { code: 'PRICE_REQUIRED', field: issue.field, message: 'Price is required when publishing', fix: 'Give the listing a price above 0.' };
  }
  return {
    code: 'MAPPING_ERROR',
    field: issue.field,
    message: issue.message,
    fix: FIX_BY_KEY[key] ?? `Fix ${issue.field} on the listing or in the publish template.`,
  };
}

function fromMappingWarning(issue: MappingIssue): PublishWarning | null {
  if (issue.code === MappingIssueCode.CONDITION_NOTE_IGNORED_FOR_NEW) return { code: 'CONDITION_NOTE_DROPPED', field: issue.field, message: issue.message };
  if (issue.code === MappingIssueCode.QUANTITY_IGNORED_FOR_FBA) return { code: 'QUANTITY_IGNORED_FOR_FBA', field: issue.field, message: issue.message };
  return null;
}

/** Minor units of a major-unit price (2 decimals; JPY-style currencies are whole numbers either way here). */
function toMinor(price: number): number {
  return Math.round(price * 100);
}

/**
 * Checks one mapped record before anything is sent: missing mappings (naming the template field),
 * a product id type without an id (and the reverse), identifier check digits and shapes, a price
 * missing or 0, a condition Amazon does not know. A condition note on a New item is left out with a
 * warning (the offer still goes). Every problem is returned at once, so a seller fixes them together.
 */
export function presendCheck(mapped: MappingResult<PublishMappedRecord>, currency: string): PresendOutcome {
  const errors = mapped.errors.map(fromMappingError);
  const warnings = mapped.warnings.map(fromMappingWarning).filter((w): w is PublishWarning => w !== null);
  const v = mapped.value;
  const has = (code: PublishError['code']) => errors.some((e) => e.code === code);

  let productId: ValidIdentifier | null = null;
  if (v.product_id_type && v.product_id && !has('INVALID_PRODUCT_ID')) {
    const checked = validateProductIdentifier(v.product_id_type as ProductIdentifierType, String(v.product_id));
    if (checked.ok) productId = checked;
    else
      errors.push({
        code: 'INVALID_PRODUCT_ID',
        field: FIELD('product_id'),
        message: checked.message,
        fix: 'Correct the identifier on the listing, or its Product ID Type.',
      });
  } else if (!v.product_id && !v.product_id_type && errors.length === 0) {
    errors.push({
      code: 'PRODUCT_ID_REQUIRED_FOR_TYPE',
      field: FIELD('product_id'),
      message: 'A product identifier (ASIN, UPC, EAN, ISBN or GTIN) is required to offer on an existing Amazon product',
      fix: 'Give the listing an ASIN or a barcode, and map Product ID and Product ID Type.',
    });
  }

  const price = typeof v.price === 'number' ? v.price : null;
  if (!has('PRICE_REQUIRED') && (price === null || toMinor(price) <= 0)) {
    errors.push({
      code: 'PRICE_REQUIRED',
      field: FIELD('price'),
      message: price === null ? 'Price is required when publishing' : `The price ${price} is not a selling price; Amazon needs a price above 0`,
      fix: 'Give the listing a price above 0.',
    });
  }

  const condition = v.item_condition as OfferDraft['condition'] | undefined;
  if (condition !== undefined && !(CONDITION_TYPES as readonly string[]).includes(condition) && !has('UNKNOWN_CONDITION')) {
    errors.push({
      code: 'UNKNOWN_CONDITION',
      field: FIELD('item_condition'),
      message: `Amazon does not know the condition "${condition}"`,
      fix: "Use one of Amazon's conditions (new_new, used_like_new, ...).",
    });
  }

  let conditionNote = typeof v.condition_note === 'string' && v.condition_note !== '' ? v.condition_note : null;
  // A custom template may keep the note on any New condition; Amazon ignores it there, so it never goes out.
  if (conditionNote !== null && condition?.startsWith('new_')) {
    conditionNote = null;
    if (!warnings.some((w) => w.code === 'CONDITION_NOTE_DROPPED')) {
      warnings.push({
        code: 'CONDITION_NOTE_DROPPED',
        field: FIELD('condition_note'),
        message: `Amazon does not take condition notes for items in New condition; the condition note for SKU "${String(v.sku)}" was left out`,
      });
    }
  }

  if (errors.length > 0 || !productId || price === null || !condition || !v.sku || !v.fulfillment_center_id) {
    return { ok: false, errors, warnings };
  }
  const fba = String(v.fulfillment_center_id).startsWith('AMAZON_');
  return {
    ok: true,
    warnings,
    draft: {
      sku: String(v.sku),
      productId,
      priceMinor: toMinor(price),
      currency,
      quantity: fba || typeof v.quantity !== 'number' ? null : v.quantity,
      handlingTimeDays: typeof v.handling_time === 'number' ? v.handling_time : null,
      condition,
      conditionNote,
      fulfillmentChannel: String(v.fulfillment_center_id),
    },
  };
}
