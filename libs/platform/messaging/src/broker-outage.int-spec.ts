import { allTopics, JobProgressedV1 } from '@amazon-channel/contracts';
import {
  appendBatchToOutbox,
  appendToOutbox,
  createServiceDataSource,
  outboxBatchesV1,
  PLATFORM_ENTITIES,
  runServiceMigrations,
} from '@amazon-channel/platform-persistence';
import { createTestDatabase, kafkaBrokers, type TestDatabase } from '@amazon-channel/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { KafkaTransport } from './kafka.transport';
import { OutboxRelay } from './outbox-relay';

const SCHEMA = 'outage';

/** The platform tables only, as a service's first migration creates them. */
class PlatformTables1700000000000 implements MigrationInterface {
  name = 'PlatformTables1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    const sql = await runner.connection.driver.createSchemaBuilder().log();
    for (const query of sql.upQueries) await runner.query(query.query, query.parameters);
  }
  async down(): Promise<void> {
    // Throwaway test schema.
  }
}

/**
 * A network between this process and the broker that a test can cut: while cut, every socket is
 * destroyed and new ones fail, exactly what clients see when the broker goes away.
 */
class Partition {
  cut = false;
  private readonly sockets = new Set<net.Socket>();

  readonly socketFactory = ({ host, port, onConnect }: { host: string; port: number; onConnect: () => void }): net.Socket => {
    const socket = net.connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 1000);
    if (this.cut) setImmediate(() => socket.destroy(new Error('network partition (test)')));
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  };

  sever(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy(new Error('network partition (test)'));
  }

  heal(): void {
    this.cut = false;
  }
}

