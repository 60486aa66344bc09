import { appendToOutbox, quoteIdent, type PendingEvent } from '@amazon-channel/platform-persistence';
import { writeJobCheckpoint, type JobEntity, type JobProgress } from '@amazon-channel/platform-service';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { listingSyncEvents, type SyncOutcomeForEvent } from '../channel-listings/listing-events';
import type { SyncIssue, SyncedValues } from '../link-listings/domain/desired-state';
import { LISTINGS_SCHEMA } from '../service-schema';
import type { SyncCandidate } from './domain/sync-deltas';
import { SyncFeedEntity, type SyncFeedMessage, type SyncFeedStatus } from './entities/sync-feed.entity';
import { SyncSettingsEntity, type DriftPolicy } from './entities/sync-settings.entity';

const S = quoteIdent(LISTINGS_SCHEMA);
const PL = `${S}.platform_listings`;
const CL = `${S}.channel_listings`;

/** A pending SKU with what the decision needs. */
export interface PendingSku extends SyncCandidate {
  listingId: string;
}

/** A SKU's new sync state, for one desired version. */
export interface SyncStateChange {
  sku: string;
  version: number;
  state: 'PENDING' | 'ACCEPTED' | 'FAILED' | 'LIVE' | 'DRIFTED';
  reason?: string | null;
  issues?: SyncIssue[] | null;
  drift?: Record<string, unknown> | null;
  /** Values read back from Amazon, stored as `confirmed`. */
  confirmed?: SyncedValues | null;
}

/** Who a change belongs to (the job run, or null for the fast lane and seller actions). */
export interface SyncScope {
  tenantId: string;
  connectionId: string;
  jobId: string | null;
}

/**
 * Sync's writes: `sync_feeds`, `sync_settings`, and the sync columns of `platform_listings` (its
 * desired columns are PlatformListingsRepository's). Every state change is guarded by the desired
 * version it is about: a result for an older version never overwrites a newer change.
 */
