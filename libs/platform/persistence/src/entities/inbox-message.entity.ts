import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A message a consumer group has applied. Inserted in the handler's own transaction, so a
 * redelivered message (at-least-once delivery) finds its row and does nothing.
 */
@Entity({ name: 'inbox_messages' })
export class InboxMessageEntity {
  @PrimaryColumn('text')
  consumerGroup!: string;

  @PrimaryColumn('uuid')
  eventId!: string;

  @Column('text')
  topic!: string;

  @Column('text')
  eventType!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
