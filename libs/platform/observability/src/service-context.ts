import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<string>();

/**
 * Runs `fn` as service `name`: every log line and metric produced by it, across awaits, timers and
 * sockets opened inside (HTTP server, Kafka consumer, job loop), names that service. Why: under
 * `npm start` all services share one process, and pino's static Nest logger and module-level
 * metrics would otherwise report whichever service started last.
 */
export function runAsService<T>(name: string, fn: () => T): T {
  return storage.run(name, fn);
}

/** The service the current code runs for, if set (see {@link runAsService}). */
export function currentService(): string | undefined {
  return storage.getStore();
}
