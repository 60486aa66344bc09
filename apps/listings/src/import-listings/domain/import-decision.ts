import { hash } from 'node:crypto';
import type { ImportSettings } from './import-settings';
import type { ImportedListing } from './report-row';

/** How a batch is written: create only, overwrite offer values, or overwrite product data too. */
export type WriteMode = 'CREATE_ONLY' | 'OVERWRITE_OFFER' | 'OVERWRITE_ALL';

/** The write mode a run's settings ask for. */
export function writeModeOf(settings: Pick<ImportSettings, 'mode' | 'overwriteProductData'>): WriteMode {
  if (settings.mode === 'CREATE_ONLY') return 'CREATE_ONLY';
  return settings.overwriteProductData ? 'OVERWRITE_ALL' : 'OVERWRITE_OFFER';
}

/** A well-formed report row waiting to be written, with its line number. */
export interface PendingRow {
  line: number;
  listing: ImportedListing;
}

/** A row that could not be imported, held with its line number and a reason a seller can act on. */
export interface RowError {
  line: number;
  sku: string | null;
  message: string;
}

/** A listing to create or overwrite from Amazon, with its precomputed id (used only when created) and hash. */
export interface ListingWrite extends ImportedListing {
  id: string;
  contentHash: string;
}

/**
 * Separates the offer part from the product part of a stored content hash. An offer-only
 * overwrite compares and rewrites the offer part alone and keeps the stored product part, so a run
 * in any mode finds a row another mode wrote unchanged when Amazon's values are.
 */
export const HASH_SEPARATOR = '.';

const digest = (values: unknown[]): string => hash('sha1', JSON.stringify(values), 'base64url');

/** Hash of the offer values an import writes in every mode (ids, price, quantity, channel, status). */
export function offerHash(listing: ImportedListing): string {
  return digest([
    listing.externalListingId,
    listing.asin,
    listing.priceMinor,
    listing.currency,
    listing.quantity,
    listing.fulfillmentChannel,
    listing.amazonStatus,
  ]);
}

/** Hash of the product data only a create or a full overwrite writes (title, description, images). */
export function productHash(listing: ImportedListing): string {
  return digest([listing.title, listing.description, listing.images]);
}

/**
 * The stored content hash of a listing: `offer.product`. A hash in another shape (written before
 * the split, or '' for a listing Link Listings created) has an offer part that matches nothing, so
 * the first overwrite after it rewrites the row once.
 */
export function contentHash(listing: ImportedListing): string {
  return `${offerHash(listing)}${HASH_SEPARATOR}${productHash(listing)}`;
}

function parts(stored: string): { offer: string; product: string } {
  const at = stored.indexOf(HASH_SEPARATOR);
  return at < 0 ? { offer: stored, product: '' } : { offer: stored.slice(0, at), product: stored.slice(at + 1) };
}

/** What one batch of rows does to the stored listings. */
export interface BatchDecision {
  /** Rows to create or overwrite (new SKUs, and in overwrite modes existing SKUs whose values changed). */
  writes: ListingWrite[];
  /** Existing SKUs that are left as they are. */
  unchanged: number;
  /** Earlier lines of a SKU repeated in the batch: the later line wins. */
  errors: RowError[];
}

/**
 * Decides a batch: which rows create a listing, which overwrite one, which leave it as it is.
 * An unchanged row is unchanged in every mode: Create Only never touches an existing SKU, an
 * offer overwrite only writes a changed offer, a full overwrite a changed offer or product data.
 * @param stored content hashes of the batch's SKUs that already have a listing (null: no hash).
 * @param newId id for a listing the batch creates.
 */
export function decideBatch(rows: PendingRow[], stored: ReadonlyMap<string, string | null>, mode: WriteMode, newId: () => string): BatchDecision {
  // One statement cannot touch a row twice: a SKU repeated within a batch keeps its last line.
  const bySku = new Map<string, PendingRow>();
  const errors: RowError[] = [];
  for (const row of rows) {
    const earlier = bySku.get(row.listing.sku);
    if (earlier)
      errors.push({
        line: earlier.line,
        sku: row.listing.sku,
        message: `Line ${earlier.line}: SKU ${row.listing.sku} appears again on line ${row.line}; the later line was imported`,
      });
    bySku.set(row.listing.sku, row);
  }
  const writes: ListingWrite[] = [];
  let unchanged = 0;
  for (const { listing } of bySku.values()) {
    // Create Only never touches an existing SKU: no hash to compute.
    if (mode === 'CREATE_ONLY' && stored.has(listing.sku)) {
      unchanged++;
      continue;
    }
    const offer = offerHash(listing);
    const product = productHash(listing);
    if (!stored.has(listing.sku)) {
      writes.push({ ...listing, id: newId(), contentHash: `${offer}${HASH_SEPARATOR}${product}` });
      continue;
    }
    const before = parts(stored.get(listing.sku) ?? '');
    const changed = mode === 'OVERWRITE_OFFER' ? before.offer !== offer : before.offer !== offer || before.product !== product;
    if (!changed) {
      unchanged++;
      continue;
    }
    // An offer overwrite leaves the product data, so the stored product part stays.
    writes.push({ ...listing, id: newId(), contentHash: `${offer}${HASH_SEPARATOR}${mode === 'OVERWRITE_OFFER' ? before.product : product}` });
  }
  return { writes, unchanged, errors };
}
