import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An Amazon order that get-orders saw and deliberately did not import (status filtered out,
 * created outside the window, fulfilled by Amazon...): the answer to "why is my order not here".
 */
@Entity({ name: 'order_skips' })
export class OrderSkipEntity {
  @PrimaryColumn('text')
  connectionId!: string;

  @PrimaryColumn('text')
  amazonOrderId!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  reason!: string;

  @Column('text')
  detail!: string;

  @Column('text', { nullable: true })
  amazonStatus!: string | null;

  @Column('timestamptz')
  seenAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
