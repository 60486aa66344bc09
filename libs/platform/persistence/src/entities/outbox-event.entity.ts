import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An event waiting to be published, written in the same transaction as the state change it
 * describes. The relay publishes rows in `sequence` order and stamps `published_at`; rows are
 * never deleted before they are published.
 */
@Entity({ name: 'outbox_events' })
@Index('outbox_events_unpublished_idx', ['sequence'], { where: 'published_at IS NULL' })
export class OutboxEventEntity {
  /** The envelope id: consumers de-duplicate on it. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('bigint')
  @Generated('increment')
  sequence!: string;

  @Column('text')
  topic!: string;

  @Column('text')
  messageKey!: string;

  @Column('text')
  eventType!: string;

  /** The whole envelope, as published. */
  @Column('jsonb')
  payload!: object;

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  @Column('int', { default: 0 })
  attempts!: number;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
