import { ListingLinkBrokenV1, ListingLinkedV1 } from '@amazon-channel/contracts';
import { appendToOutbox, quoteIdent, type PendingEvent } from '@amazon-channel/platform-persistence';
import type { SpApiClient } from '@amazon-channel/sp-api';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { ConnectionAccess } from '../connections/connection-token.provider';
import { LISTINGS_SCHEMA } from '../service-schema';

const LISTINGS = `${quoteIdent(LISTINGS_SCHEMA)}.channel_listings`;
const PLATFORM = `${quoteIdent(LISTINGS_SCHEMA)}.platform_listings`;
/** searchListingsItems takes at most 20 identifiers per call. */
export const LOOKUP_BATCH = 20;
/** Amazon's generic product type, used when a listing reports none. */
export const FALLBACK_PRODUCT_TYPE = 'PRODUCT';

/** What Amazon holds for a SKU, as far as linking needs it. */
export interface AmazonListing {
  asin: string | null;
  productType: string;
  title: string | null;
}

/** Outcome of linking one SKU. */
export type LinkOutcome = 'linked' | 'already_linked' | 'broken' | 'not_on_amazon';

/** Who is linking: a job run or a seller's action (no run). */
export interface LinkScope {
  tenantId: string;
  connectionId: string;
  jobId: string | null;
}

/**
 * Links channel listings to Amazon listings by exact SKU (never by ASIN, GTIN, MPN or UPC) and
 * records the product type Amazon reports (falling back to `PRODUCT`). A SKU that Amazon no longer
 * has turns a LINKED listing BROKEN.
 */
export class ListingLinker {
  /** Looks SKUs up on Amazon, 20 per call; a SKU missing from the map is not on Amazon. */
  async lookup(client: SpApiClient, access: ConnectionAccess, skus: string[], signal?: AbortSignal): Promise<Map<string, AmazonListing>> {
    const found = new Map<string, AmazonListing>();
    for (let start = 0; start < skus.length; start += LOOKUP_BATCH) {
      const identifiers = skus.slice(start, start + LOOKUP_BATCH);
      const { data } = await client.listings.searchListingsItems(
        access.sellingPartnerId,
        { marketplaceIds: [access.marketplaceId], identifiers, identifiersType: 'SKU', includedData: ['summaries'], pageSize: LOOKUP_BATCH },
        { signal },
      );
      for (const item of data.items ?? []) {
        const summary = item.summaries?.find((s) => s.marketplaceId === access.marketplaceId) ?? item.summaries?.[0];
        found.set(item.sku, { asin: summary?.asin ?? null, productType: summary?.productType || FALLBACK_PRODUCT_TYPE, title: summary?.itemName ?? null });
      }
    }
    return found;
  }

  /** Applies lookups for `skus` in the caller's transaction, with their events. */
  async apply(manager: EntityManager, scope: LinkScope, skus: string[], amazon: Map<string, AmazonListing>): Promise<Map<string, LinkOutcome>> {
    const outcomes = new Map<string, LinkOutcome>();
    const channel: Array<{ id: string; sku: string; link_status: string; platform_listing_id: string | null; product_type: string | null }> = await manager.query(
      `SELECT id, sku, link_status, platform_listing_id, product_type FROM ${LISTINGS} WHERE connection_id = $1 AND sku = ANY($2) FOR UPDATE`,
      [scope.connectionId, skus],
    );
    const platform: Array<{ sku: string; platform_listing_id: string }> = await manager.query(
      `SELECT sku, platform_listing_id FROM ${PLATFORM} WHERE connection_id = $1 AND sku = ANY($2)`,
      [scope.connectionId, skus],
    );
    const channelBySku = new Map(channel.map((c) => [c.sku, c]));
    const platformBySku = new Map(platform.map((p) => [p.sku, p.platform_listing_id]));
    const events: PendingEvent[] = [];
    const context = { producer: 'listings', tenantId: scope.tenantId, connectionId: scope.connectionId, correlationId: scope.jobId ?? uuidv7(), causationId: scope.jobId };
    for (const sku of skus) {
      const found = amazon.get(sku);
      const existing = channelBySku.get(sku);
      const platformId = platformBySku.get(sku) ?? null;
      if (!found) {
        if (existing?.link_status === 'LINKED') {
          await manager.query(`UPDATE ${LISTINGS} SET link_status = 'BROKEN', updated_at = now() WHERE id = $1`, [existing.id]);
          events.push({
            definition: ListingLinkBrokenV1,
            data: { connectionId: scope.connectionId, listingId: existing.id, sku, jobRunId: scope.jobId, issues: [{ code: 'NOT_FOUND', message: `SKU ${sku} is no longer on Amazon`, severity: 'ERROR' }] },
            context,
          });
          outcomes.set(sku, 'broken');
        } else {
          outcomes.set(sku, 'not_on_amazon');
        }
        continue;
      }
      if (existing && existing.link_status === 'LINKED' && existing.product_type === found.productType && (platformId === null || existing.platform_listing_id === platformId)) {
        outcomes.set(sku, 'already_linked');
        continue;
      }
      let listingId: string;
      if (existing) {
        listingId = existing.id;
        await manager.query(
          `UPDATE ${LISTINGS} SET link_status = 'LINKED', platform_listing_id = COALESCE($2, platform_listing_id), product_type = $3, asin = COALESCE(asin, $4), updated_at = now() WHERE id = $1`,
          [existing.id, platformId, found.productType, found.asin],
        );
      } else {
        listingId = uuidv7();
        // Known from Amazon only through Listings Items: the offer values arrive with the next import or sync.
        await manager.query(
          `INSERT INTO ${LISTINGS} (id, tenant_id, connection_id, sku, kind, asin, title, product_type, link_status, platform_listing_id, content_hash, last_job_id)
           VALUES ($1, $2, $3, $4, 'VARIANT', $5, $6, $7, 'LINKED', $8, '', $9)`,
          [listingId, scope.tenantId, scope.connectionId, sku, found.asin, found.title, found.productType, platformId, scope.jobId],
        );
      }
      events.push({ definition: ListingLinkedV1, data: { connectionId: scope.connectionId, listingId, sku, jobRunId: scope.jobId, issues: [] }, context });
      outcomes.set(sku, 'linked');
    }
    await appendToOutbox(manager, events);
    return outcomes;
  }
}
