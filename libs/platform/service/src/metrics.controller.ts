import { Public } from '@amazon-channel/platform-auth';
import { consumerLagGauge } from '@amazon-channel/platform-messaging';
import { runAsService, serviceMetricsText } from '@amazon-channel/platform-observability';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { Response } from 'express';
import { register } from 'prom-client';
import { PlatformRuntime } from './platform-runtime';
import type { PlatformConfig } from './platform.config';
import { PLATFORM_CONFIG, SERVICE_DEFINITION, type ServiceDefinition } from './service-definition';

/**
 * `/metrics` in Prometheus text: this service's own series (even when services share a process)
 * plus the process's. Refreshes the outbox lag and consumer lag gauges before each scrape.
 */
@ApiExcludeController()
@Public()
@Controller()
export class MetricsController extends PrometheusController {
  constructor(
    private readonly runtime: PlatformRuntime,
    @Inject(SERVICE_DEFINITION) private readonly service: ServiceDefinition,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    super();
  }

  @Get()
  override async index(@Res({ passthrough: true }) response: Response): Promise<string> {
    return runAsService(this.service.name, async () => {
      if (this.runtime.status.database) await this.runtime.relay.measureLag().catch(() => undefined);
      if (this.runtime.status.bus) await this.refreshConsumerLag().catch(() => undefined);
      response.header('Content-Type', register.contentType);
      return serviceMetricsText(this.service.name);
    });
  }

  private async refreshConsumerLag(): Promise<void> {
    const lags = await Promise.race([
      this.runtime.transport.consumerLag(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('consumer lag timed out')), 2000).unref()),
    ]);
    // The in-process bus is one per process: only this service's consumer group is its lag.
    const own = `${this.config.CONSUMER_GROUP_PREFIX}${this.service.name}`;
    for (const { group, topic, partition, lag } of lags.filter((l) => l.group === own))
      consumerLagGauge.set({ group, topic, partition: String(partition) }, lag);
  }
}
