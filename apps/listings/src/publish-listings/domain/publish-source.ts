/**
 * The platform's desired record of a SKU as publish reads it (the desired-state model of the sync
 * issue: price, stock, handling time, channel, and the product facts publish needs), and the source
 * record the publish mapping template is evaluated on.
 */
export interface PublishCandidate {
  sku: string;
  price: { amountMinor: number; currency: string } | null;
  quantity: number | null;
  handlingTimeDays: number | null;
  fulfillmentChannel: 'DEFAULT' | 'FBA' | null;
  product: {
    title: string | null;
    brand: string | null;
    identifiers: { asin: string | null; upc: string | null; ean: string | null; isbn: string | null; gtin: string | null };
    condition: string | null;
    conditionNote: string | null;
    fulfillmentCenterId: string | null;
  } | null;
}

/** Minor units per major unit (ISO 4217 exponents of the marketplace currencies that differ from 2). */
const ZERO_DECIMAL = new Set(['JPY']);

/** Major-unit amount (what templates and Amazon's `value_with_tax` use). */
export function majorUnits(amountMinor: number, currency: string): number {
  return ZERO_DECIMAL.has(currency) ? amountMinor : amountMinor / 100;
}

/**
 * The record the publish template reads: the default template's names (`sku`, `asin`, `upc`,
 * `price` in major units, `condition`, `conditionNote`, `fulfillmentChannel`, ...) plus the other
 * identifiers and the fulfillment center for custom templates. Empty values are left out, so
 * "is empty" rules (If no ASIN use UPC) see them as empty.
 */
export function publishSourceRecord(c: PublishCandidate): Record<string, unknown> {
  const p = c.product;
  const channel = c.fulfillmentChannel === 'FBA' ? (p?.fulfillmentCenterId ?? 'AMAZON') : c.fulfillmentChannel;
  const entries: [string, unknown][] = [
    ['sku', c.sku],
    ['title', p?.title],
    ['brand', p?.brand],
    ['asin', p?.identifiers.asin],
    ['upc', p?.identifiers.upc],
    ['ean', p?.identifiers.ean],
    ['isbn', p?.identifiers.isbn],
    ['gtin', p?.identifiers.gtin],
    ['price', c.price ? majorUnits(c.price.amountMinor, c.price.currency) : null],
    ['currency', c.price?.currency],
    ['quantity', c.quantity],
    ['handlingTime', c.handlingTimeDays],
    ['condition', p?.condition],
    ['conditionNote', p?.conditionNote],
    ['fulfillmentChannel', channel],
    ['fulfillmentCenterId', p?.fulfillmentCenterId],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== null && v !== undefined && v !== ''));
}
