import { connectionSnapshotSchema } from '@amazon-channel/contracts';
import { backoffDelay, sleep } from '@amazon-channel/platform-messaging';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { request } from 'undici';
import { z } from 'zod';
import { ConnectionsProjectionRepository } from './connections-projection.repository';
import { CONNECTIONS_PROJECTION_OPTIONS, type ConnectionsProjectionOptions } from './connections-projection.options';

const pageBody = z.object({ items: z.array(connectionSnapshotSchema), nextAfter: z.string().min(1).nullable() });

/**
 * Rebuilds the projection from auth-connections' internal listing route when the service starts,
 * page by page, beside the events (the revision check makes the two commute). While
 * auth-connections is down it retries with capped backoff in the background: the service starts
 * and serves what the projection already holds.
 */
@Injectable()
export class ConnectionsProjectionRebuild implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ConnectionsProjection');
  private readonly stop = new AbortController();
  /** Settles when the first complete rebuild has run (or the service stopped first). */
  done: Promise<void> = Promise.resolve();

  constructor(
    private readonly projection: ConnectionsProjectionRepository,
    @Inject(CONNECTIONS_PROJECTION_OPTIONS) private readonly options: ConnectionsProjectionOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.done = this.untilRebuilt();
  }

  onApplicationShutdown(): void {
    this.stop.abort();
  }

  /** One pass over every connection; throws when auth-connections cannot be read. */
  async rebuildOnce(): Promise<number> {
    const base = this.options.authConnectionsUrl.replace(/\/+$/, '');
    const limit = this.options.pageSize ?? 500;
    let after: string | null = null;
    let applied = 0;
    do {
      const url = `${base}/internal/connections?limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
      const res = await request(url, {
        headers: { 'x-internal-token': this.options.internalToken, accept: 'application/json' },
        headersTimeout: 15_000,
        bodyTimeout: 15_000,
        signal: this.stop.signal,
      });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`auth-connections answered HTTP ${res.statusCode} to the connections listing`);
      const page = pageBody.parse(JSON.parse(text));
      for (const snapshot of page.items) if (await this.projection.apply(snapshot)) applied++;
      after = page.nextAfter;
    } while (after && !this.stop.signal.aborted);
    return applied;
  }

  private async untilRebuilt(): Promise<void> {
    for (let attempt = 1; !this.stop.signal.aborted; attempt++) {
      try {
        const applied = await this.rebuildOnce();
        this.log.log(`connections projection rebuilt from auth-connections (${applied} row(s) changed)`);
        return;
      } catch (error) {
        if (this.stop.signal.aborted) return;
        const delay = backoffDelay(attempt, { initialMs: this.options.retryInitialMs ?? 1_000, maxMs: this.options.retryMaxMs ?? 60_000 });
        this.log.warn(
          `connections projection rebuild failed (attempt ${attempt}, next in ${delay} ms): ${error instanceof Error ? error.message : String(error)}`,
        );
        await sleep(delay, this.stop.signal);
      }
    }
  }
}
