import { Public } from '@amazon-channel/platform-auth';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { Response } from 'express';
import { PlatformRuntime } from './platform-runtime';

/** `/metrics` in Prometheus text; refreshes the outbox lag gauges before each scrape. */
@ApiExcludeController()
@Public()
@Controller()
export class MetricsController extends PrometheusController {
  constructor(private readonly runtime: PlatformRuntime) {
    super();
  }

  @Get()
  override async index(@Res({ passthrough: true }) response: Response): Promise<string> {
    if (this.runtime.status.database) await this.runtime.relay.measureLag().catch(() => undefined);
    return super.index(response);
  }
}
