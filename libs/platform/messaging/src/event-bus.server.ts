import { definitionForTopic, type Envelope } from '@amazon-channel/contracts';
import { applyOnce } from '@amazon-channel/platform-persistence';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import { ConsumerRunner, type ConsumerRunnerOptions, type EventRoute, type HandlerOutcome } from './consumer-runner';
import { InboxContext, ONCE_PER_EVENT } from './once-per-event';

/** Where {@link OncePerEvent} handlers record the events they applied. */
export interface InboxOptions {
  /** The inbox's consumer group: the service name (one group per service, whatever the bus group's prefix). */
  group: string;
  dataSource: DataSource;
}

/** Event bus settings: the consumer's, plus the inbox once-per-event handlers need. */
export type EventBusServerOptions = Omit<ConsumerRunnerOptions, 'log'> & { log?: ConsumerRunnerOptions['log']; inbox?: InboxOptions };

/**
 * A Nest microservice transport over the {@link MessageTransport} port: `@EventPattern(Def.topic)`
 * handlers are routed by topic through the {@link ConsumerRunner}, so Kafka and the in-process bus
 * share envelope validation, retries and dead-lettering. `@OncePerEvent(Def)` handlers additionally
 * run inside the inbox transaction (row + effect commit together; a redelivery is a `duplicate`).
 * Nest's own Kafka server is not used because it swallows or endlessly retries handler errors
 * depending on the version (nestjs/nest#10617, #14664).
 */
export class EventBusServer extends Server implements CustomTransportStrategy {
  constructor(private readonly options: EventBusServerOptions) {
    super();
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    const routes = new Map<string, EventRoute>();
    for (const [pattern, handler] of this.getHandlers()) {
      const definition = definitionForTopic(pattern);
      if (!definition) throw new Error(`@EventPattern('${pattern}') names a topic the contracts registry does not know`);
      routes.set(pattern, { definition, handle: this.routeHandler(pattern, handler) });
    }
    if (routes.size > 0) {
      const runner = new ConsumerRunner(routes, this.options);
      await this.options.transport.subscribe(this.options.group, [...routes.keys()], runner.handle);
    }
    callback();
  }

  private routeHandler(topic: string, handler: MessageHandler): EventRoute['handle'] {
    const run = async (envelope: Envelope, context?: InboxContext): Promise<HandlerOutcome> => {
      const result = this.transformToObservable(await handler(envelope, context));
      return (await lastValueFrom(result, { defaultValue: undefined })) as HandlerOutcome;
    };
    if (handler.extras?.[ONCE_PER_EVENT] !== true) return (envelope) => run(envelope);
    const inbox = this.options.inbox;
    if (!inbox) throw new Error(`@OncePerEvent('${topic}') needs the event bus's inbox (a DataSource), and none was configured`);
    return (envelope) =>
      applyOnce(inbox.dataSource, { consumerGroup: inbox.group, eventId: envelope.id, topic, eventType: envelope.type }, async (tx) => {
        await run(envelope, new InboxContext(tx));
      });
  }

  async close(): Promise<void> {
    // The transport is closed by its owner (the bus module), after the relay stopped.
  }

  on(): void {
    // No transport-level events to expose.
  }

  unwrap<T>(): T {
    return this.options.transport as T;
  }
}
