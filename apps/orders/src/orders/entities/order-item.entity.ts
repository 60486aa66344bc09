import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

const bigintNumber = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** One line of an Amazon order, keyed by Amazon's order item id within the order. */
@Entity({ name: 'order_items' })
@Index('order_items_order_item_uq', ['orderId', 'orderItemId'], { unique: true })
export class OrderItemEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  orderId!: string;

  @Column('text')
  orderItemId!: string;

  @Column('text')
  sku!: string;

  @Column('text', { nullable: true })
  asin!: string | null;

  /** SKU or ASIN, per the connection's product-code setting. */
  @Column('text')
  productCode!: string;

  @Column('text', { nullable: true })
  title!: string | null;

  @Column('integer')
  quantityOrdered!: number;

  @Column('integer', { default: 0 })
  quantityCancelled!: number;

  @Column('integer', { default: 0 })
  quantityShipped!: number;

  @Column('bigint', { nullable: true, transformer: bigintNumber })
  unitPriceMinor!: number | null;

  @Column('text', { nullable: true })
  currency!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
