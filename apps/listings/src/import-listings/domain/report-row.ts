import type { ImportSettings } from './import-settings';

/** Why a row was not imported although it was well formed (seeds: "suspect" rows). */
export type SkipReason = 'quantity_empty' | 'quantity_too_high' | 'pending_quantity_empty' | 'pending_quantity_too_high' | 'price_empty';

/** Column names of GET_MERCHANT_LISTINGS_ALL_DATA that the import reads (parsed by name, never position). */
export const COLUMNS = {
  title: 'item-name',
  description: 'item-description',
  listingId: 'listing-id',
  sku: 'seller-sku',
  price: 'price',
  quantity: 'quantity',
  image: 'image-url',
  asin: 'asin1',
  pendingQuantity: 'pending-quantity',
  channel: 'fulfillment-channel',
  status: 'status',
} as const;

/** Columns without which no row can be imported: a report lacking one fails the run. */
export const REQUIRED_COLUMNS = [COLUMNS.sku, COLUMNS.price, COLUMNS.quantity] as const;

/** A listing as one report row describes it. */
export interface ImportedListing {
  sku: string;
  externalListingId: string | null;
  asin: string | null;
  title: string | null;
  description: string | null;
  images: string[];
  priceMinor: number;
  currency: string;
  quantity: number | null;
  fulfillmentChannel: string;
  /** Amazon's own status text (`Active`, `Inactive`, `Incomplete`). */
  amazonStatus: string | null;
  listingStatus: 'ACTIVE' | 'HIDDEN';
}

/** What one data row turned into. */
export type RowOutcome = { kind: 'listing'; listing: ImportedListing } | { kind: 'skipped'; reason: SkipReason } | { kind: 'error'; message: string };

/** Column positions of a report, looked up by header name once. */
export interface ReportHeader {
  width: number;
  /** Column names in file order (to name a bad cell). */
  names: string[];
  index: Record<keyof typeof COLUMNS, number>;
}

/**
 * Reads the header line. Extra and missing optional columns are tolerated (Amazon adds and drops
 * legacy `zshop-*` columns).
 * @returns the header, or the names of missing required columns.
 */
export function parseHeader(cells: string[]): ReportHeader | { missing: string[] } {
  const names = cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
  const index = Object.fromEntries(Object.entries(COLUMNS).map(([key, name]) => [key, names.indexOf(name)])) as ReportHeader['index'];
  const missing = REQUIRED_COLUMNS.filter((name) => !names.includes(name));
  return missing.length > 0 ? { missing } : { width: names.length, names, index };
}

const DECIMAL = /^(\d{1,12})(?:[.,](\d{1,4}))?$/;
const INTEGER = /^\d{1,12}$/;
const CHANNEL = /^(DEFAULT|AMAZON_[A-Z]{2})$/;

const MINOR_DIGITS = new Map<string, number>();

function minorDigits(currency: string): number {
  let digits = MINOR_DIGITS.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    // Building a NumberFormat costs more than parsing a whole row: once per currency.
    MINOR_DIGITS.set(currency, digits);
  }
  return digits;
}

/** Parses a report price into integer minor units; null when it is not a plain decimal number. */
export function parsePriceMinor(text: string, currency: string): number | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const digits = minorDigits(currency);
  const fraction = match[2] ?? '';
  // More decimals than the currency has (e.g. 12.345 USD) cannot be a price Amazon charges.
  if (fraction.replace(/0+$/, '').length > digits) return null;
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0').slice(0, digits) || '0');
  return Number.isSafeInteger(minor) && minor <= 2_147_483_647 ? minor : null;
}

function cell(cells: string[], position: number): string {
  return position < 0 ? '' : (cells[position] ?? '').trim();
}

/**
 * Turns one data row into a listing, a skip with its reason, or an error a seller can act on.
 *
 * FBA rule: rows whose fulfillment channel is `AMAZON_*` have empty `quantity` and
 * `pending-quantity` by design (Amazon holds the stock), so those empties are not suspect; the
 * listing is imported with quantity null and the platform never syncs its quantity. A quantity that
 * is present on an FBA row is still checked against the threshold. Price empty skips every row.
 * When the report has no `pending-quantity` column at all, that check is not applied.
 */
export function classifyRow(cells: string[], header: ReportHeader, settings: Pick<ImportSettings, 'quantityThreshold'>, currency: string): RowOutcome {
  if (cells.length !== header.width) return { kind: 'error', message: `has ${cells.length} columns, the header has ${header.width}` };
  if (cells.some((c) => c.includes('\uFFFD'))) return { kind: 'error', message: 'contains bytes that are not valid in the report charset' };
  const { index } = header;
  const sku = cell(cells, index.sku);
  // PostgreSQL text cannot hold a NUL: written, it would fail the whole batch, not just this row.
  const nul = cells.findIndex((c) => c.includes('\u0000'));
  if (nul >= 0)
    return { kind: 'error', message: `${sku && nul !== index.sku ? `SKU ${sku}: ` : ''}${header.names[nul] ?? `column ${nul + 1}`} contains a NUL byte` };
  if (sku === '') return { kind: 'error', message: 'seller-sku is empty' };
  const channel = cell(cells, index.channel) || 'DEFAULT';
  if (!CHANNEL.test(channel)) return { kind: 'error', message: `SKU ${sku}: fulfillment-channel "${channel}" is neither DEFAULT nor AMAZON_*` };
  const fba = channel !== 'DEFAULT';
  const priceText = cell(cells, index.price);
  const quantityText = cell(cells, index.quantity);
  const pendingText = cell(cells, index.pendingQuantity);
  const priceMinor = priceText === '' ? null : parsePriceMinor(priceText, currency);
  if (priceText !== '' && priceMinor === null) return { kind: 'error', message: `SKU ${sku}: price "${priceText}" is not a number` };
  if (quantityText !== '' && !INTEGER.test(quantityText)) return { kind: 'error', message: `SKU ${sku}: quantity "${quantityText}" is not a whole number` };
  if (pendingText !== '' && !INTEGER.test(pendingText))
    return { kind: 'error', message: `SKU ${sku}: pending-quantity "${pendingText}" is not a whole number` };
  const quantity = quantityText === '' ? null : Number(quantityText);
  if (quantity === null && !fba) return { kind: 'skipped', reason: 'quantity_empty' };
  if (quantity !== null && quantity > settings.quantityThreshold) return { kind: 'skipped', reason: 'quantity_too_high' };
  if (index.pendingQuantity >= 0) {
    if (pendingText === '' && !fba) return { kind: 'skipped', reason: 'pending_quantity_empty' };
    if (pendingText !== '' && Number(pendingText) > settings.quantityThreshold) return { kind: 'skipped', reason: 'pending_quantity_too_high' };
  }
  if (priceMinor === null) return { kind: 'skipped', reason: 'price_empty' };
  const amazonStatus = cell(cells, index.status) || null;
  const image = cell(cells, index.image);
  return {
    kind: 'listing',
    listing: {
      sku,
      externalListingId: cell(cells, index.listingId) || null,
      asin: cell(cells, index.asin) || null,
      title: cell(cells, index.title) || null,
      description: cell(cells, index.description) || null,
      images: image ? [image] : [],
      priceMinor,
      currency,
      quantity,
      fulfillmentChannel: channel,
      amazonStatus,
      // Amazon's Inactive (closed or out of stock) and Incomplete listings are not buyable: hidden.
      listingStatus: amazonStatus === null || amazonStatus.toLowerCase() === 'active' ? 'ACTIVE' : 'HIDDEN',
    },
  };
}
