import { type z } from 'zod';
import { envelopeSchema, type Envelope } from './envelope';

/** Why a message could not be read as the event its topic promises. */
export class ContractError extends Error {
  constructor(
    readonly code: 'MALFORMED_JSON' | 'INVALID_ENVELOPE' | 'UNEXPECTED_TYPE' | 'INVALID_DATA',
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/** One version of one event: its topic, its message key and the schema of its `data`. */
export interface EventDefinition<TSchema extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly version: number;
  readonly topic: string;
  readonly data: TSchema;
  /** The Kafka message key: the aggregate id, so Kafka keeps per-aggregate order. */
  readonly key: (data: z.infer<TSchema>) => string;
  /** Validates a whole envelope and narrows its `data`; throws {@link ContractError}. */
  parse(input: unknown): Envelope<z.infer<TSchema>>;
}

/** The validated `data` type of an event definition. */
export type EventData<T> = T extends EventDefinition<infer S> ? z.infer<S> : never;

const TOPIC_PATTERN = /^[a-z0-9-]+\.[a-z0-9-]+\.[a-z0-9-]+\.v\d+$/;

/**
 * Declares one event version. Topic names follow `<domain>.<entity>.<past-tense>.v<N>`.
 * @example
 * export const OrderImportedV1 = defineEvent({ type: 'orders.order-imported', version: 1,
 *   topic: 'orders.order.imported.v1', key: (d) => d.amazonOrderId, data: z.object({ amazonOrderId: z.string() }) });
 */
export function defineEvent<TSchema extends z.ZodType>(spec: {
  type: string;
  version: number;
  topic: string;
  key: (data: z.infer<TSchema>) => string;
  data: TSchema;
}): EventDefinition<TSchema> {
  if (!TOPIC_PATTERN.test(spec.topic) || !spec.topic.endsWith(`.v${spec.version}`)) {
    throw new Error(`Topic ${spec.topic} must be <domain>.<entity>.<past-tense>.v${spec.version}`);
  }
  return {
    ...spec,
    parse(input: unknown) {
      const envelope = envelopeSchema.safeParse(input);
      if (!envelope.success) {
        throw new ContractError('INVALID_ENVELOPE', describeIssues(envelope.error));
      }
      if (envelope.data.type !== spec.type || envelope.data.version !== spec.version) {
        throw new ContractError('UNEXPECTED_TYPE', `Expected ${spec.type} v${spec.version}, got ${envelope.data.type} v${envelope.data.version}`);
      }
      const data = spec.data.safeParse(envelope.data.data);
      if (!data.success) {
        throw new ContractError('INVALID_DATA', describeIssues(data.error, 'data'));
      }
      return { ...envelope.data, data: data.data };
    },
  };
}

function describeIssues(error: z.ZodError, prefix?: string): string {
  return error.issues.map((issue) => `${[prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)'}: ${issue.message}`).join('; ');
}
