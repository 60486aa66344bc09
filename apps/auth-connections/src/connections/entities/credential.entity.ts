import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A seller's authorization of our app in one region: the refresh token (AES-256-GCM ciphertext,
 * written and read only through the FieldCipher; the column never holds plaintext).
 */
@Entity({ name: 'credentials' })
@Index('credentials_tenant_seller_region_uq', ['tenantId', 'sellingPartnerId', 'region'], { unique: true })
export class CredentialEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  sellingPartnerId!: string;

  @Column('text')
  region!: string;

  /** LWA client id the token was issued to (a token only works with its app's credentials). */
  @Column('text')
  lwaClientId!: string;

  /** `v1.<keyId>.<iv>.<tag>.<data>`. */
  @Column('text')
  refreshTokenCiphertext!: string;

  @Column('timestamptz')
  authorizedAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
