import { Public } from '@amazon-channel/platform-auth';
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { PlatformRuntime } from './platform-runtime';

/**
 * `/health/live`: the process answers. `/health/ready`: database, bus and consumers are up, so
 * traffic and work can come; 503 otherwise, naming what is down.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly typeorm: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly runtime: PlatformRuntime,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.typeorm.pingCheck('database', { connection: this.runtime.dataSource, timeout: 1500 }),
      () => this.busCheck(),
      () => this.consumersCheck(),
    ]);
  }

  private async busCheck() {
    const indicator = this.indicators.check('bus');
    try {
      if (!this.runtime.status.bus) return indicator.down({ driver: this.runtime.transport.driver, message: 'not connected yet' });
      await withTimeout(this.runtime.transport.check(), 2000);
      await this.refreshConsumerLag();
      return indicator.up({ driver: this.runtime.transport.driver, outboxPublishing: !this.runtime.relay.failing });
    } catch (error) {
      return indicator.down({ driver: this.runtime.transport.driver, message: error instanceof Error ? error.message : String(error) });
    }
  }

  private consumersCheck() {
    const indicator = this.indicators.check('consumers');
    return this.runtime.ready ? indicator.up() : indicator.down({ ...this.runtime.status });
  }

  private async refreshConsumerLag(): Promise<void> {
    // Reading the lag proves the bus answers; the gauge itself is refreshed per service on scrape (MetricsController).
    await withTimeout(this.runtime.transport.consumerLag(), 2000);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);
}
