import { appendToOutbox, quoteIdent, type PendingEvent } from '@amazon-channel/platform-persistence';
import { writeJobCheckpoint, type JobContext, type JobProgress } from '@amazon-channel/platform-service';
import type { ListingRestriction } from '@amazon-channel/sp-api';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ChannelListingsRepository } from '../channel-listings/channel-listings.repository';
import type { LinkWrite } from '../link-listings/domain/link-decision';
import { PlatformListingsRepository } from '../link-listings/platform-listings.repository';
import { LISTINGS_SCHEMA } from '../service-schema';
import type { CatalogMatch } from './domain/asin-resolution';
import type { PublishError, PublishWarning } from './domain/publish-errors';
import { PublishResultEntity, type PublishResultState } from './entities/publish-result.entity';

const SCHEMA = quoteIdent(LISTINGS_SCHEMA);

/** One SKU's result as a run writes it. */
export interface PublishResultWrite {
  sku: string;
  state: PublishResultState;
  asin?: string | null;
  productType?: string | null;
  errors?: PublishError[];
  warnings?: PublishWarning[];
  submittedVia?: string | null;
  messageId?: number | null;
  offer?: { productType: string; attributes: Record<string, unknown> } | null;
}

/** What one step of a run commits together. */
export interface PublishStepWrite {
  results: PublishResultWrite[];
  /** Published SKUs: their channel listing becomes LINKED (created when missing), from {@link PublishListingsRepository.planLinks}. */
  links?: LinkWrite[];
  events?: PendingEvent[];
  /** Where publish leaves each SKU on its platform listing (`GET /listings?publishState=`). */
  publishStates?: Array<{ sku: string; state: string; detail: Record<string, unknown> }>;
  checkpoint: { job: JobContext['job']; progress: JobProgress };
}

/** Filter of a run's results page. */
export interface PublishResultFilter {
  state?: PublishResultState;
  afterSku?: string;
  limit: number;
}

/**
 * Publish Listings' tables: the catalog and restriction caches, and each run's per-SKU results.
 * Every step of a run (results, the links of published SKUs, their events, the job checkpoint)
 * commits in one transaction; channel listings are written through {@link ChannelListingsRepository}.
 */
