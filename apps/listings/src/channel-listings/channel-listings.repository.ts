import { quoteIdent } from '@amazon-channel/platform-persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { HASH_SEPARATOR, type ListingWrite, type WriteMode } from '../import-listings/domain/import-decision';
import type { ChannelLinkState, LinkWrite } from '../link-listings/domain/link-decision';
import { LISTINGS_SCHEMA } from '../service-schema';
import { ChannelListingEntity, type LinkStatus, type ListingStatus } from './entities/channel-listing.entity';

const TABLE = `${quoteIdent(LISTINGS_SCHEMA)}.channel_listings`;

/** A row the batch created or changed, as committed. */
export interface WrittenListing {
  id: string;
  sku: string;
  parentSku: string | null;
  inserted: boolean;
  externalListingId: string | null;
  asin: string | null;
  title: string | null;
  priceMinor: number | null;
  currency: string | null;
  quantity: number | null;
  fulfillmentChannel: string;
  listingStatus: ListingStatus;
}

/** Filters of the listing query. */
export interface ListingFilter {
  connectionId?: string;
  listingStatus?: ListingStatus;
  linkStatus?: LinkStatus;
  /** Publish state of the SKU's platform listing (`PUBLISHED`, `LIVE`, `FAILED`). */
  publishState?: string;
  skuPrefix?: string;
  updatedSince?: Date;
  /** Opaque cursor from the previous page. */
  after?: { updatedAt: string; id: string };
  limit: number;
}

