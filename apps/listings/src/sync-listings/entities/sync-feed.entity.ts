import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { SentValues } from '../domain/sync-deltas';

/** Where a planned feed is: recorded before each step with Amazon, so a restart neither loses nor doubles it. */
export type SyncFeedStatus = 'PLANNED' | 'UPLOADING' | 'SUBMITTED' | 'DONE' | 'FATAL' | 'CANCELLED' | 'STUCK' | 'REPORTED' | 'LANDED';

/** One message of a planned feed: the SKU, the desired version it carries and the values it sets. */
export interface SyncFeedMessage {
  messageId: number;
  sku: string;
  version: number;
  sent: SentValues;
  deferredQuantity: boolean;
}

/**
 * A JSON_LISTINGS_FEED the sync job planned (intent first: the document and its messages are stored
 * before anything goes to Amazon), then the document id, Amazon's feed id and the outcome.
 */
@Entity({ name: 'sync_feeds' })
@Index('sync_feeds_job_idx', ['jobId', 'seq'], { unique: true })
@Index('sync_feeds_connection_status_idx', ['connectionId', 'status'])
export class SyncFeedEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  connectionId!: string;

  @Column('uuid')
  jobId!: string;

  /** Order of the feed within its run. */
  @Column('integer')
  seq!: number;

  @Column('text')
  status!: SyncFeedStatus;

  @Column('text')
  document!: string;

  @Column('jsonb')
  messages!: SyncFeedMessage[];

  @Column('text', { nullable: true })
  feedDocumentId!: string | null;

  @Column('text', { nullable: true })
  amazonFeedId!: string | null;

  @Column('timestamptz', { nullable: true })
  uploadingAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  submittedAt!: Date | null;

  /** Amazon's processing summary, or the reason the feed did not finish. */
  @Column('jsonb', { nullable: true })
  outcome!: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
