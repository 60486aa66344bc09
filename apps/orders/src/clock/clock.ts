/** The service's notion of now: a port so tests can move time (PII retention, created-within windows). */
export interface Clock {
  now(): Date;
}

/** DI token of the {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };
