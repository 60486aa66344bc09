import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** What sync does when Seller Central changed a value it manages. */
export type DriftPolicy = 'REPORT_ONLY' | 'RESTORE';

/** A connection's sync options. */
@Entity({ name: 'sync_settings' })
export class SyncSettingsEntity {
  @PrimaryColumn('text')
  connectionId!: string;

  @Column('text')
  tenantId!: string;

  @Column('text', { default: 'REPORT_ONLY' })
  driftPolicy!: DriftPolicy;

  /** "Hide products when out of stock": a desired quantity of 0 hides the listing (fast lane). */
  @Column('boolean', { default: false })
  hideWhenOutOfStock!: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
