import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A listing's place in a variation family: the family (parent) or a buyable variant. */
export type ListingKind = 'PARENT' | 'VARIANT';
/** The platform-side state of a channel listing (seeds: active, paused, hidden, delisted). */
export type ListingStatus = 'ACTIVE' | 'PAUSED' | 'HIDDEN' | 'DELISTED';
/** Whether the channel listing is connected to the Amazon listing with the same SKU. */
export type LinkStatus = 'UNLINKED' | 'LINKED' | 'BROKEN';

/** The values Amazon last confirmed for a listing (report row or Listings Items read). */
export interface ConfirmedValues {
  priceMinor: number | null;
  currency: string | null;
  quantity: number | null;
  fulfillmentChannel: string;
  amazonStatus: string | null;
  /** ISO time of the confirmation. */
  confirmedAt: string;
}

/**
 * A channel listing of one Amazon connection, keyed by SKU. Variants carry the offer (price,
 * quantity); a parent groups variants through `parentSku`. Money is integer minor units + currency.
 */
@Entity({ name: 'channel_listings' })
@Index('channel_listings_connection_sku_key', ['connectionId', 'sku'], { unique: true })
// Cursor pagination walks (updated_at, id) within a tenant's connection.
@Index('channel_listings_page_idx', ['tenantId', 'connectionId', 'updatedAt', 'id'])
export class ChannelListingEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  connectionId!: string;

  @Column('text')
  sku!: string;

  @Column('text', { default: 'VARIANT' })
  kind!: ListingKind;

  /** SKU of the variation family this variant belongs to; null for a parent or a single listing. */
  @Column('text', { nullable: true })
  parentSku!: string | null;

  /** Amazon's listing id (the report's `listing-id`). */
  @Column('text', { nullable: true })
  externalListingId!: string | null;

  @Column('text', { nullable: true })
  asin!: string | null;

  @Column('text', { nullable: true })
  title!: string | null;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('jsonb', { default: [] })
  images!: string[];

  /** Price in integer minor units of `currency`. */
  @Column('integer', { nullable: true })
  priceMinor!: number | null;

  @Column('char', { length: 3, nullable: true })
  currency!: string | null;

  /** Null for FBA listings: Amazon holds the stock. */
  @Column('integer', { nullable: true })
  quantity!: number | null;

  /** `DEFAULT` (merchant-fulfilled) or `AMAZON_<region>` (FBA). */
  @Column('text', { default: 'DEFAULT' })
  fulfillmentChannel!: string;

  /** Amazon product type (Link Listings reads it; `PRODUCT` when Amazon has none). */
  @Column('text', { nullable: true })
  productType!: string | null;

  @Column('text', { default: 'ACTIVE' })
  listingStatus!: ListingStatus;

  @Column('text', { default: 'UNLINKED' })
  linkStatus!: LinkStatus;

  /** The platform listing this channel listing is linked to (exact SKU match). */
  @Column('text', { nullable: true })
  platformListingId!: string | null;

  @Column('jsonb', { nullable: true })
  confirmed!: ConfirmedValues | null;

  /** Hash of the Amazon values last applied: an unchanged row is not written again. */
  @Column('text')
  contentHash!: string;

  @Column('uuid', { nullable: true })
  lastJobId!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
