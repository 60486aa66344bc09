import type { LimiterClock } from '../rate-limit/rate-limiter';

/**
 * Discrete-event clock for specs: `sleep` registers a timer and time jumps to the earliest timer
 * once pending microtasks have run, so minutes of rate-limited traffic replay in milliseconds.
 */
export class VirtualClock implements LimiterClock {
  private t: number;
  private seq = 0;
  private readonly timers: { at: number; seq: number; resolve: () => void }[] = [];
  private scheduled = false;

  constructor(start = 1_700_000_000_000) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve });
      this.schedule();
    });
  }

  /** Moves time forward without firing anything (e.g. to expire a token). */
  advance(ms: number): void {
    this.t += ms;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) return;
      this.t = Math.max(this.t, next.at);
      next.resolve();
      if (this.timers.length > 0) this.schedule();
    });
  }
}
