import { quoteIdent } from '@amazon-channel/platform-persistence';
import type { DataSource } from 'typeorm';
import { backoffDelay, sleep, type BackoffOptions } from './backoff';
import { outboxLagSeconds, outboxPending, outboxPublished, outboxPublishFailures } from './messaging.metrics';
import type { MessageTransport, OutgoingMessage } from './transport';

/** Relay settings. */
export interface OutboxRelayOptions {
  service: string;
  schema: string;
  batchSize: number;
  pollMs: number;
  backoff: BackoffOptions;
  /** Published rows older than this are deleted (they are only an audit trail by then). */
  retainPublishedHours: number;
  log?: (level: 'info' | 'warn' | 'error', message: string, extra: Record<string, unknown>) => void;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: unknown;
  batch_keys: string[] | null;
  batch_payloads: string | null;
}

/** The messages of outbox rows, in order: one per single-event row, one per line of a batch row. */
function messagesOf(rows: OutboxRow[]): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [];
  for (const row of rows) {
    if (row.batch_payloads === null || row.batch_keys === null) {
      messages.push({ topic: row.topic, key: row.message_key, value: JSON.stringify(row.payload) });
      continue;
    }
    const values = row.batch_payloads.split('\n');
    for (let i = 0; i < values.length; i++) messages.push({ topic: row.topic, key: row.batch_keys[i] ?? row.message_key, value: values[i] as string });
  }
  return messages;
}

/**
 * Publishes outbox rows to the bus in commit order and stamps them published. One relay per
 * service schema is active at a time (a transaction-scoped advisory lock), which keeps per-key
 * order across replicas. A failed publish leaves the rows in place, counts the attempt and backs
 * off; a relay killed between publish and stamp publishes again on restart, and consumers'
 * inboxes absorb the duplicate.
 */
export class OutboxRelay {
  private readonly table: string;
  private stopping = new AbortController();
  private loop?: Promise<void>;
  private failures = 0;
  private lastCleanup = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MessageTransport,
    private readonly options: OutboxRelayOptions,
  ) {
    this.table = `${quoteIdent(options.schema)}.outbox_events`;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = new AbortController();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    this.loop = undefined;
  }

  /** Whether the last publish attempt failed (readiness reports it). */
  get failing(): boolean {
    return this.failures > 0;
  }

  /**
   * Publishes one batch: rows in order until about `batchSize` messages (always at least one row,
   * however many messages a batch row holds). Returns how many messages were published; throws
   * when the bus refused them (after recording the attempt on the rows).
   */
  async publishBatch(): Promise<number> {
    let failure: unknown;
    const published = await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [this.table]);
      if (!locked) return 0;
      // The window counts messages ahead of each row; payloads are read only for the rows taken.
      const rows: OutboxRow[] = await manager.query(
        `WITH head AS (
           SELECT id, sequence, sum(message_count) OVER (ORDER BY sequence) - message_count AS ahead
             FROM ${this.table} WHERE published_at IS NULL ORDER BY sequence LIMIT $1)
         SELECT o.id, o.topic, o.message_key, o.payload, o.batch_keys, o.batch_payloads
           FROM head JOIN ${this.table} o ON o.id = head.id
          WHERE head.ahead < $1 ORDER BY head.sequence`,
        [this.options.batchSize],
      );
      if (rows.length === 0) return 0;
      const ids = rows.map((row) => row.id);
      const messages = messagesOf(rows);
      try {
        await this.transport.publish(messages);
      } catch (error) {
        failure = error;
        await manager.query(`UPDATE ${this.table} SET attempts = attempts + 1, last_error = $2, updated_at = now() WHERE id = ANY($1)`, [
          ids,
          String(error instanceof Error ? error.message : error).slice(0, 1000),
        ]);
        return 0;
      }
      await manager.query(`UPDATE ${this.table} SET published_at = now(), attempts = attempts + 1, updated_at = now() WHERE id = ANY($1)`, [ids]);
      return messages.length;
    });
    if (failure) throw failure;
    return published;
  }

  /** Counts unpublished messages and the age of the oldest, into the outbox lag gauges. */
  async measureLag(): Promise<{ pending: number; lagSeconds: number }> {
    const [row] = await this.dataSource.query(
      `SELECT COALESCE(sum(message_count), 0)::int AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS lag FROM ${this.table} WHERE published_at IS NULL`,
    );
    outboxPending.set({ service: this.options.service }, row.pending);
    outboxLagSeconds.set({ service: this.options.service }, row.lag);
    return { pending: row.pending, lagSeconds: row.lag };
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      try {
        const count = await this.publishBatch();
        if (count > 0) outboxPublished.inc({ service: this.options.service }, count);
        if (this.failures > 0) this.options.log?.('info', 'Outbox relay publishing again', { service: this.options.service });
        this.failures = 0;
        await this.cleanup();
        if (count < this.options.batchSize) await sleep(this.options.pollMs, signal);
      } catch (error) {
        this.failures++;
        outboxPublishFailures.inc({ service: this.options.service });
        const delay = backoffDelay(this.failures, this.options.backoff);
        this.options.log?.('warn', 'Outbox relay could not publish; events stay in the outbox', {
          service: this.options.service,
          attempt: this.failures,
          retryInMs: delay,
          error: error instanceof Error ? error.message : String(error),
        });
        await sleep(delay, signal);
      }
    }
  }

  private async cleanup(): Promise<void> {
    if (Date.now() - this.lastCleanup < 10 * 60_000) return;
    this.lastCleanup = Date.now();
    await this.dataSource.query(`DELETE FROM ${this.table} WHERE published_at < now() - make_interval(hours => $1)`, [this.options.retainPublishedHours]);
  }
}
