import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A platform listing offered on a connection, as the platform announced it (`PlatformListingChanged`
 * or the API): the SKU Link Listings matches exactly, and the desired price, quantity and handling
 * time that sync will push.
 */
@Entity({ name: 'platform_listings' })
@Index('platform_listings_connection_sku_key', ['connectionId', 'sku'], { unique: true })
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