/** Channel listings: batch upserts for imports, tenant-scoped reads for the API. */
@Injectable()
export class ChannelListingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The content hashes stored for these SKUs of a connection (SKUs without a listing are absent).
   * An import drops unchanged rows with it before writing, because an upsert that changes nothing
   * still locks and dirties every row it meets.
   *
   * One index probe per SKU, forced by the LATERAL … LIMIT 1 (a unique key, so LIMIT changes no
   * answer): while a bulk import outruns autovacuum's statistics, `sku = ANY($2)` was planned as a
   * scan of every listing of the connection, filtered — 300 ms per batch at a million listings.
   */
  async storedHashes(manager: EntityManager, connectionId: string, skus: string[]): Promise<Map<string, string | null>> {
    if (skus.length === 0) return new Map();
    const rows: Array<{ sku: string; content_hash: string | null }> = await manager.query(
      `SELECT u.sku, t.content_hash FROM unnest($2::text[]) AS u(sku)
       CROSS JOIN LATERAL (SELECT content_hash FROM ${TABLE} WHERE connection_id = $1 AND sku = u.sku LIMIT 1) t`,
      [connectionId, skus],
    );
    return new Map(rows.map((r) => [r.sku, r.content_hash]));
  }

  /**
   * Creates and (per mode) overwrites listings in one multi-row statement. A row whose content hash
   * equals the stored one is not updated (no new row version, no event), so a write that races
   * another import still changes nothing twice.
   * @returns the rows actually created or changed.
   */
  async upsertBatch(
    manager: EntityManager,
    scope: { tenantId: string; connectionId: string; jobId: string },
    rows: ListingWrite[],
    mode: WriteMode,
  ): Promise<WrittenListing[]> {
    if (rows.length === 0) return [];
    const column = <K extends keyof ListingWrite>(key: K) => rows.map((r) => r[key]);
    // Arrays of plain values bind cheaply; JSON per row would be escaped element by element, so
    // the images travel as one JSON document (picked by position) and `confirmed` is built in SQL.
    const params = [
      column('id'),
      column('sku'),
      column('externalListingId'),
      column('asin'),
      column('title'),
      column('description'),
      JSON.stringify(rows.map((r) => r.images)),
      column('priceMinor'),
      column('currency'),
      column('quantity'),
      column('fulfillmentChannel'),
      column('listingStatus'),
      column('amazonStatus'),
      column('contentHash'),
      scope.tenantId,
      scope.connectionId,
      scope.jobId,
      new Date().toISOString(),
    ];
    const offer = `external_listing_id = EXCLUDED.external_listing_id, asin = EXCLUDED.asin, price_minor = EXCLUDED.price_minor,
        currency = EXCLUDED.currency, quantity = EXCLUDED.quantity, fulfillment_channel = EXCLUDED.fulfillment_channel,
        listing_status = CASE WHEN t.listing_status IN ('PAUSED', 'DELISTED') THEN t.listing_status ELSE EXCLUDED.listing_status END,
        link_status = CASE WHEN t.link_status = 'BROKEN' THEN 'LINKED' ELSE t.link_status END,
        confirmed = EXCLUDED.confirmed, last_job_id = EXCLUDED.last_job_id, updated_at = now()`;
    const product = `, title = EXCLUDED.title, description = EXCLUDED.description, images = EXCLUDED.images`;
    // An offer-only overwrite compares and replaces the offer part of the hash and keeps the stored
    // product part (see import-decision.ts), so the next run in any mode sees the row as unchanged.
    const offerPart = (h: string) => `split_part(${h}, '${HASH_SEPARATOR}', 1)`;
    const conflict =
      mode === 'CREATE_ONLY'
        ? 'DO NOTHING'
        : mode === 'OVERWRITE_ALL'
          ? `DO UPDATE SET ${offer}, content_hash = EXCLUDED.content_hash${product} WHERE t.content_hash IS DISTINCT FROM EXCLUDED.content_hash`
          : `DO UPDATE SET ${offer}, content_hash = ${offerPart('EXCLUDED.content_hash')} || '${HASH_SEPARATOR}' || split_part(t.content_hash, '${HASH_SEPARATOR}', 2)
             WHERE ${offerPart('t.content_hash')} IS DISTINCT FROM ${offerPart('EXCLUDED.content_hash')}`;
    // unnest() binds one array per column: one statement per batch whatever its size.
    const result: Array<Record<string, unknown>> = await manager.query(
      `INSERT INTO ${TABLE} AS t (id, tenant_id, connection_id, sku, kind, external_listing_id, asin, title, description, images,
          price_minor, currency, quantity, fulfillment_channel, listing_status, link_status, confirmed, content_hash, last_job_id)
       SELECT u.id, $15, $16, u.sku, 'VARIANT', u.external_listing_id, u.asin, u.title, u.description, $7::jsonb -> (u.position::int - 1),
          u.price_minor, u.currency, u.quantity, u.fulfillment_channel, u.listing_status, 'LINKED',
          jsonb_build_object('priceMinor', u.price_minor, 'currency', u.currency, 'quantity', u.quantity,
            'fulfillmentChannel', u.fulfillment_channel, 'amazonStatus', u.amazon_status, 'confirmedAt', $18::text),
          u.content_hash, $17
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $8::int[], $9::text[],
                   $10::int[], $11::text[], $12::text[], $13::text[], $14::text[]) WITH ORDINALITY
         AS u(id, sku, external_listing_id, asin, title, description, price_minor, currency, quantity, fulfillment_channel,
              listing_status, amazon_status, content_hash, position)
       ON CONFLICT (connection_id, sku) ${conflict}
       RETURNING t.id, t.sku, t.parent_sku, (t.xmax = 0) AS inserted, t.external_listing_id, t.asin, t.title, t.price_minor,
         t.currency, t.quantity, t.fulfillment_channel, t.listing_status`,
      params,
    );
    return result.map((r) => ({
      id: r['id'] as string,
      sku: r['sku'] as string,
      parentSku: (r['parent_sku'] as string | null) ?? null,
      inserted: r['inserted'] as boolean,
      externalListingId: r['external_listing_id'] as string | null,
      asin: r['asin'] as string | null,
      title: r['title'] as string | null,
      priceMinor: r['price_minor'] as number | null,
      currency: r['currency'] as string | null,
      quantity: r['quantity'] as number | null,
      fulfillmentChannel: r['fulfillment_channel'] as string,
      listingStatus: r['listing_status'] as ListingStatus,
    }));
  }

  /** Sets the platform-side status of listings (e.g. Set New Listings to Paused). */
  async setStatus(manager: EntityManager, ids: string[], status: ListingStatus): Promise<void> {
    await manager.query(`UPDATE ${TABLE} SET listing_status = $2, updated_at = now() WHERE id = ANY($1::uuid[])`, [ids, status]);
  }

  /** Link state of a connection's listings of these SKUs (SKUs without a listing are absent). */
  async linkStates(connectionId: string, skus: string[]): Promise<Map<string, ChannelLinkState>> {
    if (skus.length === 0) return new Map();
    const rows: Array<{ id: string; sku: string; link_status: string; platform_listing_id: string | null; product_type: string | null }> =
      await this.dataSource.query(`SELECT id, sku, link_status, platform_listing_id, product_type FROM ${TABLE} WHERE connection_id = $1 AND sku = ANY($2)`, [
        connectionId,
        skus,
      ]);
    return new Map(
      rows.map((r) => [r.sku, { id: r.id, sku: r.sku, linkStatus: r.link_status, platformListingId: r.platform_listing_id, productType: r.product_type }]),
    );
  }

  /** Writes decided links in the caller's transaction (see link-decision.ts). */
  async applyLinkWrites(manager: EntityManager, scope: { tenantId: string; connectionId: string; jobId: string | null }, writes: LinkWrite[]): Promise<void> {
    for (const write of writes) {
      switch (write.kind) {
        case 'none':
          break;
        case 'break':
          // Only a listing still LINKED breaks: a seller's unlink meanwhile wins.
          await manager.query(`UPDATE ${TABLE} SET link_status = 'BROKEN', updated_at = now() WHERE id = $1 AND link_status = 'LINKED'`, [write.listingId]);
          break;
        case 'link':
          await manager.query(
            `UPDATE ${TABLE} SET link_status = 'LINKED', platform_listing_id = COALESCE($2, platform_listing_id), product_type = $3, asin = COALESCE(asin, $4), updated_at = now() WHERE id = $1`,
            [write.listingId, write.platformListingId, write.productType, write.asin],
          );
          break;
        case 'create':
          // Known from Amazon only through Listings Items: the offer values arrive with the next import or sync.
          await manager.query(
            `INSERT INTO ${TABLE} (id, tenant_id, connection_id, sku, kind, asin, title, product_type, link_status, platform_listing_id, content_hash, last_job_id)
             VALUES ($1, $2, $3, $4, 'VARIANT', $5, $6, $7, 'LINKED', $8, '', $9)`,
            [write.listingId, scope.tenantId, scope.connectionId, write.sku, write.asin, write.title, write.productType, write.platformListingId, scope.jobId],
          );
          break;
      }
    }
  }

  /** Disconnects a listing of the tenant from Amazon's; false when the tenant has no such listing. */
  async unlink(tenantId: string, id: string): Promise<boolean> {
    const { affected } = await this.dataSource
      .getRepository(ChannelListingEntity)
      .update({ id, tenantId }, { linkStatus: 'UNLINKED', platformListingId: null });
    return (affected ?? 0) > 0;
  }

  /** One listing of the tenant. */
  findOne(tenantId: string, id: string): Promise<ChannelListingEntity | null> {
    return this.dataSource.getRepository(ChannelListingEntity).findOneBy({ tenantId, id });
  }

  /** A page of the tenant's listings, oldest change first, walking (updated_at, id). */
  async findPage(tenantId: string, filter: ListingFilter): Promise<ChannelListingEntity[]> {
    const query = this.dataSource.getRepository(ChannelListingEntity).createQueryBuilder('l').where('l.tenant_id = :tenantId', { tenantId });
    if (filter.connectionId) query.andWhere('l.connection_id = :connectionId', { connectionId: filter.connectionId });
    if (filter.listingStatus) query.andWhere('l.listing_status = :listingStatus', { listingStatus: filter.listingStatus });
    if (filter.linkStatus) query.andWhere('l.link_status = :linkStatus', { linkStatus: filter.linkStatus });
    if (filter.publishState) {
      query.andWhere(
        `EXISTS (SELECT 1 FROM ${quoteIdent(LISTINGS_SCHEMA)}.platform_listings p WHERE p.connection_id = l.connection_id AND p.sku = l.sku AND p.publish_state = :publishState)`,
        { publishState: filter.publishState },
      );
    }
    if (filter.skuPrefix) query.andWhere('starts_with(l.sku, :skuPrefix)', { skuPrefix: filter.skuPrefix });
    if (filter.updatedSince) query.andWhere('l.updated_at >= :updatedSince', { updatedSince: filter.updatedSince });
    if (filter.after)
      query.andWhere('(l.updated_at, l.id) > (:afterAt::timestamptz, :afterId::uuid)', { afterAt: filter.after.updatedAt, afterId: filter.after.id });
    return query.orderBy('l.updated_at', 'ASC').addOrderBy('l.id', 'ASC').limit(filter.limit).getMany();
  }
}
