import { quoteIdent } from './data-source';

/**
 * The hand-written part of the migration that adds batch rows to a service's outbox (the columns
 * themselves are generated from the entity). Migrations call this with their schema; a later
 * change is a new version, never an edit of this one.
 *
 * - `batch_payloads` is stored uncompressed (STORAGE EXTERNAL): compressing megabytes of JSON on
 *   every import transaction cost about half of the insert, and the rows live only until published.
 * - The `outbox_messages` view lists every message in publish order, batch rows expanded to one row
 *   per event, so operators and tests read what a service emitted without knowing how it is stored.
 * @example for (const sql of outboxBatchesV1('listings').up) await queryRunner.query(sql);
 */
export function outboxBatchesV1(schema: string): { up: string[]; down: string[] } {
  const table = `${quoteIdent(schema)}.outbox_events`;
  const view = `${quoteIdent(schema)}.outbox_messages`;
  return {
    up: [
      `ALTER TABLE ${table} ALTER COLUMN batch_payloads SET STORAGE EXTERNAL`,
      `CREATE VIEW ${view} AS
        SELECT o.sequence, 1::bigint AS position, o.id AS event_id, o.id AS outbox_id, o.topic, o.message_key, o.event_type,
               o.payload, o.published_at, o.created_at
          FROM ${table} o WHERE o.batch_payloads IS NULL
        UNION ALL
        SELECT o.sequence, m.position, (m.value::jsonb ->> 'id')::uuid, o.id, o.topic, m.key, o.event_type,
               m.value::jsonb, o.published_at, o.created_at
          FROM ${table} o
         CROSS JOIN LATERAL unnest(o.batch_keys, string_to_array(o.batch_payloads, E'\\n')) WITH ORDINALITY AS m(key, value, position)
         WHERE o.batch_payloads IS NOT NULL`,
    ],
    down: [`DROP VIEW ${view}`],
  };
}
