import type { Money } from '@amazon-channel/contracts';
import { quoteIdent } from '@amazon-channel/platform-persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { LISTINGS_SCHEMA } from '../service-schema';
import { desiredStateHash, managesSyncValues, type DesiredProduct, type DesiredState } from './domain/desired-state';

const TABLE = `${quoteIdent(LISTINGS_SCHEMA)}.platform_listings`;

/** The platform's view of a SKU on a connection (fields added after v1 optional: absent = null, not managed). */
export interface PlatformListingInput {
  tenantId: string;
  connectionId: string;
  sku: string;
  platformListingId: string;
  price: Money | null;
  quantity: number | null;
  handlingTimeDays: number | null;
  fulfillmentChannel?: DesiredState['fulfillmentChannel'];
  active?: boolean | null;
  product?: DesiredProduct | null;
}

/** What a save did to one SKU: `CHANGED` (created or desired state changed; sync queued when it manages sync values) or `UNCHANGED`. */
export interface SavedListing {
  sku: string;
  outcome: 'CREATED' | 'CHANGED' | 'UNCHANGED';
  /** The desired version now pending for sync, when the change concerns sync. */
  pendingVersion: number | null;
  /** The effective quantity sync will send (0 when hidden or inactive), for the fast lane. */
  effectiveQuantity: number | null;
}

