import { scrapeGauge } from '@amazon-channel/platform-observability';
import { SERVICE_DEFINITION, type ServiceDefinition } from '@amazon-channel/platform-service';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CLOCK, type Clock } from '../clock/clock';
import { ORDERS_OPTIONS, type OrdersOptions } from '../orders-options';
import { retentionCutoff } from './domain/redaction-scope';
import { PiiRedactionRepository } from './pii-redaction.repository';

/**
 * The data-protection dashboard's erasure figures, read at each scrape: orders whose buyer data is
 * past its retention date and still stored, and how long past the oldest is. The daily redaction
 * run keeps the second under a day; more means runs are failing or not requested.
 */
@Injectable()
export class PiiMetrics implements OnModuleInit {
  constructor(
    private readonly redactions: PiiRedactionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORDERS_OPTIONS) private readonly options: OrdersOptions,
    @Inject(SERVICE_DEFINITION) private readonly service: ServiceDefinition,
  ) {}

  onModuleInit(): void {
    // One query answers both gauges; the second scrape read within a second reuses it.
    let last: { at: number; value: Promise<{ count: number; oldestSeconds: number }> } | null = null;
    const overdue = () => {
      const now = this.clock.now();
      if (!last || now.getTime() - last.at > 1_000) {
        last = { at: now.getTime(), value: this.redactions.overdue(retentionCutoff(now, {}, this.options.piiRetentionDays).cutoff) };
      }
      return last.value;
    };
    scrapeGauge(
      this.service.name,
      { name: 'amazon_channel_pii_erasure_overdue_orders', help: 'Orders whose buyer data is past its retention date and not yet erased' },
      async () => [{ value: (await overdue()).count }],
    );
    scrapeGauge(
      this.service.name,
      { name: 'amazon_channel_pii_erasure_overdue_seconds', help: 'How long past its retention date the oldest unerased buyer data is (0: none)' },
      async () => [{ value: (await overdue()).oldestSeconds }],
    );
  }
}