@Injectable()
export class PublishListingsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly listings: ChannelListingsRepository,
    private readonly platformListings: PlatformListingsRepository,
  ) {}

  /** Cached catalog answers of these identifiers in a marketplace (misses are absent). */
  async cachedLookups(marketplaceId: string, identifierType: string, identifiers: string[]): Promise<Map<string, CatalogMatch[]>> {
    if (identifiers.length === 0) return new Map();
    const rows: Array<{ identifier: string; matches: CatalogMatch[] }> = await this.dataSource.query(
      `SELECT identifier, matches FROM ${SCHEMA}.catalog_lookups WHERE marketplace_id = $1 AND identifier_type = $2 AND identifier = ANY($3)`,
      [marketplaceId, identifierType, identifiers],
    );
    return new Map(rows.map((r) => [r.identifier, r.matches]));
  }

  /** Stores catalog answers (a later answer for the same identifier replaces the older). */
  async saveLookups(marketplaceId: string, identifierType: string, answers: Map<string, CatalogMatch[]>): Promise<void> {
    if (answers.size === 0) return;
    const entries = [...answers];
    await this.dataSource.query(
      `INSERT INTO ${SCHEMA}.catalog_lookups (id, marketplace_id, identifier_type, identifier, matches, looked_up_at)
       SELECT u.id, $1, $2, u.identifier, u.matches, now() FROM unnest($3::uuid[], $4::text[], $5::jsonb[]) AS u(id, identifier, matches)
       ON CONFLICT (marketplace_id, identifier_type, identifier) DO UPDATE SET matches = EXCLUDED.matches, looked_up_at = now(), updated_at = now()`,
      [marketplaceId, identifierType, entries.map(() => uuidv7()), entries.map(([k]) => k), entries.map(([, v]) => JSON.stringify(v))],
    );
  }

  /** Restriction answers younger than `maxAgeMs`, keyed `asin|condition`. */
  async cachedRestrictions(
    sellerAccount: string,
    marketplaceId: string,
    keys: Array<{ asin: string; condition: string }>,
    maxAgeMs: number,
  ): Promise<Map<string, ListingRestriction[]>> {
    if (keys.length === 0) return new Map();
    const rows: Array<{ asin: string; condition_type: string; restrictions: ListingRestriction[] }> = await this.dataSource.query(
      `SELECT asin, condition_type, restrictions FROM ${SCHEMA}.listing_restriction_checks
        WHERE seller_account = $1 AND marketplace_id = $2 AND (asin, condition_type) IN (SELECT * FROM unnest($3::text[], $4::text[]))
          AND checked_at > now() - make_interval(secs => $5)`,
      [sellerAccount, marketplaceId, keys.map((k) => k.asin), keys.map((k) => k.condition), maxAgeMs / 1000],
    );
    return new Map(rows.map((r) => [`${r.asin}|${r.condition_type}`, r.restrictions]));
  }

  /** Stores one restriction answer. */
  async saveRestriction(sellerAccount: string, marketplaceId: string, asin: string, condition: string, restrictions: ListingRestriction[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${SCHEMA}.listing_restriction_checks (id, seller_account, marketplace_id, asin, condition_type, restrictions, checked_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (seller_account, marketplace_id, asin, condition_type) DO UPDATE SET restrictions = EXCLUDED.restrictions, checked_at = now(), updated_at = now()`,
      [uuidv7(), sellerAccount, marketplaceId, asin, condition, JSON.stringify(restrictions)],
    );
  }

  /** Results a run already recorded for these SKUs (a resumed run never sends them again). */
  async resultsOf(jobId: string, skus: string[]): Promise<Map<string, PublishResultEntity>> {
    if (skus.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(PublishResultEntity)
      .createQueryBuilder('r')
      .where('r.job_id = :jobId', { jobId })
      .andWhere('r.sku = ANY(:skus)', { skus })
      .getMany();
    return new Map(rows.map((r) => [r.sku, r]));
  }

  /** A run's results in one state, in SKU order. */
  inState(jobId: string, state: PublishResultState, limit: number, afterSku = ''): Promise<PublishResultEntity[]> {
    return this.dataSource
      .getRepository(PublishResultEntity)
      .createQueryBuilder('r')
      .where('r.job_id = :jobId AND r.state = :state AND r.sku > :afterSku', { jobId, state, afterSku })
      .orderBy('r.sku', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Counts of a run's results per state. */
  async countsOf(jobId: string): Promise<Record<string, number>> {
    const rows: Array<{ state: string; n: string }> = await this.dataSource.query(
      `SELECT state, count(*) AS n FROM ${SCHEMA}.publish_results WHERE job_id = $1 GROUP BY state`,
      [jobId],
    );
    return Object.fromEntries(rows.map((r) => [r.state.toLowerCase(), Number(r.n)]));
  }

  /** A page of a run's results (the tenant's runs only). */
  page(tenantId: string, connectionId: string, jobId: string, filter: PublishResultFilter): Promise<PublishResultEntity[]> {
    const q = this.dataSource
      .getRepository(PublishResultEntity)
      .createQueryBuilder('r')
      .where('r.tenant_id = :tenantId AND r.connection_id = :connectionId AND r.job_id = :jobId', { tenantId, connectionId, jobId })
      .andWhere('r.sku > :afterSku', { afterSku: filter.afterSku ?? '' });
    if (filter.state) q.andWhere('r.state = :state', { state: filter.state });
    return q.orderBy('r.sku', 'ASC').limit(filter.limit).getMany();
  }

  /** Channel listing id and link status of these SKUs (SKUs without a channel listing are absent). */
  async channelListings(connectionId: string, skus: string[]): Promise<Map<string, { id: string; linkStatus: string }>> {
    const states = await this.listings.linkStates(connectionId, skus);
    return new Map([...states].map(([sku, s]) => [sku, { id: s.id, linkStatus: s.linkStatus }]));
  }

  /** The link writes that make published SKUs LINKED: an existing channel listing is linked, a missing one created (ids decided here, so events can name them). */
  async planLinks(
    connectionId: string,
    published: Array<{ sku: string; asin: string; productType: string; platformListingId: string | null; title: string | null }>,
  ): Promise<LinkWrite[]> {
    if (published.length === 0) return [];
    const states = await this.listings.linkStates(
      connectionId,
      published.map((p) => p.sku),
    );
    return published.map((p): LinkWrite => {
      const known = states.get(p.sku);
      return known
        ? { kind: 'link', listingId: known.id, sku: p.sku, platformListingId: p.platformListingId, productType: p.productType, asin: p.asin }
        : { kind: 'create', listingId: uuidv7(), sku: p.sku, platformListingId: p.platformListingId, productType: p.productType, asin: p.asin, title: p.title };
    });
  }

  /** Writes a step: results, links of published SKUs, events and the checkpoint, in one transaction. */
  async commitStep(scope: { tenantId: string; connectionId: string; jobId: string }, step: PublishStepWrite): Promise<void> {
    const linkWrites = step.links ?? [];
    await this.dataSource.transaction(async (manager) => {
      for (const r of step.results) {
        await manager.query(
          `INSERT INTO ${SCHEMA}.publish_results (id, job_id, tenant_id, connection_id, sku, state, asin, product_type, errors, warnings, submitted_via, message_id, offer)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (job_id, sku) DO UPDATE SET state = EXCLUDED.state,
             asin = COALESCE(EXCLUDED.asin, publish_results.asin), product_type = COALESCE(EXCLUDED.product_type, publish_results.product_type),
             errors = EXCLUDED.errors, warnings = CASE WHEN EXCLUDED.warnings = '[]'::jsonb THEN publish_results.warnings ELSE EXCLUDED.warnings END,
             submitted_via = COALESCE(EXCLUDED.submitted_via, publish_results.submitted_via), message_id = COALESCE(EXCLUDED.message_id, publish_results.message_id),
             offer = COALESCE(EXCLUDED.offer, publish_results.offer), updated_at = now()`,
          [
            uuidv7(),
            scope.jobId,
            scope.tenantId,
            scope.connectionId,
            r.sku,
            r.state,
            r.asin ?? null,
            r.productType ?? null,
            JSON.stringify(r.errors ?? []),
            JSON.stringify(r.warnings ?? []),
            r.submittedVia ?? null,
            r.messageId ?? null,
            r.offer ? JSON.stringify(r.offer) : null,
          ],
        );
      }
      if (linkWrites.length) await this.listings.applyLinkWrites(manager, scope, linkWrites);
      if (step.events?.length) await appendToOutbox(manager, step.events);
      if (step.publishStates?.length) await this.platformListings.setPublishStates(manager, scope.connectionId, step.publishStates);
      await writeJobCheckpoint(manager, step.checkpoint.job, step.checkpoint.progress, { producer: 'listings' });
    });
  }
}