/** Platform listings: what the platform sells on each connection, by SKU. The only writer of `platform_listings`. */
@Injectable()
export class PlatformListingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates or replaces the platform's listing of a SKU (the HTTP route; a consumer passes its inbox transaction); an unchanged desired state writes nothing. */
  async save(input: PlatformListingInput, tx: EntityManager = this.dataSource.manager): Promise<SavedListing> {
    const [saved] = await this.upsert(tx, input.tenantId, input.connectionId, [input]);
    return saved as SavedListing;
  }

  /** Saves many SKUs of one connection in one statement (the bulk route; SKUs must be distinct). */
  saveMany(tenantId: string, connectionId: string, inputs: readonly Omit<PlatformListingInput, 'tenantId' | 'connectionId'>[]): Promise<SavedListing[]> {
    return this.upsert(this.dataSource.manager, tenantId, connectionId, inputs);
  }

  /** The platform listing ids of these SKUs of a connection (SKUs the platform does not sell are absent). */
  async idsBySku(connectionId: string, skus: string[]): Promise<Map<string, string>> {
    if (skus.length === 0) return new Map();
    const rows: Array<{ sku: string; platform_listing_id: string }> = await this.dataSource.query(
      `SELECT sku, platform_listing_id FROM ${TABLE} WHERE connection_id = $1 AND sku = ANY($2)`,
      [connectionId, skus],
    );
    return new Map(rows.map((r) => [r.sku, r.platform_listing_id]));
  }

  /** Desired records of these SKUs as publish reads them (SKUs the platform never described are absent). */
  async desiredForPublish(
    connectionId: string,
    skus: string[],
  ): Promise<
    Array<{
      id: string;
      sku: string;
      platform_listing_id: string;
      price_minor: number | null;
      currency: string | null;
      quantity: number | null;
      handling_time_days: number | null;
      fulfillment_channel: 'DEFAULT' | 'FBA' | null;
      product: DesiredProduct | null;
    }>
  > {
    if (skus.length === 0) return [];
    return this.dataSource.query(
      `SELECT id, sku, platform_listing_id, price_minor, currency, quantity, handling_time_days, fulfillment_channel, product
         FROM ${TABLE} WHERE connection_id = $1 AND sku = ANY($2)`,
      [connectionId, skus],
    );
  }

  /** Records where publish left SKUs (`PUBLISHED`, `LIVE`, `FAILED` with the run and reasons), in the caller's transaction. */
  async setPublishStates(
    manager: EntityManager,
    connectionId: string,
    states: Array<{ sku: string; state: string; detail: Record<string, unknown> }>,
  ): Promise<void> {
    if (states.length === 0) return;
    await manager.query(
      `UPDATE ${TABLE} AS t SET publish_state = s.state, publish_detail = s.detail, updated_at = now()
         FROM jsonb_to_recordset($2::jsonb) AS s(sku text, state text, detail jsonb)
        WHERE t.connection_id = $1 AND t.sku = s.sku`,
      [connectionId, JSON.stringify(states)],
    );
  }

  /**
   * One INSERT … ON CONFLICT for every row: rows whose desired hash is unchanged are left alone
   * (nothing written, nothing queued). A change of a value sync sends bumps `desired_version` and
   * makes the SKU PENDING again with a clean slate (reason, issues, drift, attempts); a change of
   * the product data or the platform id alone leaves the sync state as it is.
   */
  private async upsert(
    manager: EntityManager,
    tenantId: string,
    connectionId: string,
    inputs: readonly Omit<PlatformListingInput, 'tenantId' | 'connectionId'>[],
  ): Promise<SavedListing[]> {
    if (inputs.length === 0) return [];
    const rows = inputs.map((input) => {
      const state: DesiredState = {
        platformListingId: input.platformListingId,
        price: input.price,
        quantity: input.quantity,
        handlingTimeDays: input.handlingTimeDays,
        fulfillmentChannel: input.fulfillmentChannel ?? null,
        active: input.active ?? null,
        product: input.product ?? null,
      };
      return {
        id: uuidv7(),
        sku: input.sku,
        platform_listing_id: state.platformListingId,
        price_minor: state.price?.amountMinor ?? null,
        currency: state.price?.currency ?? null,
        quantity: state.quantity,
        handling_time_days: state.handlingTimeDays,
        fulfillment_channel: state.fulfillmentChannel,
        active: state.active,
        product: state.product,
        desired_hash: desiredStateHash(state),
        manages: managesSyncValues(state),
      };
    });
    const syncValues = (table: string) =>
      `(${table}.price_minor, ${table}.currency, ${table}.quantity, ${table}.handling_time_days, ${table}.fulfillment_channel, ${table}.active)`;
    const changed = `${syncValues('t')} IS DISTINCT FROM ${syncValues('EXCLUDED')}`;
    const written: Array<{
      sku: string;
      inserted: boolean;
      sync_state: string | null;
      sync_version: number | null;
      quantity: number | null;
      active: boolean | null;
      hidden: boolean;
    }> = await manager.query(
      `INSERT INTO ${TABLE} AS t (id, tenant_id, connection_id, sku, platform_listing_id, price_minor, currency, quantity, handling_time_days,
           fulfillment_channel, active, product, desired_hash, desired_version, sync_state, sync_version, sync_state_at)
         SELECT r.id, $1, $2, r.sku, r.platform_listing_id, r.price_minor, r.currency, r.quantity, r.handling_time_days, r.fulfillment_channel,
           r.active, r.product, r.desired_hash, 1, CASE WHEN r.manages THEN 'PENDING' END, CASE WHEN r.manages THEN 1 END, CASE WHEN r.manages THEN now() END
         FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, sku text, platform_listing_id text, price_minor integer, currency text, quantity integer,
           handling_time_days integer, fulfillment_channel text, active boolean, product jsonb, desired_hash text, manages boolean)
         ON CONFLICT (connection_id, sku) DO UPDATE SET
           platform_listing_id = EXCLUDED.platform_listing_id, price_minor = EXCLUDED.price_minor, currency = EXCLUDED.currency,
           quantity = EXCLUDED.quantity, handling_time_days = EXCLUDED.handling_time_days, fulfillment_channel = EXCLUDED.fulfillment_channel,
           active = EXCLUDED.active, product = EXCLUDED.product, desired_hash = EXCLUDED.desired_hash,
           desired_version = CASE WHEN ${changed} THEN t.desired_version + 1 ELSE t.desired_version END,
           sync_state = CASE WHEN ${changed} THEN EXCLUDED.sync_state ELSE t.sync_state END,
           sync_version = CASE WHEN ${changed} THEN t.desired_version + 1 ELSE t.sync_version END,
           sync_state_at = CASE WHEN ${changed} THEN now() ELSE t.sync_state_at END,
           sync_reason = CASE WHEN ${changed} THEN NULL ELSE t.sync_reason END,
           sync_issues = CASE WHEN ${changed} THEN NULL ELSE t.sync_issues END,
           sync_drift = CASE WHEN ${changed} THEN NULL ELSE t.sync_drift END,
           sync_attempts = CASE WHEN ${changed} THEN 0 ELSE t.sync_attempts END,
           sync_feed_id = CASE WHEN ${changed} THEN NULL ELSE t.sync_feed_id END,
           sync_message_id = CASE WHEN ${changed} THEN NULL ELSE t.sync_message_id END,
           updated_at = now()
         WHERE t.desired_hash IS DISTINCT FROM EXCLUDED.desired_hash
         RETURNING t.sku, (t.xmax = 0) AS inserted, t.sync_state, t.sync_version, t.quantity, t.active, (t.hidden_at IS NOT NULL) AS hidden`,
      [tenantId, connectionId, JSON.stringify(rows)],
    );
    const bySku = new Map(written.map((w) => [w.sku, w]));
    return inputs.map((input) => {
      const w = bySku.get(input.sku);
      if (!w) return { sku: input.sku, outcome: 'UNCHANGED', pendingVersion: null, effectiveQuantity: null };
      const effectiveQuantity = w.hidden || w.active === false ? 0 : w.quantity;
      return {
        sku: input.sku,
        outcome: w.inserted ? 'CREATED' : 'CHANGED',
        pendingVersion: w.sync_state === 'PENDING' ? w.sync_version : null,
        effectiveQuantity,
      };
    });
  }
}
