/**
 * Outbox throughput through the real broker: events appended in transactions, published by the
 * relay to Kafka, and read back by a consumer. Not a test: it prints figures.
 *
 *   node tools/bench.js bench/outbox-throughput.bench.ts [events=50000]
 */
import 'reflect-metadata';
import { allTopics, JobRequestedV1 } from '@amazon-channel/contracts';
import { KafkaTransport, OutboxRelay } from '@amazon-channel/platform-messaging';
import { appendToOutbox, createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import { createTestDatabase, kafkaBrokers } from '@amazon-channel/testing';
import { Kafka, logLevel } from 'kafkajs';
import * as os from 'node:os';
import { v7 as uuidv7 } from 'uuid';
import { ORDERS_SERVICE } from '../apps/orders/src/service';

const EVENTS = Number(process.argv[2] ?? 50000);
const PER_TRANSACTION = 500;

async function main(): Promise<void> {
  const database = await createTestDatabase('bench_outbox');
  const brokers = await kafkaBrokers();
  const dataSource = createServiceDataSource({ url: database.url, ...ORDERS_SERVICE });
  await runServiceMigrations(dataSource);
  const transport = new KafkaTransport({
    brokers: brokers.split(','),
    clientId: 'bench',
    requestTimeoutMs: 5000,
    connectionTimeoutMs: 3000,
    topics: allTopics(),
  });
  await transport.connect();

  const appendStarted = performance.now();
  for (let done = 0; done < EVENTS; done += PER_TRANSACTION) {
    await dataSource.transaction((manager) =>
      appendToOutbox(
        manager,
        Array.from({ length: Math.min(PER_TRANSACTION, EVENTS - done) }, (_, i) => ({
          definition: JobRequestedV1,
          data: {
            jobRunId: uuidv7(),
            operation: 'get-orders' as const,
            connectionId: `conn-${(done + i) % 100}`,
            trigger: 'SCHEDULE' as const,
            settings: {},
            requestedAt: new Date().toISOString(),
          },
          context: { producer: 'bench', tenantId: 'bench', correlationId: 'bench' },
        })),
      ),
    );
  }
  const appendSeconds = (performance.now() - appendStarted) / 1000;

  const kafka = new Kafka({ clientId: 'bench-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench-${Date.now()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: JobRequestedV1.topic, fromBeginning: true });
  let received = 0;
  const allReceived = new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        received += batch.messages.length;
        if (received >= EVENTS) resolve();
      },
    });
  });

  const relay = new OutboxRelay(dataSource, transport, {
    service: 'bench',
    schema: ORDERS_SERVICE.schema,
    batchSize: 500,
    pollMs: 50,
    backoff: { initialMs: 100, maxMs: 1000 },
    retainPublishedHours: 24,
  });
  const relayStarted = performance.now();
  relay.start();
  for (;;) {
    const { pending } = await relay.measureLag();
    if (pending === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const publishSeconds = (performance.now() - relayStarted) / 1000;
  await allReceived;
  const endToEndSeconds = (performance.now() - relayStarted) / 1000;

  const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(44)} ${value}\n`);
  process.stdout.write(
    `\nOutbox throughput (${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, Kafka at ${brokers})\n`,
  );
  line('events', String(EVENTS));
  line('append (transactions of 500)', `${(EVENTS / appendSeconds).toFixed(0)} events/s`);
  line('relay publish to Kafka (acks=all, idempotent)', `${(EVENTS / publishSeconds).toFixed(0)} events/s`);
  line('end to end (append done -> consumed)', `${(EVENTS / endToEndSeconds).toFixed(0)} events/s`);
  line('peak RSS', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

  await relay.stop();
  await consumer.disconnect();
  await transport.close();
  await dataSource.destroy();
  await database.drop();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
