import { Kafka, logLevel, type IHeaders } from 'kafkajs';

/** A message as read back from a topic, headers decoded. */
export interface ReadMessage {
  key: string | null;
  value: string | null;
  offset: string;
  partition: number;
  headers: Record<string, string>;
}

/** A plain kafkajs client for tests: publish raw bytes, read a topic from the beginning. */
export class TestKafka {
  private readonly kafka: Kafka;

  constructor(brokers: string) {
    this.kafka = new Kafka({ clientId: 'system-tests', brokers: brokers.split(','), logLevel: logLevel.NOTHING, requestTimeout: 5000 });
  }

  /** Publishes raw values; returns the partition and offset each landed on. */
  async publish(topic: string, messages: Array<{ key: string; value: string }>): Promise<Array<{ partition: number; offset: string }>> {
    const producer = this.kafka.producer();
    await producer.connect();
    try {
      const result = await producer.send({ topic, acks: -1, messages });
      return result.map((r) => ({ partition: r.partition, offset: r.baseOffset ?? '0' }));
    } finally {
      await producer.disconnect();
    }
  }

  /** Reads `topic` from the beginning until `until` matches a message or the timeout passes. */
  async readUntil(topic: string, until: (message: ReadMessage) => boolean, timeoutMs = 30000): Promise<ReadMessage> {
    const consumer = this.kafka.consumer({ groupId: `reader-${Date.now()}-${Math.random().toString(16).slice(2)}` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      return await new Promise<ReadMessage>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No matching message on ${topic} within ${timeoutMs} ms`)), timeoutMs);
        void consumer.run({
          eachMessage: async ({ partition, message }) => {
            const read: ReadMessage = {
              key: message.key?.toString() ?? null,
              value: message.value?.toString() ?? null,
              offset: message.offset,
              partition,
              headers: decode(message.headers),
            };
            if (until(read)) {
              clearTimeout(timer);
              resolve(read);
            }
          },
        });
      });
    } finally {
      await consumer.disconnect();
    }
  }
}

function decode(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : (v ?? ''))]));
}
