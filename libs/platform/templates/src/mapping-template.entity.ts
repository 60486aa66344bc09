import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A connection's saved mapping template for one operation. No row means the libs/mapping default
 * applies; deleting the row goes back to it. Lives in the schema of the service that runs the
 * operation (listings: publish-listings, sync-listings; orders: get-orders; fulfillment: sync-orders).
 */
@Entity({ name: 'mapping_templates' })
@Index('mapping_templates_connection_operation_key', ['connectionId', 'operation'], { unique: true })
export class MappingTemplateEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** The owning tenant, from the connections projection when saved (every read also filters by it). */
  @Column('text')
  tenantId!: string;

  @Column('text')
  connectionId!: string;

  /** Route name of the operation (`sync-listings`, `get-orders`, ...). */
  @Column('text')
  operation!: string;

  /** The template JSON as validated by libs/mapping when it was saved. */
  @Column('jsonb')
  template!: unknown;

  /** 1 on the first save, +1 on each later one: jobs record which version they ran with, editors send it back in `If-Match`. */
  @Column('integer')
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
