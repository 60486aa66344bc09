import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Per connection: how far get-orders has read Amazon's order changes (`lastUpdatedBefore` of the last complete run). */
@Entity({ name: 'order_sync_state' })
export class OrderSyncStateEntity {
  @PrimaryColumn('text')
  connectionId!: string;

  @Column('text')
  tenantId!: string;

  /** Everything Amazon changed before this instant has been read. */
  @Column('timestamptz')
  readUntil!: Date;

  @Column('timestamptz')
  lastRunAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
