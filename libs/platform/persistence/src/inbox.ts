import type { DataSource, EntityManager } from 'typeorm';
import { InboxMessageEntity } from './entities/inbox-message.entity';

/** The message identity the inbox records. */
export interface InboxKey {
  consumerGroup: string;
  eventId: string;
  topic: string;
  eventType: string;
}

/**
 * Runs `effect` once per (consumer group, event id): the inbox row and the effect commit in one
 * transaction, so a redelivered message finds the row and does nothing.
 * @returns `applied` when the effect ran, `duplicate` when the message had been applied before.
 */
export async function applyOnce(dataSource: DataSource, key: InboxKey, effect: (manager: EntityManager) => Promise<void>): Promise<'applied' | 'duplicate'> {
  return dataSource.transaction(async (manager) => {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(InboxMessageEntity)
      .values({ consumerGroup: key.consumerGroup, eventId: key.eventId, topic: key.topic, eventType: key.eventType })
      .orIgnore()
      .returning(['event_id'])
      .execute();
    if (inserted.raw.length === 0) return 'duplicate';
    await effect(manager);
    return 'applied';
  });
}
