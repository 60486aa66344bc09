import { definitionForTopic, type Envelope } from '@amazon-channel/contracts';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { ConsumerRunner, type ConsumerRunnerOptions, type EventRoute, type HandlerOutcome } from './consumer-runner';

/**
 * A Nest microservice transport over the {@link MessageTransport} port: `@EventPattern(Def.topic)`
 * handlers are routed by topic through the {@link ConsumerRunner}, so Kafka and the in-process bus
 * share envelope validation, retries and dead-lettering. Nest's own Kafka server is not used because
 * it swallows or endlessly retries handler errors depending on the version (nestjs/nest#10617, #14664).
 */
export class EventBusServer extends Server implements CustomTransportStrategy {
  constructor(private readonly options: Omit<ConsumerRunnerOptions, 'log'> & { log?: ConsumerRunnerOptions['log'] }) {
    super();
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    const routes = new Map<string, EventRoute>();
    for (const [pattern, handler] of this.getHandlers()) {
      const definition = definitionForTopic(pattern);
      if (!definition) throw new Error(`@EventPattern('${pattern}') names a topic the contracts registry does not know`);
      routes.set(pattern, {
        definition,
        handle: async (envelope: Envelope) => {
          const result = this.transformToObservable(await handler(envelope));
          return (await lastValueFrom(result, { defaultValue: undefined })) as HandlerOutcome;
        },
      });
    }
    if (routes.size > 0) {
      const runner = new ConsumerRunner(routes, this.options);
      await this.options.transport.subscribe(this.options.group, [...routes.keys()], runner.handle);
    }
    callback();
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
