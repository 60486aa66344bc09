import type { ListingRestriction } from '@amazon-channel/sp-api';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Amazon's restrictions for one seller account, ASIN and condition (`getListingsRestrictions`
 * has no bulk form): reused for a day, so a publish of many SKUs on one ASIN asks once.
 */
@Entity({ name: 'listing_restriction_checks' })
@Index('listing_restriction_checks_key', ['sellerAccount', 'marketplaceId', 'asin', 'conditionType'], { unique: true })
export class RestrictionCheckEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** `sellingPartnerId:region`: restrictions (brand approvals) are the seller account's. */
  @Column('text')
  sellerAccount!: string;

  @Column('text')
  marketplaceId!: string;

  @Column('text')
  asin!: string;

  @Column('text')
  conditionType!: string;

  @Column('jsonb')
  restrictions!: ListingRestriction[];

  @Column('timestamptz')
  checkedAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
