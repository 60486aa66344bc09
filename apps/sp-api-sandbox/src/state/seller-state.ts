import type { ListingFacts, ListingRecord } from './listing-model';
import { factsOfRecord, seededIndexOf, seededListingFacts, seededListingRecord } from './listing-model';
import type { Region } from './marketplaces';
import type { OrderRecord } from './order-model';

/** What the admin API needs to create a seller. */
export interface SellerSpec {
  sellingPartnerId: string;
  region: Region;
  marketplaceIds: string[];
  storeName?: string;
  seed?: string;
  listingCount?: number;
  orderCount?: number;
}

/**
 * One selling account. Seeded listings are virtual (derived from seed + index on demand); only
 * listings changed through the API are stored, in `overrides` (null = deleted), which keeps a
 * million-listing seller cheap.
 */
export class SellerState {
  readonly overrides = new Map<string, ListingRecord | null>();
  readonly orders = new Map<string, OrderRecord>();
  /** Orders generated so far (index of the next generated order). */
  orderSeq = 0;
  /** Brands this seller is approved for (gated brands reject others). */
  readonly approvedBrands = new Set<string>();

  constructor(
    readonly sellingPartnerId: string,
    readonly region: Region,
    readonly marketplaceIds: string[],
    readonly storeName: string,
    readonly seed: string,
    readonly seededListingCount: number,
  ) {}

  /** The current listing for a SKU, or undefined when the seller has none. */
  getListing(sku: string): ListingRecord | undefined {
    if (this.overrides.has(sku)) return this.overrides.get(sku) ?? undefined;
    const index = seededIndexOf(sku);
    if (index === undefined || index >= this.seededListingCount) return undefined;
    return seededListingRecord(this.seed, index, this.marketplaceIds);
  }

  putListing(record: ListingRecord): void {
    this.overrides.set(record.sku, record);
  }

  deleteListing(sku: string): void {
    this.overrides.set(sku, null);
  }

  /** Number of listings the seller currently has. */
  listingCount(): number {
    let count = this.seededListingCount;
    for (const [sku, record] of this.overrides) {
      const seeded = (seededIndexOf(sku) ?? Infinity) < this.seededListingCount;
      if (seeded && record === null) count--;
      if (!seeded && record !== null) count++;
    }
    return count;
  }

  /** A point-in-time view of the changed listings (records are replaced on write, never mutated). */
  snapshot(): ReadonlyMap<string, ListingRecord | null> {
    return new Map(this.overrides);
  }

  /**
   * Every listing's facts for one marketplace, one at a time: the report generator pulls from
   * this lazily so memory stays flat whatever the count. `overrides` defaults to the live state;
   * reports pass the {@link snapshot} taken when they were requested.
   */
  *listingFacts(marketplaceId: string, overrides: ReadonlyMap<string, ListingRecord | null> = this.overrides): Generator<ListingFacts> {
    for (let i = 0; i < this.seededListingCount; i++) {
      if (overrides.size > 0) {
        const sku = `SKU-${String(i + 1).padStart(7, '0')}`;
        if (overrides.has(sku)) {
          const record = overrides.get(sku);
          if (record) yield factsOfRecord(record, marketplaceId);
          continue;
        }
      }
      yield seededListingFacts(this.seed, i, marketplaceId);
    }
    for (const [sku, record] of overrides) {
      if (record && (seededIndexOf(sku) ?? Infinity) >= this.seededListingCount) yield factsOfRecord(record, marketplaceId);
    }
  }

  /** SKUs in the order `searchListingsItems` pages them by default (most recently updated first). */
  *skusByRecency(): Generator<string> {
    const changed = [...this.overrides.entries()]
      .filter((e): e is [string, ListingRecord] => e[1] !== null)
      .sort((a, b) => b[1].updatedMs - a[1].updatedMs)
      .map(([sku]) => sku);
    yield* changed;
    // Seeded listings were last updated in index order, newest first.
    for (let i = 0; i < this.seededListingCount; i++) {
      const sku = `SKU-${String(i + 1).padStart(7, '0')}`;
      if (!this.overrides.has(sku)) yield sku;
    }
  }
}
