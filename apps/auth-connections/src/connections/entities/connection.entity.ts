import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Lifecycle of a connection (see domain/connection-status.ts for the allowed moves). */
export type ConnectionStatus = 'PENDING_AUTHORIZATION' | 'ACTIVE' | 'AUTH_FAILED' | 'REVOKED' | 'DISABLED';

/** Outcome of the last "Test connection". */
export type ConnectionTestOutcome = 'PASSED' | 'FAILED';

/**
 * One tenant's Amazon connection: a marketplace of a seller account. Several connections of one
 * seller and region share a {@link CredentialEntity} (one authorization, many marketplaces).
 */
@Entity({ name: 'connections' })
@Index('connections_tenant_idx', ['tenantId', 'createdAt'])
@Index('connections_credential_idx', ['credentialId'])
export class ConnectionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  marketplaceId!: string;

  @Column('text')
  region!: string;

  /** Expected before authorization (if the user typed it), confirmed by Amazon after. */
  @Column('text', { nullable: true })
  sellingPartnerId!: string | null;

  @Column('text')
  status!: ConnectionStatus;

  /** Why the status is what it is (Amazon's refusal, who disabled it), never a secret. */
  @Column('text', { nullable: true })
  statusReason!: string | null;

  @Column('uuid', { nullable: true })
  credentialId!: string | null;

  @Column('timestamptz', { nullable: true })
  authorizedAt!: Date | null;

  /** Amazon asks sellers to re-authorize public apps every 365 days. */
  @Column('timestamptz', { nullable: true })
  reauthorizationDueAt!: Date | null;

  /** When ConnectionReauthorizationDue was emitted for the current authorization. */
  @Column('timestamptz', { nullable: true })
  reauthorizationNotifiedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  lastTestedAt!: Date | null;

  @Column('text', { nullable: true })
  lastTestOutcome!: ConnectionTestOutcome | null;

  @Column('text', { nullable: true })
  lastTestMessage!: string | null;

  /** Grows with every announced change (ConnectionChanged): other services keep the highest they saw. */
  @Column('integer', { default: 1 })
  revision!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
