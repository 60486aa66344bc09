import type { SellerAccount } from '@amazon-channel/platform-amazon';
import { sellerAccountKey } from '@amazon-channel/platform-amazon';
import type { ProductIdentifierType } from '@amazon-channel/mapping';
import type { ListingRestriction, SpApiClient } from '@amazon-channel/sp-api';
import { matchCatalogAnswer, type CatalogMatch } from './domain/asin-resolution';
import type { PublishListingsRepository } from './publish-listings.repository';

/** Catalog Items takes at most 20 identifiers per search. */
export const CATALOG_BATCH = 20;
/** Restriction answers are reused this long (approvals change rarely; write-path.md §A.6). */
export const RESTRICTION_MAX_AGE_MS = 24 * 3600_000;

/** SP-API calls a run made, by kind (reported in the job's counts and by the benchmark). */
export interface PublishCallCounts {
  catalog_calls: number;
  restriction_calls: number;
  put_calls: number;
  feeds: number;
  landing_calls: number;
}

export const emptyCallCounts = (): PublishCallCounts => ({ catalog_calls: 0, restriction_calls: 0, put_calls: 0, feeds: 0, landing_calls: 0 });

/**
 * Catalog and restriction look-ups behind their caches: an identifier is searched once per
 * marketplace (misses included), 20 per call; restrictions once per seller account, ASIN and
 * condition a day. The rate limiter paces the calls (Catalog 2/s, Restrictions 5/s).
 */
export class PublishLookups {
  constructor(private readonly repo: PublishListingsRepository) {}

  /** Catalog matches of each identifier, keyed `TYPE:value` (the search form). */
  async catalog(
    client: SpApiClient,
    account: SellerAccount,
    searches: Array<{ type: ProductIdentifierType; value: string }>,
    calls: PublishCallCounts,
    signal?: AbortSignal,
  ): Promise<Map<string, CatalogMatch[]>> {
    const out = new Map<string, CatalogMatch[]>();
    const byType = new Map<ProductIdentifierType, Set<string>>();
    for (const s of searches) byType.set(s.type, (byType.get(s.type) ?? new Set()).add(s.value));
    for (const [type, valueSet] of byType) {
      const values = [...valueSet];
      const cached = await this.repo.cachedLookups(account.marketplaceId, type, values);
      for (const [v, m] of cached) out.set(`${type}:${v}`, m);
      const misses = values.filter((v) => !cached.has(v));
      for (let i = 0; i < misses.length; i += CATALOG_BATCH) {
        const chunk = misses.slice(i, i + CATALOG_BATCH);
        const items = [];
        // Duplicated barcodes can make 20 identifiers answer more than one page.
        for await (const page of client.catalog.searchCatalogItemsPages(
          {
            marketplaceIds: [account.marketplaceId],
            identifiers: chunk,
            identifiersType: type,
            includedData: ['summaries', 'identifiers', 'productTypes'],
            pageSize: 20,
          },
          { signal },
        )) {
          calls.catalog_calls++;
          items.push(...page.data.items);
        }
        const answers = matchCatalogAnswer(type, chunk, items, account.marketplaceId);
        await this.repo.saveLookups(account.marketplaceId, type, answers);
        for (const [v, m] of answers) out.set(`${type}:${v}`, m);
      }
    }
    return out;
  }

  /** Restrictions of each ASIN and condition, keyed `asin|condition`. */
  async restrictions(
    client: SpApiClient,
    account: SellerAccount,
    keys: Array<{ asin: string; condition: string }>,
    calls: PublishCallCounts,
    signal?: AbortSignal,
  ): Promise<Map<string, ListingRestriction[]>> {
    const unique = [...new Map(keys.map((k) => [`${k.asin}|${k.condition}`, k])).values()];
    const seller = sellerAccountKey(account);
    const out = await this.repo.cachedRestrictions(seller, account.marketplaceId, unique, RESTRICTION_MAX_AGE_MS);
    for (const k of unique) {
      const key = `${k.asin}|${k.condition}`;
      if (out.has(key)) continue;
      const { data } = await client.restrictions.getListingsRestrictions(
        {
          asin: k.asin,
          sellerId: account.sellingPartnerId,
          marketplaceIds: [account.marketplaceId],
          conditionType: k.condition as never,
          reasonLocale: 'en_US',
        },
        { signal },
      );
      calls.restriction_calls++;
      await this.repo.saveRestriction(seller, account.marketplaceId, k.asin, k.condition, data.restrictions ?? []);
      out.set(key, data.restrictions ?? []);
    }
    return out;
  }
}
