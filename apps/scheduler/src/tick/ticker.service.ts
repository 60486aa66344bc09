import { sleep } from '@amazon-channel/platform-messaging';
import { PLATFORM_CONFIG, PlatformRuntime } from '@amazon-channel/platform-service';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SchedulerConfig } from '../config/scheduler.config';
import { runTick } from './tick';
import { TickRepository } from './tick.repository';

/**
 * The in-process ticker (`npm start`, or any replica with the worker role and
 * SCHEDULER_TICK_EVERY_MS > 0): the same tick as `scheduler tick`, every period. Several replicas
 * ticking together request each due run once (deterministic run ids, rows locked per batch).
 */
@Injectable()
export class TickerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Ticker');
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: PlatformRuntime,
    @Inject(PLATFORM_CONFIG) private readonly config: SchedulerConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SCHEDULER_TICK_EVERY_MS > 0 && this.config.APP_ROLES.includes('worker')) this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    const repository = new TickRepository(this.dataSource);
    while (!signal.aborted) {
      if (this.runtime.status.database) {
        try {
          const outcome = await runTick(repository, this.config, {
            signal,
            onRetry: (step, attempt, error) =>
              this.log.warn(`tick: ${step} failed (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}`),
          });
          if (outcome.requested + outcome.skipped + outcome.notStarted + outcome.seeded > 0) this.log.log(`tick: ${JSON.stringify(outcome)}`);
        } catch (error) {
          // Retries are spent: the next period tries again (the CronJob's run would fail the same way, visibly).
          this.log.error(`tick failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      await sleep(this.config.SCHEDULER_TICK_EVERY_MS, signal);
    }
  }
}
