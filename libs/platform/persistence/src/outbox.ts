import { createEnvelope, type EnvelopeContext, type EventDefinition } from '@amazon-channel/contracts';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { quoteIdent } from './data-source';
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
  // One statement per call whatever the count: arrays unnested server-side parse and plan once,
  // where a multi-row VALUES list grows with every row (imports append thousands per batch).
  const table = manager.connection.getMetadata(OutboxEventEntity).tablePath.split('.').map(quoteIdent).join('.');
  await manager.query(
    `INSERT INTO ${table} (id, topic, message_key, event_type, payload)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`,
    [
      rows.map((row) => row.id),
      rows.map((row) => row.topic),
      rows.map((row) => row.messageKey),
      rows.map((row) => row.eventType),
      rows.map((row) => JSON.stringify(row.payload)),
    ],
  );
  return rows.map((row) => row.id);
}
