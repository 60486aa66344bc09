/** A message as it goes onto the bus. */
export interface OutgoingMessage {
  topic: string;
  key: string;
  value: string;
  headers?: Record<string, string>;
}

/** A message as a consumer receives it, with where it came from (for dead-letter headers). */
export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Lets long handlers keep their consumer-group session alive. */
export interface DeliveryContext {
  heartbeat(): Promise<void>;
}

/**
 * Receives each message once per delivery. It resolves when the message is done with (applied,
 * skipped as a duplicate, or dead-lettered); the transport then commits the offset. A rejection
 * means "do not commit": the message is delivered again.
 */
export type DeliveryHandler = (message: IncomingMessage, context: DeliveryContext) => Promise<void>;

/** How far a consumer group is behind, per partition. */
export interface ConsumerLag {
  group: string;
  topic: string;
  partition: number;
  lag: number;
}

/**
 * The bus port. `kafka` in production; `in-process` for the embedded default and unit tests,
 * with the same envelope, ordering per key, and at-least-once delivery.
 */
export interface MessageTransport {
  readonly driver: 'kafka' | 'in-process';
  connect(): Promise<void>;
  /** Publishes in order; resolves once the bus has acknowledged every message. */
  publish(messages: OutgoingMessage[]): Promise<void>;
  /** Starts consuming `topics` as `group`; handlers run one message at a time per partition. */
  subscribe(group: string, topics: string[], handler: DeliveryHandler): Promise<void>;
  /** Throws when the bus cannot be reached. */
  check(): Promise<void>;
  consumerLag(): Promise<ConsumerLag[]>;
  close(): Promise<void>;
}
