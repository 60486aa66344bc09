import { scrapeGauge } from '@amazon-channel/platform-observability';
import { SERVICE_DEFINITION, type ServiceDefinition } from '@amazon-channel/platform-service';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ConnectionsRepository } from './connections.repository';

/** Days ahead the re-authorization gauge looks (the alert's window). */
export const REAUTHORIZATION_WINDOW_DAYS = 30;

/**
 * The data-protection dashboard's connection figures, read from the database at each scrape:
 * connections whose yearly re-authorization falls within 30 days, and connections Amazon refused
 * (AUTH_FAILED) — both need the seller to act.
 */
@Injectable()
export class ConnectionMetrics implements OnModuleInit {
  constructor(
    private readonly repository: ConnectionsRepository,
    @Inject(SERVICE_DEFINITION) private readonly service: ServiceDefinition,
  ) {}

  onModuleInit(): void {
    scrapeGauge(
      this.service.name,
      { name: 'auth_connections_reauthorization_due', help: `Active connections whose re-authorization is due within ${REAUTHORIZATION_WINDOW_DAYS} days` },
      async () => [{ value: await this.repository.countReauthorizationDueBefore(new Date(Date.now() + REAUTHORIZATION_WINDOW_DAYS * 86_400_000)) }],
    );
    scrapeGauge(
      this.service.name,
      { name: 'auth_connections_auth_failed', help: 'Connections Amazon refused (AUTH_FAILED): the seller must authorize again' },
      async () => {
        const rows = await this.repository.countByStatus();
        return [{ value: rows.find((r) => r.status === 'AUTH_FAILED')?.count ?? 0 }];
      },
    );
  }
}
