import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One shipping mapping of a connection: the channel shipping text (e.g. `Std US D2D Dom`) and
 * Amazon's ship service level category (`STANDARD`) lead to the platform's shipping policy.
 */
@Entity({ name: 'shipping_mappings' })
@Index('shipping_mappings_category_uq', ['tenantId', 'connectionId', 'serviceLevelCategory'], { unique: true })
export class ShippingMappingEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  connectionId!: string;

  @Column('text')
  channelShippingText!: string;

  /** Orders 2026-01-01 spelling (STANDARD, EXPEDITED, SECOND_DAY, NEXT_DAY, FREE_ECONOMY, ...). */
  @Column('text')
  serviceLevelCategory!: string;

  @Column('text')
  shippingPolicy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
