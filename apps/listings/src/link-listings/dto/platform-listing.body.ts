import { z } from 'zod';
import { LinkListingsError } from '../link-listings.error';

/** Highest price accepted, in minor units: far above any real offer, well inside the integer column. */
export const MAX_PRICE_MINOR = 1_000_000_000;
/** Highest quantity accepted: the import's own "extremely high" threshold. */
export const MAX_QUANTITY = 999_999;
/** Amazon's longest seller SKU. */
export const MAX_SKU_LENGTH = 40;

/** ISO 4217 codes in use, as the runtime's ICU data knows them (no test or precious-metal codes such as XXX, XAU). */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** Names a missing field as missing rather than as the wrong type. */
const typed = (kind: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be a ${kind}`) });

/** Text without NUL bytes: PostgreSQL text cannot hold them, and no platform value needs one. */
const text = (max: number) =>
  z
    .string(typed('string'))
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => !s.includes('\u0000'), { error: 'must not contain a NUL byte' });

const integer = (min: number, max: number) =>
  z
    .number(typed('number'))
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

/** Money as the platform sends it: integer minor units and an ISO 4217 currency; a price of 0 or less is refused. */
const money = z
  .object({
    amountMinor: integer(1, MAX_PRICE_MINOR),
    currency: z.string(typed('string')).refine((c) => CURRENCIES.has(c), { error: 'must be an ISO 4217 currency code such as USD or EUR' }),
  })
  .strict();

const optionalText = (max: number) => text(max).nullable().default(null);
const digits = (lengths: number[], name: string) =>
  z
    .string(typed('string'))
    .refine((s) => /^[0-9]+$/.test(s) && lengths.includes(s.length), { error: `must be a ${name} of ${lengths.join(' or ')} digits` })
    .nullable()
    .default(null);

/** Product data publish needs (sync ignores it); every field optional. */
const product = z
  .object({
    title: optionalText(500),
    brand: optionalText(100),
    identifiers: z
      .object({
        asin: z
          .string(typed('string'))
          .regex(/^[A-Z0-9]{10}$/, { error: 'must be 10 capital letters or digits' })
          .nullable()
          .default(null),
        upc: digits([12], 'UPC'),
        ean: digits([13], 'EAN'),
        isbn: z
          .string(typed('string'))
          .regex(/^([0-9]{9}[0-9X]|[0-9]{13})$/, { error: 'must be an ISBN-10 or ISBN-13' })
          .nullable()
          .default(null),
        gtin: digits([8, 12, 13, 14], 'GTIN'),
      })
      .strict()
      .default({ asin: null, upc: null, ean: null, isbn: null, gtin: null }),
    condition: optionalText(50),
    conditionNote: optionalText(1000),
    fulfillmentCenterId: optionalText(50),
  })
  .strict();

/** The desired values of a platform listing (all but the id optional; null or absent = not managed). */
const desiredFields = {
  platformListingId: text(200),
  price: money.nullable().default(null),
  quantity: integer(0, MAX_QUANTITY).nullable().default(null),
  handlingTimeDays: integer(0, 30).nullable().default(null),
  fulfillmentChannel: z.enum(['DEFAULT', 'FBA'], { error: 'must be DEFAULT or FBA' }).nullable().default(null),
  active: z.boolean(typed('boolean')).nullable().default(null),
  product: product.nullable().default(null),
};

/** Body of `PUT /connections/:connectionId/platform-listings/:sku` (today's shape, grown additively). */
export const platformListingBody = z.object(desiredFields).strict();

/** Most rows one bulk request takes. */
export const MAX_BULK_ROWS = 10_000;

/** One row of the bulk request: the SKU plus a platform listing body. */
export const platformListingRow = z.object({ sku: text(MAX_SKU_LENGTH), ...desiredFields }).strict();

/** Body of `PUT /connections/:connectionId/platform-listings` (rows are checked one by one, see {@link parsePlatformListingRow}). */
export const bulkPlatformListingsBody = z
  .object({
    rows: z
      .array(z.unknown(), typed('list'))
      .min(1, { error: 'must not be empty' })
      .max(MAX_BULK_ROWS, { error: `must be at most ${MAX_BULK_ROWS} rows` }),
  })
  .strict();

/** Documents a bulk row in OpenAPI. */
export const bulkPlatformListingsDoc = z.object({ rows: z.array(platformListingRow).max(MAX_BULK_ROWS) }).strict();

/** A valid platform listing request. */
export type PlatformListingBody = z.infer<typeof platformListingBody>;

/** One rejected field of a request. */
export interface FieldIssue {
  field: string;
  reason: string;
}

/** A rejected field of a bulk row, with a stable code per kind of problem. */
export interface CodedFieldIssue extends FieldIssue {
  code: 'INVALID_QUANTITY' | 'INVALID_PRICE' | 'CURRENCY_NOT_MARKETPLACE' | 'INVALID_HANDLING_TIME' | 'NUL_BYTE' | 'DUPLICATE_SKU' | 'INVALID_FIELD';
}

function issues(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys')
      return { field: [prefix, path].filter(Boolean).join('.') || 'body', reason: `unknown field(s): ${issue.keys.join(', ')}` };
    return { field: [prefix, path].filter(Boolean).join('.') || 'body', reason: issue.message };
  });
}

/**
 * Parses the SKU of the route and the body of a platform listing.
 * @throws LinkListingsError `INVALID_REQUEST` (400) listing every bad field with its reason.
 */
export function parsePlatformListingRequest(sku: string, body: unknown): PlatformListingBody & { sku: string } {
  const problems: FieldIssue[] = [];
  const skuCheck = text(MAX_SKU_LENGTH).safeParse(sku);
  if (!skuCheck.success) problems.push(...issues(skuCheck.error, 'sku'));
  const parsed = platformListingBody.safeParse(body ?? {});
  if (!parsed.success) problems.push(...issues(parsed.error, ''));
  if (problems.length > 0 || !parsed.success) {
    throw new LinkListingsError('INVALID_REQUEST', `Invalid platform listing: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`, problems);
  }
  return { sku, ...parsed.data };
}

/** The code of a field problem: by field, except NUL bytes, which are their own kind wherever they are. */
export function codeOf(issue: FieldIssue): CodedFieldIssue['code'] {
  if (issue.reason.includes('NUL byte')) return 'NUL_BYTE';
  if (issue.field === 'quantity') return 'INVALID_QUANTITY';
  if (issue.field === 'price.currency' && issue.reason.includes('marketplace')) return 'CURRENCY_NOT_MARKETPLACE';
  if (issue.field.startsWith('price')) return 'INVALID_PRICE';
  if (issue.field === 'handlingTimeDays') return 'INVALID_HANDLING_TIME';
  return 'INVALID_FIELD';
}

/** The marketplace's currency check, which needs the connection: null when the price is fine. */
export function currencyIssue(price: { currency: string } | null, marketplaceCurrency: string | undefined): FieldIssue | null {
  if (!price || !marketplaceCurrency || price.currency === marketplaceCurrency) return null;
  return { field: 'price.currency', reason: `must be the marketplace's currency ${marketplaceCurrency}` };
}

/** A valid bulk row. */
export type PlatformListingRow = z.infer<typeof platformListingRow>;

/** One bulk row: the parsed row, or every bad field with its code. */
export function parsePlatformListingRow(row: unknown): { ok: true; row: PlatformListingRow } | { ok: false; errors: CodedFieldIssue[] } {
  const parsed = platformListingRow.safeParse(row ?? {});
  if (parsed.success) return { ok: true, row: parsed.data };
  return { ok: false, errors: issues(parsed.error, '').map((i) => ({ ...i, code: codeOf(i) })) };
}

/**
 * Parses the envelope of the bulk request (rows are checked one by one afterwards).
 * @throws LinkListingsError `INVALID_REQUEST` (400) when there is no list of 1 to 10,000 rows.
 */
export function parseBulkPlatformListings(body: unknown): unknown[] {
  const parsed = bulkPlatformListingsBody.safeParse(body ?? {});
  if (!parsed.success) {
    const problems = issues(parsed.error, '');
    throw new LinkListingsError('INVALID_REQUEST', `Invalid platform listings: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`, problems);
  }
  return parsed.data.rows;
}