@Injectable()
export class SyncStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** PENDING SKUs not yet in a feed, in SKU order after `afterSku`, with Amazon's last known values. */
  async pendingPage(connectionId: string, afterSku: string, limit: number): Promise<PendingSku[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT p.id, p.sku, p.sync_version, p.price_minor, p.currency, p.quantity, p.handling_time_days, p.fulfillment_channel, p.active,
              p.hidden_at IS NOT NULL AS hidden, p.confirmed AS p_confirmed, c.confirmed AS c_confirmed, c.product_type,
              (c.id IS NOT NULL AND c.link_status <> 'BROKEN' AND c.listing_status <> 'DELISTED' AND p.delisted_at IS NULL) AS on_amazon
         FROM ${PL} p LEFT JOIN ${CL} c ON c.connection_id = p.connection_id AND c.sku = p.sku
        WHERE p.connection_id = $1 AND p.sync_state = 'PENDING' AND p.sync_feed_id IS NULL AND p.sku > $2
        ORDER BY p.sku LIMIT $3`,
      [connectionId, afterSku, limit],
    );
    return rows.map((r) => {
      const mine = r['p_confirmed'] as SyncedValues | null;
      const imported = r['c_confirmed'] as { priceMinor: number | null; quantity: number | null; fulfillmentChannel: string } | null;
      return {
        listingId: r['id'] as string,
        sku: r['sku'] as string,
        version: r['sync_version'] as number,
        desired: {
          priceMinor: r['price_minor'] as number | null,
          currency: r['currency'] as string | null,
          quantity: r['quantity'] as number | null,
          handlingTimeDays: r['handling_time_days'] as number | null,
          fulfillmentChannel: r['fulfillment_channel'] as 'DEFAULT' | 'FBA' | null,
          active: r['active'] as boolean | null,
          hidden: r['hidden'] as boolean,
        },
        confirmed: mine
          ? mine
          : imported
            ? { priceMinor: imported.priceMinor, quantity: imported.quantity, handlingTimeDays: null, fulfillmentChannel: imported.fulfillmentChannel }
            : null,
        onAmazon: (r['on_amazon'] as boolean) || mine !== null,
        productType: (r['product_type'] as string | null) ?? 'PRODUCT',
      };
    });
  }

  /** Records a planned feed and ties its SKUs to it (still PENDING), with the job's checkpoint, in one transaction. */
  async planFeed(
    job: Readonly<JobEntity>,
    feed: { seq: number; document: string; messages: SyncFeedMessage[] },
    progress: JobProgress,
  ): Promise<SyncFeedEntity> {
    return this.dataSource.transaction(async (manager) => {
      const row = manager.create(SyncFeedEntity, {
        id: uuidv7(),
        tenantId: job.tenantId,
        connectionId: job.connectionId,
        jobId: job.id,
        seq: feed.seq,
        status: 'PLANNED',
        document: feed.document,
        messages: feed.messages,
        feedDocumentId: null,
        amazonFeedId: null,
        uploadingAt: null,
        submittedAt: null,
        outcome: null,
      });
      await manager.save(SyncFeedEntity, row);
      await manager.query(
        `UPDATE ${PL} p SET sync_feed_id = $2, sync_message_id = m.message_id
           FROM jsonb_to_recordset($3::jsonb) AS m(sku text, version integer, message_id integer)
          WHERE p.connection_id = $1 AND p.sku = m.sku AND p.sync_version = m.version AND p.sync_state = 'PENDING'`,
        [job.connectionId, row.id, JSON.stringify(feed.messages.map((m) => ({ sku: m.sku, version: m.version, message_id: m.messageId })))],
      );
      await writeJobCheckpoint(manager, job, progress, { producer: 'listings' });
      return row;
    });
  }

  /** The run's feeds, in order. */
  feedsOf(jobId: string): Promise<SyncFeedEntity[]> {
    return this.dataSource.manager.find(SyncFeedEntity, { where: { jobId }, order: { seq: 'ASC' } });
  }

  /** Amazon feed ids any sync run already recorded for a connection (to recognise an orphan after a crash). */
  async knownAmazonFeedIds(connectionId: string): Promise<Set<string>> {
    const rows: Array<{ amazon_feed_id: string }> = await this.dataSource.query(
      `SELECT amazon_feed_id FROM ${S}.sync_feeds WHERE connection_id = $1 AND amazon_feed_id IS NOT NULL`,
      [connectionId],
    );
    return new Set(rows.map((r) => r.amazon_feed_id));
  }

  /** Records the upload slot before uploading: the intent a restart checks Amazon against. */
  async markUploading(feed: SyncFeedEntity, feedDocumentId: string): Promise<void> {
    await this.dataSource.manager.update(SyncFeedEntity, { id: feed.id }, { status: 'UPLOADING', feedDocumentId, uploadingAt: new Date() });
    feed.status = 'UPLOADING';
    feed.feedDocumentId = feedDocumentId;
  }

  /** Amazon took the feed: the feed and its SKUs are SUBMITTED (feed id, message id), in one transaction. */
  async markSubmitted(feed: SyncFeedEntity, amazonFeedId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(SyncFeedEntity, { id: feed.id }, { status: 'SUBMITTED', amazonFeedId, submittedAt: new Date() });
      await manager.query(
        `UPDATE ${PL} SET sync_state = 'SUBMITTED', sync_state_at = now(), submitted_at = now(), sync_attempts = sync_attempts + 1
          WHERE connection_id = $1 AND sync_feed_id = $2 AND sync_state = 'PENDING'`,
        [feed.connectionId, feed.id],
      );
    });
    feed.status = 'SUBMITTED';
    feed.amazonFeedId = amazonFeedId;
  }

  /** A feed's new status (and outcome) with the SKU changes it implies and their events, in one transaction. */
  async recordFeedOutcome(
    scope: SyncScope,
    feed: SyncFeedEntity,
    status: SyncFeedStatus,
    outcome: Record<string, unknown> | null,
    changes: SyncStateChange[],
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE ${S}.sync_feeds SET status = $2, outcome = COALESCE($3::jsonb, outcome), updated_at = now() WHERE id = $1`, [
        feed.id,
        status,
        outcome ? JSON.stringify(outcome) : null,
      ]);
      await this.applyChanges(manager, scope, changes);
    });
    feed.status = status;
  }

  /** SKU changes outside a feed (skips, the fast lane, drift), with their events. */
  async recordChanges(scope: SyncScope, changes: SyncStateChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.dataSource.transaction((manager) => this.applyChanges(manager, scope, changes));
  }

  /** Current state and version of SKUs of a connection. */
  async statesOf(
    connectionId: string,
    skus: readonly string[],
  ): Promise<Map<string, { state: string | null; version: number | null; feedId: string | null; attempts: number }>> {
    if (skus.length === 0) return new Map();
    const rows: Array<{ sku: string; sync_state: string | null; sync_version: number | null; sync_feed_id: string | null; sync_attempts: number }> =
      await this.dataSource.query(`SELECT sku, sync_state, sync_version, sync_feed_id, sync_attempts FROM ${PL} WHERE connection_id = $1 AND sku = ANY($2)`, [
        connectionId,
        skus,
      ]);
    return new Map(rows.map((r) => [r.sku, { state: r.sync_state, version: r.sync_version, feedId: r.sync_feed_id, attempts: r.sync_attempts }]));
  }

  /** Feed-level failures (stuck, fatal, cancelled) are sent again by the next run, up to 3 sends per change. */
  async requeueFeedFailures(connectionId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${PL} SET sync_state = 'PENDING', sync_state_at = now(), sync_feed_id = NULL, sync_message_id = NULL
        WHERE connection_id = $1 AND sync_state = 'FAILED' AND sync_reason IN ('FEED_STUCK', 'FEED_FATAL', 'FEED_CANCELLED') AND sync_attempts < 3`,
      [connectionId],
    );
  }

  /** Marks a feed landed (every SKU settled). */
  async markLanded(feed: SyncFeedEntity): Promise<void> {
    await this.dataSource.manager.update(SyncFeedEntity, { id: feed.id }, { status: 'LANDED' });
    feed.status = 'LANDED';
  }

  /** LIVE SKUs of a connection with their effective desired values (for the drift check), in SKU order. */
  async livePage(connectionId: string, afterSku: string, limit: number): Promise<Array<PendingSku & { confirmedLive: SyncedValues | null }>> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id, sku, sync_version, price_minor, currency, quantity, handling_time_days, fulfillment_channel, active, hidden_at IS NOT NULL AS hidden, confirmed
         FROM ${PL} WHERE connection_id = $1 AND sync_state = 'LIVE' AND sku > $2 ORDER BY sku LIMIT $3`,
      [connectionId, afterSku, limit],
    );
    return rows.map((r) => ({
      listingId: r['id'] as string,
      sku: r['sku'] as string,
      version: r['sync_version'] as number,
      desired: {
        priceMinor: r['price_minor'] as number | null,
        currency: r['currency'] as string | null,
        quantity: r['quantity'] as number | null,
        handlingTimeDays: r['handling_time_days'] as number | null,
        fulfillmentChannel: r['fulfillment_channel'] as 'DEFAULT' | 'FBA' | null,
        active: r['active'] as boolean | null,
        hidden: r['hidden'] as boolean,
      },
      confirmed: r['confirmed'] as SyncedValues | null,
      confirmedLive: r['confirmed'] as SyncedValues | null,
      onAmazon: true,
      productType: 'PRODUCT',
    }));
  }

  /** The connection's sync options (defaults when never set). */
  async settings(connectionId: string): Promise<{ driftPolicy: DriftPolicy; hideWhenOutOfStock: boolean }> {
    const row = await this.dataSource.manager.findOneBy(SyncSettingsEntity, { connectionId });
    return { driftPolicy: row?.driftPolicy ?? 'REPORT_ONLY', hideWhenOutOfStock: row?.hideWhenOutOfStock ?? false };
  }

  /** Saves the connection's sync options. */
  async saveSettings(tenantId: string, connectionId: string, settings: { driftPolicy: DriftPolicy; hideWhenOutOfStock: boolean }): Promise<void> {
    await this.dataSource.manager.upsert(SyncSettingsEntity, { connectionId, tenantId, ...settings }, ['connectionId']);
  }

  private async applyChanges(manager: EntityManager, scope: SyncScope, changes: SyncStateChange[]): Promise<void> {
    if (changes.length === 0) return;
    const written: Array<{ id: string; sku: string; state: string; reason: string | null; issues: SyncIssue[] | null; confirmed: SyncedValues | null }> =
      await manager.query(
        `UPDATE ${PL} p SET sync_state = c.state, sync_state_at = now(),
            sync_reason = c.reason, sync_issues = c.issues, sync_drift = c.drift,
            confirmed = COALESCE(c.confirmed, p.confirmed),
            live_at = CASE WHEN c.state = 'LIVE' THEN now() ELSE p.live_at END,
            sync_feed_id = CASE WHEN c.state = 'PENDING' THEN NULL ELSE p.sync_feed_id END,
            sync_message_id = CASE WHEN c.state = 'PENDING' THEN NULL ELSE p.sync_message_id END
           FROM jsonb_to_recordset($2::jsonb) AS c(sku text, version integer, state text, reason text, issues jsonb, drift jsonb, confirmed jsonb)
          WHERE p.connection_id = $1 AND p.sku = c.sku AND p.sync_version = c.version
          RETURNING p.id, p.sku, p.sync_state AS state, p.sync_reason AS reason, p.sync_issues AS issues, p.confirmed`,
        [
          scope.connectionId,
          JSON.stringify(
            changes.map((c) => ({
              sku: c.sku,
              version: c.version,
              state: c.state,
              reason: c.reason ?? null,
              issues: c.issues ?? null,
              drift: c.drift ?? null,
              confirmed: c.confirmed ?? null,
            })),
          ),
        ],
      );
    const outcomes: SyncOutcomeForEvent[] = written.flatMap((w): SyncOutcomeForEvent[] => {
      if (w.state === 'LIVE' && w.confirmed)
        return [
          {
            listingId: w.id,
            sku: w.sku,
            live: {
              priceMinor: w.confirmed.priceMinor,
              currency: w.confirmed.currency,
              quantity: w.confirmed.quantity,
              handlingTimeDays: w.confirmed.handlingTimeDays,
            },
          },
        ];
      if (w.state === 'FAILED' || w.state === 'DRIFTED') {
        const issues = w.issues ?? [];
        return [
          {
            listingId: w.id,
            sku: w.sku,
            failed: {
              reason: w.reason ?? w.state,
              sentence: issues.map((i) => i.sentence).join(' ') || (w.reason ?? w.state),
              issues: issues.map((i) => ({ code: i.code, message: i.message, severity: i.severity })),
            },
          },
        ];
      }
      return [];
    });
    const events: PendingEvent[] = listingSyncEvents(scope, outcomes, uuidv7);
    await appendToOutbox(manager, events);
  }
}
