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

/** Money as the platform sends it: integer minor units and an ISO 4217 currency. */
const money = z
  .object({
    amountMinor: integer(0, MAX_PRICE_MINOR),
    currency: z.string(typed('string')).refine((c) => CURRENCIES.has(c), { error: 'must be an ISO 4217 currency code such as USD or EUR' }),
  })
  .strict();

/** Body of `PUT /connections/:connectionId/platform-listings/:sku` (unchanged shape; values now bounded). */
export const platformListingBody = z
  .object({
    platformListingId: text(200),
    price: money.nullable().default(null),
    quantity: integer(0, MAX_QUANTITY).nullable().default(null),
    handlingTimeDays: integer(0, 30).nullable().default(null),
  })
  .strict();

/** A valid platform listing request. */
export type PlatformListingBody = z.infer<typeof platformListingBody>;

/** One rejected field of a request. */
export interface FieldIssue {
  field: string;
  reason: string;
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
