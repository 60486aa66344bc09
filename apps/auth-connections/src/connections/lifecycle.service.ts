import { PLATFORM_CONFIG, PlatformRuntime } from '@amazon-channel/platform-service';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AuthConnectionsConfig } from '../config/auth-connections.config';
import { CONNECTION_SETTINGS, type ConnectionSettings } from './connection-settings';
import { ConnectionsRepository } from './connections.repository';
import { ageInDays, CLIENT_SECRET_ROTATION_DAYS } from './domain/connection-status';
import { clientSecretAgeGauge, connectionsGauge } from './lwa/lwa-metrics';

/**
 * Emits ConnectionReauthorizationDue (once per authorization) for ACTIVE connections whose
 * yearly re-authorization falls within `noticeDays`, and prunes expired states. Shared by the
 * service's timer and `cli.ts reauthorization-scan` (a CronJob).
 */
export async function scanReauthorizations(repository: ConnectionsRepository, noticeDays: number, now: Date): Promise<number> {
  const due = await repository.reauthorizationCandidates(new Date(now.getTime() + noticeDays * 86_400_000));
  for (const connection of due) await repository.markReauthorizationNotified(connection, now);
  await repository.pruneStates(now);
  return due.length;
}

/** One region's LWA app as operators see it: no secret, only its age. */
export interface LwaAppStatus {
  region: string;
  clientId: string;
  applicationId: string;
  secretIssuedAt: string | null;
  secretAgeDays: number | null;
  /** Days until Amazon's 180-day rotation deadline (negative: overdue). */
  rotationDueInDays: number | null;
}

/**
 * Time-driven duties: announce re-authorizations 30 days ahead (once per authorization), prune
 * expired states, and keep the client-secret age and connection gauges current.
 */
@Injectable()
export class LifecycleService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(LifecycleService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly repository: ConnectionsRepository,
    private readonly runtime: PlatformRuntime,
    @Inject(CONNECTION_SETTINGS) private readonly settings: ConnectionSettings,
    @Inject(PLATFORM_CONFIG) private readonly config: AuthConnectionsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.refreshSecretAges(new Date());
    if (this.config.REAUTHORIZATION_SCAN_MS > 0 && this.config.APP_ROLES.includes('worker')) {
      this.timer = setInterval(() => void this.tick(), this.config.REAUTHORIZATION_SCAN_MS);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The apps' secret ages against Amazon's 180-day rotation. */
  appStatus(now = new Date()): LwaAppStatus[] {
    return Object.values(this.settings.apps).map((app) => {
      const age = app.secretIssuedAt ? ageInDays(app.secretIssuedAt, now) : null;
      return {
        region: app.region,
        clientId: app.clientId,
        applicationId: app.applicationId,
        secretIssuedAt: app.secretIssuedAt?.toISOString() ?? null,
        secretAgeDays: age,
        rotationDueInDays: age === null ? null : CLIENT_SECRET_ROTATION_DAYS - age,
      };
    });
  }

  /** Emits ConnectionReauthorizationDue for connections entering the notice window; returns how many. */
  async scan(now = new Date()): Promise<number> {
    const due = await scanReauthorizations(this.repository, this.settings.reauthorizationNoticeDays, now);
    connectionsGauge.reset();
    for (const { status, count } of await this.repository.countByStatus()) connectionsGauge.set({ status }, count);
    return due;
  }

  private refreshSecretAges(now: Date): void {
    for (const app of this.appStatus(now)) clientSecretAgeGauge.set({ region: app.region }, app.secretAgeDays ?? -1);
  }

  private async tick(): Promise<void> {
    this.refreshSecretAges(new Date());
    if (!this.runtime.status.database) return;
    try {
      const due = await this.scan();
      if (due) this.log.log(`re-authorization notice sent for ${due} connection(s)`);
    } catch (error) {
      this.log.warn(`lifecycle scan failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