describe('outbox relay against a real broker', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let brokers: string;
  const partition = new Partition();
  let transport: KafkaTransport;
  let relay: OutboxRelay;
  const tenantId = `outage-${randomBytes(3).toString('hex')}`;

  const append = async (from: number, count: number) => {
    await dataSource.transaction((manager) =>
      appendToOutbox(
        manager,
        Array.from({ length: count }, (_, i) => ({
          // The sequence number rides in `done`; the key (jobRunId) groups events per aggregate.
          definition: JobProgressedV1,
          data: { jobRunId: KEYS[(from + i) % KEYS.length], phase: 'outage-test', done: from + i, total: null },
          context: { producer: 'outage-test', tenantId, correlationId: tenantId },
        })),
      ),
    );
  };
  const KEYS = Array.from({ length: 5 }, () => uuidv7());

  beforeAll(async () => {
    database = await createTestDatabase('broker_outage');
    brokers = await kafkaBrokers();
    dataSource = createServiceDataSource({ url: database.url, schema: SCHEMA, entities: PLATFORM_ENTITIES, migrations: [PlatformTables1700000000000] });
    await runServiceMigrations(dataSource);
    for (const sql of outboxBatchesV1(SCHEMA).up) await dataSource.query(sql);
    transport = new KafkaTransport({
      brokers: brokers.split(','),
      clientId: 'outage-test',
      requestTimeoutMs: 1500,
      connectionTimeoutMs: 1000,
      topics: allTopics(),
      socketFactory: partition.socketFactory,
    });
    await transport.connect();
    relay = new OutboxRelay(dataSource, transport, {
      service: 'outage-test',
      schema: SCHEMA,
      batchSize: 50,
      pollMs: 50,
      backoff: { initialMs: 100, maxMs: 500 },
      retainPublishedHours: 24,
    });
    relay.start();
  });

  afterAll(async () => {
    partition.heal();
    await relay?.stop();
    await transport?.close().catch(() => undefined);
    await dataSource?.destroy();
    await database?.drop();
  });

  it('keeps events while the broker is unreachable, reports it, and delivers all in order per key when it returns', async () => {
    await append(0, 50);
    await waitFor(async () => (await relay.measureLag()).pending === 0, 'first events published');

    partition.sever();
    await expect(transport.check()).rejects.toThrow();
    await append(50, 100);
    await waitFor(async () => relay.failing, 'relay reports the outage');
    const [held] = await dataSource.query(
      `SELECT count(*)::int AS pending, max(attempts)::int AS attempts, max(last_error) AS error FROM ${SCHEMA}.outbox_events WHERE published_at IS NULL`,
    );
    expect(held.pending).toBe(100);
    expect(held.attempts).toBeGreaterThan(0);
    expect(held.error).toBeTruthy();

    partition.heal();
    await waitFor(async () => (await relay.measureLag()).pending === 0, 'events published after the broker returned', 60000);
    await expect(transport.check()).resolves.toBeUndefined();

    const received = await readAll(brokers, tenantId, 150);
    expect(received.map((e) => e.done).sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i));
    for (const key of KEYS) {
      const sequence = received.filter((e) => e.key === key).map((e) => e.done);
      expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
    }
  });

  it('publishes a batch row as one message per event, in order among single events, however large the batch', async () => {
    const batchTenant = `${tenantId}-batch`;
    const progress = (done: number) => ({ jobRunId: KEYS[done % KEYS.length] as string, phase: 'batch-test', done, total: null });
    const context = { producer: 'outage-test', tenantId: batchTenant, correlationId: batchTenant };
    await relay.stop();
    const ids = await dataSource.transaction(async (manager) => [
      ...(await appendToOutbox(
        manager,
        [0, 1].map((done) => ({ definition: JobProgressedV1, data: progress(done), context })),
      )),
      // 1,200 events in one row: far more than the relay's batch size of 50.
      ...(await appendBatchToOutbox(
        manager,
        JobProgressedV1,
        Array.from({ length: 1200 }, (_, i) => progress(2 + i)),
        context,
      )),
      ...(await appendToOutbox(manager, [{ definition: JobProgressedV1, data: progress(1202), context }])),
    ]);
    expect(new Set(ids).size).toBe(1203);
    expect((await relay.measureLag()).pending).toBe(1203);
    const listed: Array<{ event_id: string; message_key: string }> = await dataSource.query(
      `SELECT event_id, message_key FROM ${SCHEMA}.outbox_messages WHERE payload->>'tenantId' = $1 ORDER BY sequence, position`,
      [batchTenant],
    );
    expect(listed.map((m) => m.event_id)).toEqual(ids);
    expect(listed.map((m) => m.message_key)).toEqual(Array.from({ length: 1203 }, (_, done) => KEYS[done % KEYS.length]));

    relay.start();
    await waitFor(async () => (await relay.measureLag()).pending === 0, 'batch published');
    const received = await readAll(brokers, batchTenant, 1203);
    expect(received.map((e) => e.done).sort((a, b) => a - b)).toEqual(Array.from({ length: 1203 }, (_, i) => i));
    for (const key of KEYS) {
      const sequence = received.filter((e) => e.key === key).map((e) => e.done);
      expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
    }
  });
});

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Reads this test's events (by tenant) in partition order until `count` distinct ones arrived. */
async function readAll(brokers: string, tenantId: string, count: number): Promise<Array<{ key: string; done: number }>> {
  const kafka = new Kafka({ clientId: 'outage-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `outage-reader-${tenantId}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic: JobProgressedV1.topic, fromBeginning: true });
  const seen = new Map<number, { key: string; done: number }>();
  const ordered: Array<{ key: string; done: number }> = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${seen.size} of ${count} events arrived`)), 30000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          const envelope = JSON.parse(message.value?.toString() ?? '{}') as { tenantId: string; data: { jobRunId: string; done: number } };
          if (envelope.tenantId !== tenantId) return;
          // A publish retried after the outage may land twice (at-least-once); consumers' inboxes absorb that.
          if (!seen.has(envelope.data.done)) {
            const event = { key: envelope.data.jobRunId, done: envelope.data.done };
            seen.set(event.done, event);
            ordered.push(event);
          }
          if (seen.size >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return ordered;
}
