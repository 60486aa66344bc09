import { gtin14Key, type ProductIdentifierType } from '@amazon-channel/mapping';
import type { CatalogItem } from '@amazon-channel/sp-api';
import type { PublishError } from './publish-errors';

/** What the catalog says about one ASIN (what publish keeps in its per-marketplace cache). */
export interface CatalogMatch {
  asin: string;
  /** The catalog item's product type in the marketplace; null when Amazon gives none. */
  productType: string | null;
  classification: string | null;
  title: string | null;
  brand: string | null;
}

/** How a search identifier is compared with the identifiers a catalog item lists. */
export function identifierKey(type: ProductIdentifierType, value: string): string {
  return type === 'ASIN' ? value.toUpperCase() : type === 'ISBN' ? value : gtin14Key(value);
}

function matchOf(item: CatalogItem, marketplaceId: string): CatalogMatch {
  const summary = item.summaries?.find((s) => s.marketplaceId === marketplaceId) ?? item.summaries?.[0];
  const productType = item.productTypes?.find((p) => p.marketplaceId === marketplaceId)?.productType ?? item.productTypes?.[0]?.productType ?? null;
  return { asin: item.asin, productType, classification: summary?.itemClassification ?? null, title: summary?.itemName ?? null, brand: summary?.brand ?? null };
}

/**
 * Maps a `searchCatalogItems` answer back to the identifiers searched: an item belongs to every
 * searched value its `identifiers` (or, for ASIN searches, its `asin`) contains. Barcodes compare as
 * GTIN-14 (a UPC equals its EAN with a leading 0). Every searched value gets an entry (empty when
 * nothing matched), so "not found" can be cached like a match.
 */
export function matchCatalogAnswer(
  type: ProductIdentifierType,
  searched: readonly string[],
  items: readonly CatalogItem[],
  marketplaceId: string,
): Map<string, CatalogMatch[]> {
  const byKey = new Map<string, string>(searched.map((v) => [identifierKey(type, v), v]));
  const out = new Map<string, CatalogMatch[]>(searched.map((v) => [v, []]));
  for (const item of items) {
    const keys =
      type === 'ASIN'
        ? [item.asin.toUpperCase()]
        : (item.identifiers ?? [])
            .filter((g) => g.marketplaceId === marketplaceId)
            .flatMap((g) => g.identifiers)
            .filter((i) => i.identifierType === type || (type !== 'ISBN' && ['UPC', 'EAN', 'GTIN', 'JAN'].includes(i.identifierType)))
            .map((i) => identifierKey(type, i.identifier));
    for (const key of new Set(keys)) {
      const value = byKey.get(key);
      const list = value === undefined ? undefined : out.get(value);
      if (list && !list.some((m) => m.asin === item.asin)) list.push(matchOf(item, marketplaceId));
    }
  }
  return out;
}

/** The ASIN to offer on and the product type to send, or why there is none. */
export type AsinResolution = { ok: true; asin: string; productType: string } | { ok: false; error: PublishError };

/** Generic product type for offers when the catalog gives none (Amazon staff recommend it for offer attributes). */
export const FALLBACK_PRODUCT_TYPE = 'PRODUCT';

/**
 * Picks the ASIN for one SKU from what the catalog matched its identifier to: exactly one offerable
 * item → that ASIN and its product type; none → PRODUCT_NOT_FOUND; several → AMBIGUOUS_PRODUCT with
 * the candidates (never guessed); only variation parents → VARIATION_PARENT (an offer goes on a
 * child, never on the family).
 */
export function resolveAsin(type: ProductIdentifierType, value: string, matches: readonly CatalogMatch[]): AsinResolution {
  const offerable = matches.filter((m) => m.classification !== 'VARIATION_PARENT');
  const field = 'amazon.inventory_product.product_id';
  if (offerable.length === 1) {
    const [m] = offerable as [CatalogMatch];
    return { ok: true, asin: m.asin, productType: m.productType ?? FALLBACK_PRODUCT_TYPE };
  }
  if (offerable.length > 1) {
    return {
      ok: false,
      error: {
        code: 'AMBIGUOUS_PRODUCT',
        field,
        message: `The ${type} ${value} matches ${offerable.length} Amazon products: ${offerable.map((m) => m.asin).join(', ')}`,
        fix: 'Pick the right product and give the listing its ASIN (Product ID Type ASIN).',
        candidates: offerable.map((m) => ({ asin: m.asin, title: m.title, brand: m.brand })),
      },
    };
  }
  if (matches.length > 0) {
    return {
      ok: false,
      error: {
        code: 'VARIATION_PARENT',
        field,
        message: `The ${type} ${value} is a variation parent (${matches.map((m) => m.asin).join(', ')}); offers go on a specific size or color, never on the family`,
        fix: 'Give the listing the ASIN of the variation (child) it sells.',
      },
    };
  }
  return {
    ok: false,
    error: {
      code: 'PRODUCT_NOT_FOUND',
      field,
      message: `No Amazon product has the ${type} ${value} in this marketplace`,
      fix: 'Check the identifier; publish only offers on products Amazon already has (creating new products is not supported).',
    },
  };
}
