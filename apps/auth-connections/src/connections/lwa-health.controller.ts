import { Public } from '@amazon-channel/platform-auth';
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { LifecycleService } from './lifecycle.service';

/** Warn this long before Amazon's 180-day client-secret rotation deadline. */
const WARN_DAYS = 30;

/**
 * `/health/lwa`: the LWA client secrets' age against Amazon's 180-day rotation, for dashboards
 * (no ids, no secrets). Informational: it never fails readiness, an old secret still works until
 * Amazon expires it.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class LwaHealthController {
  constructor(private readonly lifecycle: LifecycleService) {}

  @Get('lwa')
  lwa(): { status: 'ok' | 'rotation-due' | 'unknown'; apps: Array<{ region: string; secretAgeDays: number | null; rotationDueInDays: number | null }> } {
    const apps = this.lifecycle.appStatus().map(({ region, secretAgeDays, rotationDueInDays }) => ({ region, secretAgeDays, rotationDueInDays }));
    const status = apps.some((app) => app.rotationDueInDays !== null && app.rotationDueInDays <= WARN_DAYS)
      ? 'rotation-due'
      : apps.some((app) => app.secretAgeDays === null)
        ? 'unknown'
        : 'ok';
    return { status, apps };
  }
}
