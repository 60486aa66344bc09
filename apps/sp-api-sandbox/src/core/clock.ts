/** A source of the current time in epoch milliseconds. */
export type NowFn = () => number;

/**
 * The sandbox's clock: the injected time source plus an offset the admin API can move forward,
 * so tests can expire tokens, codes and URLs and finish reports without waiting.
 */
export class SandboxClock {
  private offsetMs = 0;

  constructor(private readonly source: NowFn = Date.now) {}

  /** Current sandbox time in epoch milliseconds. */
  now(): number {
    return this.source() + this.offsetMs;
  }

  /** Current sandbox time as a Date. */
  date(): Date {
    return new Date(this.now());
  }

  /** ISO 8601 of the current sandbox time, without milliseconds like Amazon's timestamps. */
  iso(): string {
    return isoSeconds(this.now());
  }

  /** Moves the clock forward; the past never changes. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('the sandbox clock only moves forward');
    this.offsetMs += ms;
  }

  /** Back to the source's time (used by reset). */
  resetOffset(): void {
    this.offsetMs = 0;
  }
}

/** ISO 8601 with second precision (`2026-01-02T03:04:05Z`). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
