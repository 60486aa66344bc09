import { quoteIdent } from './data-source';

/**
 * SQL of the `outbox_messages` view (version 1): every message of a service's outbox, in publish
 * order, with batch rows expanded to one row per event. Operators and tests read what a service
 * emitted without knowing how the outbox stores it. Migrations call this with their schema; a
 * later change of the view is a new version, never an edit of this one.
 * @example await queryRunner.query(outboxMessagesViewV1('listings').up);
 */
export function outboxMessagesViewV1(schema: string): { up: string; down: string } {
  const table = `${quoteIdent(schema)}.outbox_events`;
  const view = `${quoteIdent(schema)}.outbox_messages`;
  return {
    up: `CREATE VIEW ${view} AS
      SELECT o.sequence, 1::bigint AS position, o.id AS event_id, o.id AS outbox_id, o.topic, o.message_key, o.event_type,
             o.payload, o.published_at, o.created_at
        FROM ${table} o WHERE o.batch_payloads IS NULL
      UNION ALL
      SELECT o.sequence, m.position, (m.value::jsonb ->> 'id')::uuid, o.id, o.topic, m.key, o.event_type,
             m.value::jsonb, o.published_at, o.created_at
        FROM ${table} o
       CROSS JOIN LATERAL unnest(o.batch_keys, string_to_array(o.batch_payloads, E'\\n')) WITH ORDINALITY AS m(key, value, position)
       WHERE o.batch_payloads IS NOT NULL`,
    down: `DROP VIEW ${view}`,
  };
}
