import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A platform source (supplier) and whether it has the "Compliance with Amazon Services Business
 * Solutions Agreement" flag on; only compliant sources may receive Amazon orders.
 */
@Entity({ name: 'sources' })
export class SourceEntity {
  @PrimaryColumn('text')
  tenantId!: string;

  @PrimaryColumn('text')
  sourceId!: string;

  @Column('text')
  name!: string;

  @Column('boolean', { default: false })
  amazonCompliant!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
