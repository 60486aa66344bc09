import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const storage = new AsyncLocalStorage<{ correlationId: string }>();

/**
 * Runs `fn` with a correlation id that every log line and every event it produces will carry,
 * across awaits. HTTP requests take theirs from `x-correlation-id`; consumers from the envelope.
 */
export function runWithCorrelation<T>(correlationId: string, fn: () => T): T {
  return storage.run({ correlationId }, fn);
}

/** The correlation id of the current request or message, or a fresh one outside any. */
export function currentCorrelationId(): string {
  return storage.getStore()?.correlationId ?? randomUUID();
}

/** The correlation id of the current request or message, if there is one. */
export function maybeCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}
