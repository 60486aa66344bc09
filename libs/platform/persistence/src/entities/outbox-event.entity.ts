import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An event (or a batch of events of one topic) waiting to be published, written in the same
 * transaction as the state change it describes. The relay publishes rows in `sequence` order and
 * stamps `published_at`; rows are never deleted before they are published. The view
 * `outbox_messages` lists every message, batch rows expanded.
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

  /** The whole envelope, as published; for a batch row, `{ batch, firstEventId, lastEventId }`. */
  @Column('jsonb')
  payload!: object;

  /**
   * A batch row's envelopes, one JSON document per line, in order (null for a single event).
   * Imports append thousands of events per transaction: one row and one text value cost a fraction
   * of a row and a jsonb document per event, and the relay sends the lines as they are.
   */
  @Column('text', { nullable: true })
  batchPayloads!: string | null;

  /** How many messages the row holds: 1, or the lines of {@link batchPayloads}. */
  @Column('int', { default: 1 })
  messageCount!: number;

  /** A batch row's message keys, one per line of {@link batchPayloads}. */
  @Column('text', { array: true, nullable: true })
  batchKeys!: string[] | null;

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
