import { deadLetterTopic, type Envelope, type EventDefinition } from '@amazon-channel/contracts';
import { runWithCorrelation } from '@amazon-channel/platform-observability';
import { backoffDelay, sleep, type BackoffOptions } from './backoff';
import { PermanentError, type MessagingErrorCode } from './errors';
import { handlerDuration, messagesHandled } from './messaging.metrics';
import type { DeliveryContext, IncomingMessage, MessageTransport } from './transport';

/** What a handler reports back, for metrics: `duplicate` when the inbox had already seen the event. */
export type HandlerOutcome = 'applied' | 'duplicate' | void;

/** One topic's handler. */
export interface EventRoute {
  definition: EventDefinition;
  handle(envelope: Envelope): Promise<HandlerOutcome>;
}

/** Consumer settings. */
export interface ConsumerRunnerOptions {
  group: string;
  transport: MessageTransport;
  maxAttempts: number;
  backoff: BackoffOptions;
  log?: (level: 'warn' | 'error', message: string, extra: Record<string, unknown>) => void;
}

/** Header names on dead-lettered messages. */
export const DLQ_HEADERS = {
  code: 'x-dlq-error-code',
  message: 'x-dlq-error-message',
  attempts: 'x-dlq-attempts',
  topic: 'x-dlq-source-topic',
  partition: 'x-dlq-source-partition',
  offset: 'x-dlq-source-offset',
  group: 'x-dlq-consumer-group',
  failedAt: 'x-dlq-failed-at',
} as const;

/**
 * The consumer base every service uses: it validates the envelope at the edge, runs the handler
 * with the message's correlation id, retries passing failures with bounded backoff and jitter,
 * and dead-letters what cannot be applied with the error, the attempts and the source offset.
 * It never lets a handler error escape (which would block the partition); only a failure to
 * dead-letter does, so the message is not committed and comes again.
 */
export class ConsumerRunner {
  constructor(
    private readonly routes: ReadonlyMap<string, EventRoute>,
    private readonly options: ConsumerRunnerOptions,
  ) {}

  /** The delivery handler to give the transport. */
  readonly handle = async (message: IncomingMessage, context: DeliveryContext): Promise<void> => {
    const route = this.routes.get(message.topic);
    if (!route) return this.deadLetter(message, 'NO_HANDLER', `No handler for ${message.topic}`, 0);
    let envelope: Envelope;
    try {
      envelope = route.definition.parse(JSON.parse(message.value ?? ''));
    } catch (error) {
      return this.deadLetter(message, 'INVALID_MESSAGE', describe(error), 0);
    }
    const labels = { group: this.options.group, topic: message.topic };
    for (let attempt = 1; ; attempt++) {
      const timer = handlerDuration.startTimer(labels);
      try {
        const outcome = await runWithCorrelation(envelope.correlationId, () => route.handle(envelope));
        messagesHandled.inc({ ...labels, outcome: outcome ?? 'applied' });
        return;
      } catch (error) {
        if (error instanceof PermanentError) return this.deadLetter(message, 'HANDLER_FAILED', `${error.code}: ${error.message}`, attempt);
        if (attempt >= this.options.maxAttempts) return this.deadLetter(message, 'RETRIES_EXHAUSTED', describe(error), attempt);
        messagesHandled.inc({ ...labels, outcome: 'retried' });
        this.options.log?.('warn', 'Message handler failed; retrying', { ...labels, attempt, eventId: envelope.id, error: describe(error) });
        await context.heartbeat();
        await sleep(backoffDelay(attempt, this.options.backoff));
      } finally {
        timer();
      }
    }
  };

  private async deadLetter(message: IncomingMessage, code: MessagingErrorCode, reason: string, attempts: number): Promise<void> {
    this.options.log?.('error', 'Message dead-lettered', {
      group: this.options.group,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      code,
      reason,
    });
    await this.options.transport.publish([
      {
        topic: deadLetterTopic(message.topic),
        key: message.key ?? '',
        value: message.value ?? '',
        headers: {
          ...message.headers,
          [DLQ_HEADERS.code]: code,
          [DLQ_HEADERS.message]: reason.slice(0, 2000),
          [DLQ_HEADERS.attempts]: String(attempts),
          [DLQ_HEADERS.topic]: message.topic,
          [DLQ_HEADERS.partition]: String(message.partition),
          [DLQ_HEADERS.offset]: message.offset,
          [DLQ_HEADERS.group]: this.options.group,
          [DLQ_HEADERS.failedAt]: new Date().toISOString(),
        },
      },
    ]);
    messagesHandled.inc({ group: this.options.group, topic: message.topic, outcome: 'dead_lettered' });
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
}
