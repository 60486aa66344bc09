import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Where an Amazon order stands in the platform: `IMPORTED` (announced with OrderImported), `HELD`
 * (kept with a reason, never dropped; released when the reason goes away), `RESERVED` (a PENDING
 * order kept as a reservation without PII, promoted when Amazon moves it to UNSHIPPED) or
 * `CANCELLED` (cancelled at Amazon while held or reserved: never imported, never announced).
 */
export type OrderState = 'IMPORTED' | 'HELD' | 'RESERVED' | 'CANCELLED';

/**
 * An Amazon order of one seller account. Its identity is the seller account (selling partner id +
 * region) and the AmazonOrderId: two connections of one seller (US and CA on one authorization)
 * can never hold the same order twice. Rows stored before the seller account was recorded have
 * null there and are matched by `(connectionId, amazonOrderId)`, which stays unique.
 */
@Entity({ name: 'orders' })
@Index('orders_connection_amazon_order_uq', ['connectionId', 'amazonOrderId'], { unique: true })
@Index('orders_seller_amazon_order_uq', ['sellingPartnerId', 'region', 'amazonOrderId'], { unique: true })
@Index('orders_tenant_purchased_idx', ['tenantId', 'purchasedAt'])
@Index('orders_redaction_idx', ['connectionId', 'shippedAt'], { where: 'pii_redacted_at IS NULL' })
export class OrderEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  connectionId!: string;

  @Column('text')
  amazonOrderId!: string;

  /** The seller account the order belongs to (from the connection's access grant); null on rows stored before it was recorded. */
  @Column('text', { nullable: true })
  sellingPartnerId!: string | null;

  /** SP-API region of the seller account (NA, EU, FE). */
  @Column('text', { nullable: true })
  region!: string | null;

  @Column('text')
  marketplaceId!: string;

  /** Amazon's fulfillment status (Orders 2026-01-01 spelling). */
  @Column('text')
  amazonStatus!: string;

  @Column('text')
  state!: OrderState;

  /** Why the order is held (`MISSING_SHIPPING_MAPPING`, `UNKNOWN_MARKETPLACE`, `INVALID_TEXT`, `ABSURD_PRICE`, ...). */
  @Column('text', { nullable: true })
  holdReason!: string | null;

  @Column('text', { nullable: true })
  holdDetail!: string | null;

  @Column('text', { nullable: true })
  fulfilledBy!: string | null;

  /** Amazon's ship service level category (STANDARD, EXPEDITED, ...). */
  @Column('text', { nullable: true })
  serviceLevel!: string | null;

  /** The shipping text the template produced (matched against the shipping mappings). */
  @Column('text', { nullable: true })
  shippingText!: string | null;

  /** The platform shipping policy from the connection's shipping mapping. */
  @Column('text', { nullable: true })
  shippingPolicy!: string | null;

  @Column('timestamptz')
  purchasedAt!: Date;

  /** Amazon's lastUpdatedTime of the version stored: an older read never overwrites a newer one. */
  @Column('timestamptz')
  amazonUpdatedAt!: Date;

  @Column('bigint', { nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  totalMinor!: number | null;

  @Column('text', { nullable: true })
  currency!: string | null;

  @Column('timestamptz', { nullable: true })
  shipBy!: Date | null;

  /** When OrderImported was emitted; null while held or reserved. */
  @Column('timestamptz', { nullable: true })
  importedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  shippedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  piiRedactedAt!: Date | null;

  /** The compliant source the order was routed to. */
  @Column('text', { nullable: true })
  routedSourceId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
