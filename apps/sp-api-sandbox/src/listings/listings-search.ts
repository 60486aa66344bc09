import { decodePageToken, encodePageToken } from '../core/page-token';
import { SandboxError } from '../core/sandbox-error';
import type { CatalogIdentifierType } from '../state/catalog-seed';
import { catalogFacts, indexOfAsin, resolveIdentifier } from '../state/catalog-seed';
import type { ListingRecord } from '../state/listing-model';
import { factsOfRecord } from '../state/listing-model';
import type { SellerState } from '../state/seller-state';

/** Query of searchListingsItems that the page token is bound to. */
export interface ListingSearchQuery {
  marketplaceIds: string[];
  identifiers?: string[];
  identifiersType?: string;
  createdAfter?: number;
  createdBefore?: number;
  lastUpdatedAfter?: number;
  lastUpdatedBefore?: number;
  withIssueSeverity?: string[];
  withStatus?: string[];
  withoutStatus?: string[];
  sortBy: 'sku' | 'createdDate' | 'lastUpdatedDate';
  sortOrder: 'ASC' | 'DESC';
}

/** Amazon lets at most 1,000 results be paged. */
const MAX_RESULTS = 1000;
/** Filtered searches scan at most this many listings (keeps a million-listing seller responsive). */
const MAX_SCAN = 200_000;

function statusesOf(record: ListingRecord, marketplaceId: string): string[] {
  const s = factsOfRecord(record, marketplaceId).status;
  return s === 'Active' ? ['BUYABLE', 'DISCOVERABLE'] : s === 'Inactive' ? ['DISCOVERABLE'] : [];
}

function matchesIdentifier(record: ListingRecord, type: string, ids: string[]): boolean {
  switch (type) {
    case 'SKU':
      return ids.includes(record.sku);
    case 'ASIN':
      return record.asin !== undefined && ids.includes(record.asin);
    default: {
      const index = record.asin ? indexOfAsin(record.asin) : undefined;
      if (index === undefined) return false;
      return (
        ids.some((id) => resolveIdentifier(type as CatalogIdentifierType, id) === index) ||
        (type === 'FNSKU' && ids.includes(`X0${catalogFacts(index).asin.slice(2)}`))
      );
    }
  }
}

/**
 * searchListingsItems over a seller's (partly virtual) listings. Unfiltered queries page straight
 * through the seller's listings in last-updated order; filtered ones scan up to {@link MAX_SCAN}.
 */
export function searchListings(seller: SellerState, q: ListingSearchQuery, pageSize: number, pageToken: string | undefined) {
  const key = JSON.stringify(q);
  let offset = 0;
  if (pageToken) {
    const t = decodePageToken(pageToken, 'pageToken');
    if (t['k'] !== key) throw SandboxError.invalid('pageToken', 'pageToken does not belong to this query.');
    offset = Number(t['o']) || 0;
  }
  const mp = q.marketplaceIds[0] as string;
  const filtered =
    q.identifiers !== undefined ||
    q.createdAfter !== undefined ||
    q.createdBefore !== undefined ||
    q.lastUpdatedAfter !== undefined ||
    q.lastUpdatedBefore !== undefined ||
    q.withIssueSeverity !== undefined ||
    q.withStatus !== undefined ||
    q.withoutStatus !== undefined ||
    q.sortBy !== 'lastUpdatedDate' ||
    q.sortOrder !== 'DESC';

  let total: number;
  let page: ListingRecord[];
  if (!filtered) {
    total = seller.listingCount();
    page = [];
    let i = 0;
    for (const sku of seller.skusByRecency()) {
      if (i >= offset + pageSize) break;
      if (i >= offset) {
        const record = seller.getListing(sku);
        if (record) page.push(record);
      }
      i++;
    }
  } else {
    const hits: ListingRecord[] = [];
    const candidates = q.identifiersType === 'SKU' && q.identifiers ? q.identifiers : seller.skusByRecency();
    let scanned = 0;
    for (const sku of candidates) {
      if (hits.length >= MAX_RESULTS || scanned++ >= MAX_SCAN) break;
      const r = seller.getListing(sku);
      if (!r) continue;
      if (q.identifiers && q.identifiersType && !matchesIdentifier(r, q.identifiersType, q.identifiers)) continue;
      if (q.createdAfter !== undefined && r.createdMs < q.createdAfter) continue;
      if (q.createdBefore !== undefined && r.createdMs > q.createdBefore) continue;
      if (q.lastUpdatedAfter !== undefined && r.updatedMs < q.lastUpdatedAfter) continue;
      if (q.lastUpdatedBefore !== undefined && r.updatedMs > q.lastUpdatedBefore) continue;
      if (q.withIssueSeverity && !r.issues.some((i) => q.withIssueSeverity?.includes(i.severity))) continue;
      const statuses = statusesOf(r, mp);
      if (q.withStatus && !q.withStatus.every((s) => statuses.includes(s))) continue;
      if (q.withoutStatus && q.withoutStatus.some((s) => statuses.includes(s))) continue;
      hits.push(r);
    }
    const dir = q.sortOrder === 'ASC' ? 1 : -1;
    const field = (r: ListingRecord): string | number => (q.sortBy === 'sku' ? r.sku : q.sortBy === 'createdDate' ? r.createdMs : r.updatedMs);
    hits.sort((a, b) => (field(a) < field(b) ? -dir : field(a) > field(b) ? dir : 0));
    total = hits.length;
    page = hits.slice(offset, offset + pageSize);
  }
  const reachable = Math.min(total, MAX_RESULTS);
  return {
    numberOfResults: total,
    page,
    nextToken: offset + pageSize < reachable ? encodePageToken({ k: key, o: offset + pageSize }) : undefined,
    previousToken: offset > 0 ? encodePageToken({ k: key, o: Math.max(0, offset - pageSize) }) : undefined,
  };
}
