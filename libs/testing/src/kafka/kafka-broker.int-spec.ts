import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer, EachMessagePayload } from 'kafkajs';
import { kafkaBrokers } from './kafka-brokers';

interface Received {
  readonly consumer: string;
  readonly partition: number;
  readonly key: string;
  readonly value: string;
}

/** Resolves once `predicate` holds, polling; rejects with `what` after `timeoutMs`. */
async function until(what: string, predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('harness Kafka broker with kafkajs', () => {
  const runId = randomUUID().slice(0, 8);
  const topic = `harness.broker-check.${runId}`;
  const groupId = `harness-broker-check-${runId}`;
  let kafka: Kafka;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    kafka = new Kafka({
      clientId: 'kafka-broker-int-spec',
      brokers: (await kafkaBrokers()).split(','),
      logLevel: logLevel.NOTHING,
      requestTimeout: 10_000,
    });
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
  });

  /** Joins the test's group and records every message it is given into `sink`. */
  async function startMember(name: string, sink: Received[], onAssignment?: (partitions: number[]) => void): Promise<void> {
    // kafkajs heartbeats (and so learns of a rebalance) and disconnects only between fetches: a short
    // fetch wait keeps joins and leaves under a second instead of its default 5 s long poll.
    const consumer = kafka.consumer({ groupId, sessionTimeout: 6_000, heartbeatInterval: 500, maxWaitTimeInMs: 200 });
    consumers.push(consumer);
    if (onAssignment) {
      consumer.on(consumer.events.GROUP_JOIN, (event) => onAssignment(event.payload.memberAssignment[topic] ?? []));
    }
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ partition, message }: EachMessagePayload) => {
        sink.push({ consumer: name, partition, key: String(message.key), value: String(message.value) });
        return Promise.resolve();
      },
    });
  }

  it('creates a topic, shares its partitions across a consumer group, delivers each keyed message once and commits', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await expect(admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })).resolves.toBe(true);
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(metadata.topics[0].partitions).toHaveLength(3);

      // Two members of one group: wait until the group has balanced the three partitions between them.
      const received: Received[] = [];
      const assignments = new Map<string, number[]>();
      for (const name of ['a', 'b']) {
        await startMember(name, received, (partitions) => assignments.set(name, partitions));
      }
      await until('both consumers to share the three partitions', () => {
        const a = assignments.get('a') ?? [];
        const b = assignments.get('b') ?? [];
        return a.length > 0 && b.length > 0 && new Set([...a, ...b]).size === 3 && a.length + b.length === 3;
      });

      const producer = kafka.producer();
      await producer.connect();
      const sent = Array.from({ length: 60 }, (_, i) => ({ key: `seller-${i % 20}`, value: `event-${i}` }));
      await producer.send({ topic, messages: sent });
      await producer.disconnect();

      await until('every message to arrive', () => received.length >= sent.length);
      // Give a duplicate the chance to show up before counting.
      await new Promise((resolve) => setTimeout(resolve, 500));

      expect(received.map((m) => m.value).sort()).toEqual(sent.map((m) => m.value).sort());
      expect(new Set(received.map((m) => m.consumer))).toEqual(new Set(['a', 'b']));
      for (const key of new Set(sent.map((m) => m.key))) {
        const forKey = received.filter((m) => m.key === key);
        // One key, one partition, in the order sent: per-aggregate ordering holds.
        expect(new Set(forKey.map((m) => m.partition)).size).toBe(1);
        expect(forKey.map((m) => m.value)).toEqual(sent.filter((m) => m.key === key).map((m) => m.value));
      }

      // Leaving the group commits what was consumed.
      await Promise.all(consumers.splice(0).map((consumer) => consumer.disconnect()));
      const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
      const ends = await admin.fetchTopicOffsets(topic);
      const committedByPartition = Object.fromEntries(committed[0].partitions.map((p) => [p.partition, p.offset]));
      for (const end of ends) {
        // Kafka reports -1 for a partition the group never consumed from (no message landed there).
        expect(committedByPartition[end.partition]).toBe(end.high === '0' ? '-1' : end.high);
      }
      expect(ends.filter((end) => end.high !== '0').length).toBeGreaterThanOrEqual(2);

      // A new member of the same group resumes after the commits: it sees one new message per
      // partition and none of the old ones, which on each partition would have come first.
      const later: Received[] = [];
      await startMember('c', later);
      const producerAfter = kafka.producer();
      await producerAfter.connect();
      await producerAfter.send({
        topic,
        messages: [0, 1, 2].map((partition) => ({ partition, key: `after-${partition}`, value: `after-${partition}` })),
      });
      await producerAfter.disconnect();
      await until('the three new messages', () => later.length >= 3);

      expect(later.map((m) => m.value).sort()).toEqual(['after-0', 'after-1', 'after-2']);
    } finally {
      await admin.disconnect();
    }
  }, 60_000);
});
