import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Which flow issued a state. */
export type OAuthStateKind = 'WEBSITE' | 'APPSTORE';

/**
 * A single-use OAuth `state`. Only its SHA-256 is stored: a database reader cannot replay it.
 * Website states are bound to tenant + connection; Appstore states carry the seller Amazon named.
 */
@Entity({ name: 'oauth_states' })
@Index('oauth_states_expires_idx', ['expiresAt'])
export class OAuthStateEntity {
  @PrimaryColumn('text')
  stateHash!: string;

  @Column('text')
  kind!: OAuthStateKind;

  @Column('text', { nullable: true })
  tenantId!: string | null;

  @Column('uuid', { nullable: true })
  connectionId!: string | null;

  @Column('text', { nullable: true })
  sellingPartnerId!: string | null;

  @Column('text')
  region!: string;

  @Column('text')
  redirectUri!: string;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
