import { MappingIssueCode } from '../errors/mapping-issue';
import type { OperationPolicy } from './operation-policy';
import { dropWithWarning, fieldOf, flagError, hasValue } from './operation-policy';
import { fbaQuantityPolicy } from './fba-quantity-policy';

const PRODUCT_ID = fieldOf('publish', 'product_id');
const PRODUCT_ID_TYPE = fieldOf('publish', 'product_id_type');
const CONDITION_NOTE = fieldOf('publish', 'condition_note');

/**
 * Identifier shapes by type: GS1 lengths for UPC/EAN/GTIN, ISBN-10/13, 10-character ASINs.
 * Amazon also verifies check digits (not confirmed for every type), which we leave to Amazon.
 */
const ID_SHAPES: Readonly<Record<string, { re: RegExp; expected: string }>> = {
  ASIN: { re: /^[0-9A-Za-z]{10}$/, expected: '10 letters or digits' },
  ISBN: { re: /^(?:\d{9}[\dXx]|\d{13})$/, expected: '10 or 13 digits (ISBN-10 may end in X), without hyphens' },
  UPC: { re: /^\d{12}$/, expected: '12 digits' },
  EAN: { re: /^(?:\d{8}|\d{13})$/, expected: '8 or 13 digits' },
  GTIN: { re: /^(?:\d{8}|\d{12,14})$/, expected: '8, 12, 13 or 14 digits' },
};

const fbaQuantity = fbaQuantityPolicy('publish', 'fulfillment_center_id');

/** Publish checks: product id/type pairing and shape, condition notes on New items, FBA quantity. */
export const publishPolicy: OperationPolicy = (out, ctx, trace) => {
  const hasType = hasValue(out, 'product_id_type');
  const hasId = hasValue(out, 'product_id');
  if (hasType && !hasId && !ctx.hasErrorFor('product_id')) {
    flagError(ctx, trace, PRODUCT_ID, MappingIssueCode.PRODUCT_ID_REQUIRED_FOR_TYPE, 'The product ID is required when the Product ID Type is provided');
  } else if (hasId && !hasType && !ctx.hasErrorFor('product_id_type')) {
    flagError(
      ctx,
      trace,
      PRODUCT_ID_TYPE,
      MappingIssueCode.PRODUCT_ID_TYPE_REQUIRED,
      'The Product ID Type is required when a product ID is provided (ASIN, ISBN, UPC, EAN or GTIN)',
    );
  } else if (hasId && hasType) {
    const type = String(out['product_id_type']);
    const id = String(out['product_id']);
    const shape = ID_SHAPES[type];
    if (shape && !shape.re.test(id)) {
      flagError(
        ctx,
        trace,
        PRODUCT_ID,
        MappingIssueCode.PRODUCT_ID_INVALID_FOR_TYPE,
        `The product ID ${JSON.stringify(id)} is not a valid ${type}: expected ${shape.expected}`,
      );
    }
  }
  // Amazon ignores condition notes on New offers; leaving the note out keeps the submission clean.
  // Only new_new is treated as New here: whether open-box/OEM notes are dropped is not confirmed.
  if (out['item_condition'] === 'new_new' && hasValue(out, 'condition_note')) {
    const sku = typeof out['sku'] === 'string' ? ` for SKU "${out['sku']}"` : '';
    dropWithWarning(
      out,
      ctx,
      trace,
      CONDITION_NOTE,
      MappingIssueCode.CONDITION_NOTE_IGNORED_FOR_NEW,
      `Amazon does not take condition notes for items in New condition; the condition note${sku} was left out`,
    );
  }
  fbaQuantity(out, ctx, trace);
};
