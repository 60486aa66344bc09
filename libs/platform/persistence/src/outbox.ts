import { createEnvelope, type EnvelopeContext, type EventDefinition } from '@amazon-channel/contracts';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { OutboxEventEntity } from './entities/outbox-event.entity';

/** One event to append: its definition, its data and the envelope context. */
export interface PendingEvent<TSchema extends z.ZodType = z.ZodType> {
  definition: EventDefinition<TSchema>;
  data: z.infer<TSchema>;
  context: EnvelopeContext;
}

/**
 * Appends events to the outbox inside the caller's transaction: the events exist if and only if
 * the state change committed. Data is validated here so a bad event fails the transaction
 * instead of reaching consumers.
 * @returns the envelope ids, in order.
 */
export async function appendToOutbox(manager: EntityManager, events: PendingEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = events.map(({ definition, data, context }) => {
    const envelope = createEnvelope(definition, definition.data.parse(data), context);
    return {
      id: envelope.id,
      topic: definition.topic,
      messageKey: definition.key(envelope.data),
      eventType: definition.type,
      payload: envelope as object,
    };
  });
  // Multi-row inserts in chunks keep big imports to a few statements.
  for (let start = 0; start < rows.length; start += 500) {
    await manager.createQueryBuilder().insert().into(OutboxEventEntity).values(rows.slice(start, start + 500)).execute();
  }
  return rows.map((row) => row.id);
}
