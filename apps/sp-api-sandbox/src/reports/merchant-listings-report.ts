import { Readable } from 'node:stream';
import { encode } from 'iconv-lite';
import type { ListingFacts } from '../state/listing-model';

/** The 29 columns of GET_MERCHANT_LISTINGS_ALL_DATA, in Amazon's order (SP-API digest §6.1). */
export const MERCHANT_LISTINGS_COLUMNS = [
  'item-name',
  'item-description',
  'listing-id',
  'seller-sku',
  'price',
  'quantity',
  'open-date',
  'image-url',
  'item-is-marketplace',
  'product-id-type',
  'zshop-shipping-fee',
  'item-note',
  'item-condition',
  'zshop-category1',
  'zshop-browse-path',
  'zshop-storefront-feature',
  'asin1',
  'asin2',
  'asin3',
  'will-ship-internationally',
  'expedited-shipping',
  'zshop-boldface',
  'product-id',
  'bid-for-featured-placement',
  'add-delete',
  'pending-quantity',
  'fulfillment-channel',
  'merchant-shipping-group',
  'status',
] as const;

/** Condition codes used in the report's item-condition column (11 = New; not confirmed by Amazon docs). */
const CONDITION_CODES: Record<string, string> = {
  new_new: '11',
  used_like_new: '1',
  used_very_good: '2',
  used_good: '3',
  used_acceptable: '4',
  refurbished: '10',
};

function clean(value: string): string {
  return value.replace(/[\t\r\n]+/g, ' ');
}

/** `open-date` is a local date-time with a zone abbreviation, not ISO 8601 (as Amazon writes it). */
function openDate(ms: number): string {
  const d = new Date(ms - 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} PST`;
}

function listingId(facts: ListingFacts): string {
  return `${(facts.createdMs / 1000).toString(36).toUpperCase()}${facts.sku.length.toString(36)}`.padStart(11, '0').slice(-11);
}

/** One TSV row for a listing (without the newline). */
export function merchantListingRow(f: ListingFacts): string {
  const fba = f.channel !== 'DEFAULT';
  const cols = [
    clean(f.title),
    '',
    listingId(f),
    clean(f.sku),
    f.priceMinor === undefined ? '' : (f.priceMinor / 100).toFixed(2),
    fba || f.quantity === undefined ? '' : String(f.quantity),
    openDate(f.createdMs),
    '',
    'y',
    f.asin ? '1' : '',
    '',
    '',
    CONDITION_CODES[f.condition] ?? '11',
    '',
    '',
    '',
    f.asin ?? '',
    '',
    '',
    '',
    '',
    '',
    f.asin ?? '',
    '',
    '',
    fba ? '' : '0',
    f.channel,
    'Migrated Template',
    f.status,
  ];
  return cols.join('\t');
}

/**
 * Streams the report: rows are pulled from the listing iterator only when the consumer reads, a
 * ~64 KiB chunk at a time, and encoded to the marketplace charset, so memory stays flat however
 * many rows there are.
 */
export function merchantListingsStream(rows: Iterator<ListingFacts>, charset: string): Readable {
  let headerSent = false;
  let done = false;
  return new Readable({
    highWaterMark: 64 * 1024,
    read() {
      if (done) return;
      let chunk = '';
      if (!headerSent) {
        chunk += `${MERCHANT_LISTINGS_COLUMNS.join('\t')}\n`;
        headerSent = true;
      }
      while (chunk.length < 60_000) {
        const next = rows.next();
        if (next.done) {
          done = true;
          break;
        }
        chunk += `${merchantListingRow(next.value)}\n`;
      }
      if (chunk.length > 0) this.push(encode(chunk, charset));
      if (done) this.push(null);
    },
  });
}
