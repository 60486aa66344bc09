import { Kafka, logLevel, type Admin, type Consumer, type ISocketFactory, type Producer } from 'kafkajs';
import type { ConsumerLag, DeliveryHandler, MessageTransport, OutgoingMessage } from './transport';

const MAX_REQUEST_BYTES = 512 * 1024;

/** Splits messages, in order, into runs whose keys and values add up to at most `maxBytes` (one message at least). */
export function chunkBySize(messages: OutgoingMessage[], maxBytes: number): OutgoingMessage[][] {
  const chunks: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let size = 0;
  for (const message of messages) {
    const bytes = Buffer.byteLength(message.value) + Buffer.byteLength(message.key) + 64;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(message);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Settings of the Kafka transport. */
export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
  /** Topics created at connect (idempotent), so the relay never publishes into a missing topic. */
  topics: string[];
  partitions?: number;
  sessionTimeoutMs?: number;
  /** kafkajs' socket factory: TLS tuning in production, network faults in tests. */
  socketFactory?: ISocketFactory;
  /** Receives kafkajs' own log lines (already structured). */
  log?: (level: 'error' | 'warn' | 'info' | 'debug', message: string, extra: Record<string, unknown>) => void;
}

/**
 * The production bus on kafkajs. The producer is idempotent with one request in flight, so
 * per-key order survives retries; consumers commit an offset only after the handler resolved.
 */
export class KafkaTransport implements MessageTransport {
  readonly driver = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer?: Producer;
  private admin?: Admin;
  private readonly consumers = new Map<string, { consumer: Consumer; topics: string[] }>();

  constructor(private readonly options: KafkaTransportOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      requestTimeout: options.requestTimeoutMs,
      connectionTimeout: options.connectionTimeoutMs,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5000 },
      logLevel: logLevel.WARN,
      ...(options.socketFactory ? { socketFactory: options.socketFactory } : {}),
      logCreator:
        () =>
        ({ level, log }) => {
          const { message, ...extra } = log;
          const name = level <= logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : level === logLevel.INFO ? 'info' : 'debug';
          options.log?.(name, String(message), extra);
        },
    });
  }

  async connect(): Promise<void> {
    this.admin ??= this.kafka.admin();
    await this.admin.connect();
    const existing = new Set(await this.admin.listTopics());
    const missing = this.options.topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: this.options.partitions ?? 3 })),
      });
    }
    this.producer ??= this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (!this.producer) throw new Error('Kafka producer is not connected');
    // Requests stay well under the broker's default 1 MB limit (a larger one is refused for good);
    // chunks go out one after another, so order is kept.
    for (const chunk of chunkBySize(messages, MAX_REQUEST_BYTES)) {
      const byTopic = new Map<string, OutgoingMessage[]>();
      for (const message of chunk) {
        const list = byTopic.get(message.topic);
        if (list) list.push(message);
        else byTopic.set(message.topic, [message]);
      }
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
    }
  }

  async subscribe(group: string, topics: string[], handler: DeliveryHandler): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: group,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30000,
      heartbeatInterval: Math.max(100, Math.floor((this.options.sessionTimeoutMs ?? 30000) / 10)),
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10000 },
    });
    await consumer.connect();
    // A new group starts from the beginning: events published before a service first ran still apply.
    await consumer.subscribe({ topics, fromBeginning: true });
    this.consumers.set(group, { consumer, topics });
    await consumer.run({
      autoCommit: true,
      // kafkajs commits resolved offsets after every fetched batch (and at this interval within one):
      // a crash replays at most the batch in hand, and the inbox absorbs the replay.
      autoCommitInterval: 1000,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        await handler(
          {
            topic,
            partition,
            offset: message.offset,
            key: message.key?.toString('utf8') ?? null,
            value: message.value?.toString('utf8') ?? null,
            headers: Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([name, value]) => [name, Array.isArray(value) ? String(value[0]) : String(value ?? '')]),
            ),
          },
          { heartbeat },
        );
      },
    });
  }

  async check(): Promise<void> {
    if (!this.admin) throw new Error('Kafka admin is not connected');
    await this.admin.describeCluster();
  }

  async consumerLag(): Promise<ConsumerLag[]> {
    if (!this.admin) return [];
    const result: ConsumerLag[] = [];
    for (const [group, { topics }] of this.consumers) {
      const committed = await this.admin.fetchOffsets({ groupId: group, topics });
      for (const { topic, partitions } of committed) {
        const ends = new Map((await this.admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
        for (const { partition, offset } of partitions) {
          const position = Number(offset) < 0 ? 0 : Number(offset);
          result.push({ group, topic, partition, lag: Math.max(0, (ends.get(partition) ?? 0) - position) });
        }
      }
    }
    return result;
  }

  async close(): Promise<void> {
    for (const { consumer } of this.consumers.values()) await consumer.disconnect();
    this.consumers.clear();
    await this.producer?.disconnect();
    await this.admin?.disconnect();
  }
}
