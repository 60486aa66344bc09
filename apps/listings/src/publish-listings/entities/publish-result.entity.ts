import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PublishError, PublishWarning } from '../domain/publish-errors';

/**
 * Where one SKU of a publish run stands: READY (preview: every check and Amazon's own preview
 * passed), PLANNED (in a feed not answered yet), PUBLISHED (Amazon accepted it; not live yet),
 * LIVE, FAILED (with the reason and the fix), SKIPPED (already published and no overwrite).
 */
export type PublishResultState = 'READY' | 'PLANNED' | 'PUBLISHED' | 'LIVE' | 'FAILED' | 'SKIPPED';
export const PUBLISH_RESULT_STATES: readonly PublishResultState[] = ['READY', 'PLANNED', 'PUBLISHED', 'LIVE', 'FAILED', 'SKIPPED'];

/** One SKU's result in one publish-listings run (what `GET .../publish-results` lists). */
@Entity({ name: 'publish_results' })
@Index('publish_results_job_sku_key', ['jobId', 'sku'], { unique: true })
export class PublishResultEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  jobId!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  connectionId!: string;

  @Column('text')
  sku!: string;

  @Column('text')
  state!: PublishResultState;

  @Column('text', { nullable: true })
  asin!: string | null;

  @Column('text', { nullable: true })
  productType!: string | null;

  @Column('jsonb', { default: [] })
  errors!: PublishError[];

  @Column('jsonb', { default: [] })
  warnings!: PublishWarning[];

  /** `put:<submissionId>` or `feed:<feedId>`: what carried the offer. */
  @Column('text', { nullable: true })
  submittedVia!: string | null;

  /** The offer as sent or planned (product type + attributes): a resumed run submits exactly what it planned. */
  @Column('jsonb', { nullable: true })
  offer!: { productType: string; attributes: Record<string, unknown> } | null;

  /** Message id of the SKU in its feed. */
  @Column('integer', { nullable: true })
  messageId!: number | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
