import { AsyncResource } from 'node:async_hooks';
import type { ConsumerLag, DeliveryHandler, IncomingMessage, MessageTransport, OutgoingMessage } from './transport';

interface Subscription {
  group: string;
  handler: DeliveryHandler;
  /** Next offset to deliver, per topic. */
  positions: Map<string, number>;
  running: boolean;
}

/**
 * The bus inside one process, for the embedded default and tests: each topic is an in-memory log,
 * each group reads every topic from its own position, one message at a time, and advances only
 * when its handler resolved — the same at-least-once, in-order contract as Kafka with one partition.
 * All services of the embedded process share one instance ({@link InProcessTransport.shared}).
 */
export class InProcessTransport implements MessageTransport {
  readonly driver = 'in-process' as const;
  private static instance?: InProcessTransport;
  private readonly logs = new Map<string, IncomingMessage[]>();
  private readonly subscriptions = new Map<string, Subscription>();

  /** The process-wide bus the embedded services talk through. */
  static shared(): InProcessTransport {
    InProcessTransport.instance ??= new InProcessTransport();
    return InProcessTransport.instance;
  }

  async connect(): Promise<void> {
    // Nothing to reach.
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    for (const message of messages) {
      const log = this.logs.get(message.topic) ?? [];
      this.logs.set(message.topic, log);
      log.push({
        topic: message.topic,
        partition: 0,
        offset: String(log.length),
        key: message.key,
        value: message.value,
        headers: { ...message.headers },
      });
    }
    for (const subscription of this.subscriptions.values()) void this.drain(subscription);
  }

  async subscribe(group: string, topics: string[], handler: DeliveryHandler): Promise<void> {
    // Deliveries run as the subscribing service (its logs and metrics), not as whichever service published.
    const subscription: Subscription = { group, handler: AsyncResource.bind(handler), positions: new Map(topics.map((t) => [t, 0])), running: false };
    this.subscriptions.set(group, subscription);
    void this.drain(subscription);
  }

  /** Every message published on a topic so far (dead-letter topics included), for tests and the demo. */
  messages(topic: string): readonly IncomingMessage[] {
    return this.logs.get(topic) ?? [];
  }

  /**
   * Resolves once `group` has handled (applied, skipped or dead-lettered) every message published so far
   * on its topics: tests wait on this condition instead of sleeping. Polls; the caller's timeout bounds it.
   */
  async caughtUp(group: string, pollMs = 10): Promise<void> {
    for (;;) {
      const subscription = this.subscriptions.get(group);
      const behind = subscription ? [...subscription.positions].some(([topic, position]) => (this.logs.get(topic)?.length ?? 0) > position) : true;
      if (!behind) return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  async check(): Promise<void> {
    // Always reachable.
  }

  async consumerLag(): Promise<ConsumerLag[]> {
    return [...this.subscriptions.values()].flatMap((s) =>
      [...s.positions].map(([topic, position]) => ({
        group: s.group,
        topic,
        partition: 0,
        lag: (this.logs.get(topic)?.length ?? 0) - position,
      })),
    );
  }

  async close(): Promise<void> {
    this.subscriptions.clear();
  }

  private async drain(subscription: Subscription): Promise<void> {
    if (subscription.running) return;
    subscription.running = true;
    try {
      let delivered = true;
      while (delivered && this.subscriptions.get(subscription.group) === subscription) {
        delivered = false;
        for (const [topic, position] of subscription.positions) {
          const message = this.logs.get(topic)?.[position];
          if (!message) continue;
          try {
            await subscription.handler(message, { heartbeat: async () => undefined });
            subscription.positions.set(topic, position + 1);
          } catch {
            // Not committed: redelivered on the next pass, as Kafka would after a rebalance.
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
          delivered = true;
        }
      }
    } finally {
      subscription.running = false;
    }
  }
}
