/**
 * Per-SKU outcomes of publish that stop a SKU, each with a reason a seller can read and the fix.
 * Codes are stable (the platform shows them and filters on them); messages may be reworded.
 */
export type PublishErrorCode =
  | 'MISSING_MAPPING'
  | 'MAPPING_ERROR'
  | 'PRODUCT_ID_REQUIRED_FOR_TYPE'
  | 'PRODUCT_ID_TYPE_REQUIRED'
  | 'INVALID_PRODUCT_ID'
  | 'PRICE_REQUIRED'
  | 'UNKNOWN_CONDITION'
  | 'NO_PRODUCT_DATA'
  | 'PRODUCT_NOT_FOUND'
  | 'AMBIGUOUS_PRODUCT'
  | 'VARIATION_PARENT'
  | 'BRAND_APPROVAL_REQUIRED'
  | 'NOT_ELIGIBLE'
  | 'RESTRICTED'
  | 'AMAZON_REJECTED'
  | 'NOT_LIVE';

/** A candidate ASIN shown with AMBIGUOUS_PRODUCT. */
export interface ProductCandidate {
  asin: string;
  title: string | null;
  brand: string | null;
}

/** Why a SKU was not (or could not be) published. */
export interface PublishError {
  code: PublishErrorCode;
  /** The template field or attribute concerned (`amazon.inventory_product.fulfillment_center_id`), when there is one. */
  field: string | null;
  message: string;
  /** What the seller should do. */
  fix: string;
  /** Amazon's approval page (BRAND_APPROVAL_REQUIRED). */
  approvalUrl?: string;
  /** The ASINs one identifier matched (AMBIGUOUS_PRODUCT). */
  candidates?: ProductCandidate[];
  /** Amazon's issues behind AMAZON_REJECTED / NOT_LIVE (verbatim message, severity, categories). */
  issues?: { code: string; message: string; severity: string; categories: string[] }[];
}

/** A warning that did not stop the SKU (e.g. a condition note left out on a New item). */
export interface PublishWarning {
  code: 'CONDITION_NOTE_DROPPED' | 'QUANTITY_IGNORED_FOR_FBA' | 'AMAZON_WARNING' | 'PRODUCT_TYPE_FALLBACK';
  field: string | null;
  message: string;
}
