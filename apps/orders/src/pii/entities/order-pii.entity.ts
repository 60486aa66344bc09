import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The buyer data of an order, every value encrypted with the platform's FieldCipher, in a table of
 * its own so that redaction erases the row (not hides it) and no other query touches it.
 */
@Entity({ name: 'order_pii' })
export class OrderPiiEntity {
  @PrimaryColumn('uuid')
  orderId!: string;

  @Column('text', { nullable: true })
  buyerName!: string | null;

  @Column('text', { nullable: true })
  buyerEmail!: string | null;

  @Column('text', { nullable: true })
  shippingName!: string | null;

  @Column('text', { nullable: true })
  shippingPhone!: string | null;

  /** JSON of company, address lines, city, state, postal code and country, encrypted as one value. */
  @Column('text', { nullable: true })
  shippingAddress!: string | null;

  /**
   * Keyed fingerprint of the normalised address (see AddressFingerprint): tells a re-read whether
   * the address changed without decrypting it; erased with the row. Null before it was recorded.
   */
  @Column('text', { nullable: true })
  shippingAddressFingerprint!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
