import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DesiredProduct, SyncDrift, SyncIssue, SyncedValues } from '../domain/desired-state';

/** Where a SKU's desired values stand on Amazon (write-path.md: PENDING → SUBMITTED → ACCEPTED/FAILED → LIVE, or DRIFTED). */
export type SyncState = 'PENDING' | 'SUBMITTED' | 'ACCEPTED' | 'FAILED' | 'LIVE' | 'DRIFTED';
export const SYNC_STATES: readonly SyncState[] = ['PENDING', 'SUBMITTED', 'ACCEPTED', 'FAILED', 'LIVE', 'DRIFTED'];
/** Who ships: the seller (`DEFAULT`, FBM) or Amazon (`FBA`). */
export type DesiredFulfillmentChannel = 'DEFAULT' | 'FBA';

/**
 * A platform listing offered on a connection, as the platform announced it (`PlatformListingChanged`
 * or the API): the SKU Link Listings matches exactly, the desired state sync and publish push
 * (every desired column null = not managed by the platform, left as it is on Amazon), what Amazon
 * last confirmed for it, and where the latest change stands (`syncState`).
 */
@Entity({ name: 'platform_listings' })
@Index('platform_listings_connection_sku_key', ['connectionId', 'sku'], { unique: true })
// The sync job walks a connection's SKUs of one state in SKU order; GET /listings filters by state.
@Index('platform_listings_sync_state_idx', ['connectionId', 'syncState', 'sku'])
export class PlatformListingEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  connectionId!: string;

  @Column('text')
  sku!: string;

  /** The platform's own id of the listing. */
  @Column('text')
  platformListingId!: string;

  @Column('integer', { nullable: true })
  priceMinor!: number | null;

  @Column('char', { length: 3, nullable: true })
  currency!: string | null;

  @Column('integer', { nullable: true })
  quantity!: number | null;

  @Column('integer', { nullable: true })
  handlingTimeDays!: number | null;

  @Column('text', { nullable: true })
  fulfillmentChannel!: DesiredFulfillmentChannel | null;

  /** False: the platform wants the offer unsellable (quantity 0 goes out); null: not managed. */
  @Column('boolean', { nullable: true })
  active!: boolean | null;

  /** What publish needs to create the offer (sync ignores it). */
  @Column('jsonb', { nullable: true })
  product!: DesiredProduct | null;

  /** Hash of every desired value: a change that hashes the same writes nothing. */
  @Column('text', { nullable: true })
  desiredHash!: string | null;

  /** Bumped on every change of the desired values sync sends: a SKU is sent once per version. */
  @Column('integer', { default: 0 })
  desiredVersion!: number;

  /** Hidden by the seller (`POST /listings/:id/hide`): quantity 0 goes out, `quantity` is what unhide restores. */
  @Column('timestamptz', { nullable: true })
  hiddenAt!: Date | null;

  /** Delisted (`POST /listings/:id/delist`): deleted on Amazon; only sync or publish bring it back. */
  @Column('timestamptz', { nullable: true })
  delistedAt!: Date | null;

  /** What the read-back last saw live on Amazon for this SKU. */
  @Column('jsonb', { nullable: true })
  confirmed!: SyncedValues | null;

  /** Null until the platform manages a value of this SKU. */
  @Column('text', { nullable: true })
  syncState!: SyncState | null;

  /** The desired version `syncState` is about. */
  @Column('integer', { nullable: true })
  syncVersion!: number | null;

  /** Feed (or `patch:<submissionId>` for the fast lane) that carried the change. */
  @Column('text', { nullable: true })
  syncFeedId!: string | null;

  @Column('integer', { nullable: true })
  syncMessageId!: number | null;

  /** Coded reason of FAILED / DRIFTED (`AMAZON_REJECTED`, `NOT_APPLIED`, `DRIFTED`, ...). */
  @Column('text', { nullable: true })
  syncReason!: string | null;

  /** Amazon's issues for the SKU, each with a sentence a seller can act on. */
  @Column('jsonb', { nullable: true })
  syncIssues!: SyncIssue[] | null;

  /** With DRIFTED: the platform's and Amazon's value of each field that differs. */
  @Column('jsonb', { nullable: true })
  syncDrift!: SyncDrift | null;

  /** Sends of this version so far (NOT_APPLIED is retried once). */
  @Column('integer', { default: 0 })
  syncAttempts!: number;

  @Column('timestamptz', { nullable: true })
  syncStateAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  submittedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  liveAt!: Date | null;

  /** Reserved for publish (issue 15): its own state machine next to sync's. */
  @Column('text', { nullable: true })
  publishState!: string | null;

  @Column('jsonb', { nullable: true })
  publishDetail!: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
