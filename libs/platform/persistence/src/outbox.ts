import { createEnvelope, type EnvelopeContext, type EventDefinition } from '@amazon-channel/contracts';
import { v7 as uuidv7 } from 'uuid';
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
  // where a multi-row VALUES list grows with every row.
  await manager.query(
    `INSERT INTO ${outboxTable(manager)} (id, topic, message_key, event_type, payload)
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

/**
 * Appends many events of one definition as ONE outbox row (its envelopes as JSON lines), inside
 * the caller's transaction. The relay publishes one message per event, in order, with the same
 * envelope ids and keys as {@link appendToOutbox} would; consumers cannot tell the difference.
 * Made for imports that emit thousands of events per transaction, where a row per event costs
 * more than the state change itself. Data is validated here, as in {@link appendToOutbox}.
 * @returns the envelope ids, in order.
 * @example await appendBatchToOutbox(manager, ListingImportedV1, listings.map(toEventData), context);
 */
export async function appendBatchToOutbox<TSchema extends z.ZodType>(
  manager: EntityManager,
  definition: EventDefinition<TSchema>,
  data: Array<z.infer<TSchema>>,
  context: EnvelopeContext,
): Promise<string[]> {
  if (data.length === 0) return [];
  const ids: string[] = [];
  const keys: string[] = [];
  const lines: string[] = [];
  for (const item of data) {
    const envelope = createEnvelope(definition, definition.data.parse(item), { ...context, id: undefined });
    ids.push(envelope.id);
    keys.push(definition.key(envelope.data));
    // JSON.stringify escapes every newline inside strings: a line is exactly one envelope.
    lines.push(JSON.stringify(envelope));
  }
  await manager.query(
    `INSERT INTO ${outboxTable(manager)} (id, topic, message_key, event_type, payload, batch_payloads, batch_keys, message_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      uuidv7(),
      definition.topic,
      keys[0],
      definition.type,
      JSON.stringify({ batch: ids.length, firstEventId: ids[0], lastEventId: ids[ids.length - 1] }),
      lines.join('\n'),
      keys,
      ids.length,
    ],
  );
  return ids;
}

function outboxTable(manager: EntityManager): string {
  return manager.connection.getMetadata(OutboxEventEntity).tablePath.split('.').map(quoteIdent).join('.');
}
