import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Per connection get-orders settings; a connection without a row uses the defaults. */
@Entity({ name: 'order_settings' })
export class OrderSettingsEntity {
  @PrimaryColumn('text')
  connectionId!: string;

  @Column('text')
  tenantId!: string;

  /** `SKU` or `ASIN`: what goes into the platform order line's product code. */
  @Column('text', { default: 'SKU' })
  productCode!: 'SKU' | 'ASIN';

  @Column('text', { array: true, default: '{UNSHIPPED,PARTIALLY_SHIPPED}' })
  fulfillmentStatuses!: string[];

  @Column('text', { array: true, default: '{MERCHANT}' })
  fulfilledBy!: string[];

  @Column('integer', { default: 7 })
  createdWithinDays!: number;

  /** Keep PENDING orders as reservations (no PII) until Amazon releases them. */
  @Column('boolean', { default: false })
  keepPendingAsReservations!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
