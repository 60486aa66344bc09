import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** What happened to an order's buyer data. */
export type PiiAuditAction = 'READ' | 'REDACTED';

/** Who read or erased an order's buyer data, and when. Holds ids only, never the data. */
@Entity({ name: 'pii_audit' })
@Index('pii_audit_order_idx', ['orderId', 'createdAt'])
export class PiiAuditEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  tenantId!: string;

  @Column('uuid')
  orderId!: string;

  @Column('text')
  amazonOrderId!: string;

  @Column('text')
  action!: PiiAuditAction;

  /** The token subject, or `pii-redaction` for the retention job. */
  @Column('text')
  actor!: string;

  /** The purpose given by the caller (free text, must not contain PII) or the retention rule. */
  @Column('text', { nullable: true })
  purpose!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
