import { hash32 } from '../core/rng';
import { CATALOG_SIZE, catalogFacts } from './catalog-seed';
import { findMarketplace } from './marketplaces';

/** A listing issue as the Listings Items API reports it. */
export interface ListingIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  categories: string[];
  attributeNames?: string[];
}

/** A seller's listing as Amazon stores it: attributes keyed by name, each an array of values. */
export interface ListingRecord {
  sku: string;
  productType: string;
  requirements: 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';
  attributes: Record<string, unknown[]>;
  asin?: string;
  createdMs: number;
  updatedMs: number;
  issues: ListingIssue[];
}

/** The flat facts one report row and the admin read-back need. */
export interface ListingFacts {
  sku: string;
  asin?: string;
  title: string;
  productType: string;
  /** Price in minor units of the marketplace currency; undefined without an offer. */
  priceMinor?: number;
  currency: string;
  /** Undefined for FBA offers (Amazon leaves the column empty). */
  quantity?: number;
  handlingDays?: number;
  channel: string;
  status: 'Active' | 'Inactive' | 'Incomplete';
  createdMs: number;
  updatedMs: number;
  condition: string;
}

/** SKUs of seeded listings: `SKU-0000001` … (zero-padded so SKU order = seed order). */
export function seededSku(index: number): string {
  return `SKU-${String(index + 1).padStart(7, '0')}`;
}

/** Seed index of a SKU, or undefined if it is not a seeded SKU. */
export function seededIndexOf(sku: string): number | undefined {
  const m = /^SKU-(\d{7})$/.exec(sku);
  return m ? Number(m[1]) - 1 : undefined;
}

/** Fixed epoch of seeded data, so seeded timestamps do not depend on when the sandbox starts. */
export const SEED_EPOCH_MS = Date.UTC(2026, 0, 15, 12, 0, 0);

/**
 * Facts of seeded listing `index` of a seller: a pure function of (seed, index), which is what
 * lets the listings report stream a million rows with flat memory.
 */
export function seededListingFacts(seed: string, index: number, marketplaceId: string): ListingFacts {
  const h = hash32(seed, index);
  const item = catalogFacts((index * 7919 + (h % 1000)) % CATALOG_SIZE);
  const fba = index % 11 === 10;
  const incomplete = index % 53 === 52;
  const quantity = fba ? undefined : index % 13 === 12 ? 0 : h % 40;
  const createdMs = SEED_EPOCH_MS - index * 60_000;
  return {
    sku: seededSku(index),
    asin: item.asin,
    title: item.title,
    productType: item.productType,
    priceMinor: incomplete ? undefined : 499 + (h % 19_500),
    currency: findMarketplace(marketplaceId)?.currency ?? 'USD',
    quantity,
    handlingDays: fba ? undefined : 1 + ((h >>> 20) % 3),
    channel: fba ? 'AMAZON_NA' : 'DEFAULT',
    status: incomplete ? 'Incomplete' : quantity === 0 ? 'Inactive' : 'Active',
    createdMs,
    updatedMs: createdMs + 3_600_000,
    condition: 'new_new',
  };
}

/** Builds the full listing record (attributes) of seeded listing `index`. */
export function seededListingRecord(seed: string, index: number, marketplaceIds: readonly string[]): ListingRecord {
  const facts = seededListingFacts(seed, index, marketplaceIds[0] ?? 'ATVPDKIKX0DER');
  const attributes: Record<string, unknown[]> = {
    item_name: marketplaceIds.map((m) => ({ value: facts.title, language_tag: 'en_US', marketplace_id: m })),
    condition_type: [{ value: facts.condition }],
    merchant_suggested_asin: marketplaceIds.map((m) => ({ value: facts.asin, marketplace_id: m })),
    fulfillment_availability: [
      facts.channel === 'DEFAULT'
        ? { fulfillment_channel_code: 'DEFAULT', quantity: facts.quantity, lead_time_to_ship_max_days: facts.handlingDays }
        : { fulfillment_channel_code: facts.channel },
    ],
  };
  if (facts.priceMinor !== undefined) {
    const price = facts.priceMinor;
    attributes['purchasable_offer'] = marketplaceIds.map((m) => ({
      marketplace_id: m,
      currency: findMarketplace(m)?.currency ?? 'USD',
      audience: 'ALL',
      our_price: [{ schedule: [{ value_with_tax: price / 100 }] }],
    }));
  }
  const issues: ListingIssue[] =
    facts.status === 'Incomplete'
      ? [
          {
            code: '90220',
            message: "'purchasable_offer' is required but not supplied.",
            severity: 'ERROR',
            categories: ['MISSING_ATTRIBUTE'],
            attributeNames: ['purchasable_offer'],
          },
        ]
      : [];
  return {
    sku: facts.sku,
    productType: facts.productType,
    requirements: 'LISTING',
    attributes,
    asin: facts.asin,
    createdMs: facts.createdMs,
    updatedMs: facts.updatedMs,
    issues,
  };
}

function entries(record: ListingRecord, name: string): Array<Record<string, unknown>> {
  const value = record.attributes[name];
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : [];
}

function forMarketplace(list: Array<Record<string, unknown>>, marketplaceId: string): Record<string, unknown> | undefined {
  return list.find((e) => e['marketplace_id'] === marketplaceId) ?? list.find((e) => e['marketplace_id'] === undefined);
}

/** Reads price, quantity, handling time and status of a stored listing for one marketplace. */
export function factsOfRecord(record: ListingRecord, marketplaceId: string): ListingFacts {
  const offer = forMarketplace(entries(record, 'purchasable_offer'), marketplaceId) ?? entries(record, 'purchasable_offer')[0];
  const ourPrice = offer ? (offer['our_price'] as Array<{ schedule?: Array<{ value_with_tax?: unknown }> }> | undefined) : undefined;
  const priceValue = ourPrice?.[0]?.schedule?.[0]?.value_with_tax;
  const availability = entries(record, 'fulfillment_availability')[0];
  const channel = typeof availability?.['fulfillment_channel_code'] === 'string' ? (availability['fulfillment_channel_code'] as string) : 'DEFAULT';
  const quantity = channel === 'DEFAULT' && typeof availability?.['quantity'] === 'number' ? (availability['quantity'] as number) : undefined;
  const handling = typeof availability?.['lead_time_to_ship_max_days'] === 'number' ? (availability['lead_time_to_ship_max_days'] as number) : undefined;
  const title = forMarketplace(entries(record, 'item_name'), marketplaceId)?.['value'];
  const condition = entries(record, 'condition_type')[0]?.['value'];
  const priceMinor = typeof priceValue === 'number' ? Math.round(priceValue * 100) : undefined;
  const hasError = record.issues.some((i) => i.severity === 'ERROR');
  const status = hasError || priceMinor === undefined ? 'Incomplete' : channel === 'DEFAULT' && !quantity ? 'Inactive' : 'Active';
  return {
    sku: record.sku,
    asin: record.asin,
    title: typeof title === 'string' ? title : record.sku,
    productType: record.productType,
    priceMinor,
    currency: typeof offer?.['currency'] === 'string' ? (offer['currency'] as string) : (findMarketplace(marketplaceId)?.currency ?? 'USD'),
    quantity,
    handlingDays: handling,
    channel,
    status,
    createdMs: record.createdMs,
    updatedMs: record.updatedMs,
    condition: typeof condition === 'string' ? condition : 'new_new',
  };
}
