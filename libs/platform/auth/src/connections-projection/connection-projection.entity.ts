import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A connection's status as projected; `DELETED` is kept as a tombstone so a late, older event cannot revive it. */
export type ProjectedConnectionStatus = 'PENDING_AUTHORIZATION' | 'ACTIVE' | 'AUTH_FAILED' | 'REVOKED' | 'DISABLED' | 'DELETED';

/**
 * What this service knows of a connection that auth-connections owns: whose it is and which seller
 * account it reaches. Fed by ConnectionChanged and the rebuild route; read by the tenant check.
 * Each service keeps its own copy in its own schema (no service reads another's tables).
 */
@Entity({ name: 'connections' })
@Index('connections_tenant_idx', ['tenantId'])
export class ConnectionProjectionEntity {
  /** auth-connections' connection id (text: ids are opaque to this side). */
  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  tenantId!: string;

  @Column('text', { nullable: true })
  sellingPartnerId!: string | null;

  @Column('text')
  region!: string;

  @Column('text')
  marketplaceId!: string;

  @Column('text')
  status!: ProjectedConnectionStatus;

  /** The highest revision applied: an older snapshot arriving later changes nothing. */
  @Column('integer')
  revision!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
