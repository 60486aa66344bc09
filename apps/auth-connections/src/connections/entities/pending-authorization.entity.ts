import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An Appstore-initiated authorization no pending connection was waiting for: the refresh token is
 * kept (encrypted) until a tenant claims it with the one-time claim code shown to the seller, a
 * name and a marketplace.
 */
@Entity({ name: 'pending_authorizations' })
@Index('pending_authorizations_claim_uq', ['claimCodeHash'], { unique: true })
export class PendingAuthorizationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  claimCodeHash!: string;

  @Column('text')
  sellingPartnerId!: string;

  @Column('text')
  region!: string;

  @Column('text')
  lwaClientId!: string;

  @Column('text')
  refreshTokenCiphertext!: string;

  @Column('timestamptz')
  authorizedAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
