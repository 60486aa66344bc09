import type { EventDefinition } from '@amazon-channel/contracts';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';

/** The `@EventPattern` extra that asks the event bus to run the handler once per event, inside the inbox transaction. */
export const ONCE_PER_EVENT = 'oncePerEvent';

/** What the event bus hands a once-per-event handler as its RPC context: the transaction its inbox row commits in. */
export class InboxContext {
  constructor(readonly tx: EntityManager) {}
}

/**
 * Subscribes the method to `definition`'s topic and applies each event once per consumer group (the
 * service): the bus records the inbox row and runs the handler in one transaction, so a redelivered
 * event does nothing and a failing handler leaves no row behind. The handler gets the transaction with
 * {@link InboxTransaction} and writes through repositories with it; it never builds inbox keys itself.
 * @example
 * @OncePerEvent(JobStartedV1)
 * onStarted(@Payload() event: Envelope<JobStartedV1>, @InboxTransaction() tx: EntityManager) { return this.runs.update(tx, ...); }
 */
export function OncePerEvent(definition: EventDefinition): MethodDecorator {
  return EventPattern(definition.topic, { [ONCE_PER_EVENT]: true });
}

/** The EntityManager of the inbox transaction of a {@link OncePerEvent} handler. */
export const InboxTransaction = createParamDecorator((_data: unknown, context: ExecutionContext): EntityManager => {
  const rpc: unknown = context.switchToRpc().getContext();
  // Only the bus's once-per-event path passes an InboxContext: anything else is a wiring mistake.
  if (!(rpc instanceof InboxContext)) throw new Error('@InboxTransaction() is only available in an @OncePerEvent handler');
  return rpc.tx;
});
