import type { JobContext, JobHandler, JobResult } from '@amazon-channel/platform-service';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../clock/clock';
import { ORDERS_OPTIONS, type OrdersOptions } from '../orders-options';
import { redactionScope, retentionCutoff } from './domain/redaction-scope';
import { PiiRedactionRepository } from './pii-redaction.repository';

const BATCH = 500;

/**
 * PII retention: erases (deletes, not hides) the buyer data of orders shipped — or cancelled —
 * more than PII_RETENTION_DAYS ago (job setting `retentionDays` overrides), with OrderPiiRedacted
 * and an audit row per order that names the order only. Amazon's DPP anchors the 30 days on
 * delivery; shipment is the earlier, stricter anchor this service knows for certain. A tenant's run
 * covers its connection; the CronJob's system run (scheduler `cli run pii-redaction --all`) covers
 * every tenant and connection.
 */
@Injectable()
export class PiiRedactionJobHandler implements JobHandler {
  readonly operation = 'pii-redaction' as const;
  private readonly log = new Logger('PiiRedaction');

  constructor(
    private readonly redactions: PiiRedactionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORDERS_OPTIONS) private readonly options: OrdersOptions,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const { job } = context;
    const scope = redactionScope(job);
    const { cutoff, retentionDays } = retentionCutoff(this.clock.now(), job.settings, this.options.piiRetentionDays);
    let redacted = (job.counts as { redacted?: number }).redacted ?? 0;
    for (;;) {
      context.signal.throwIfAborted();
      const done = await this.redactions.redactBatch({
        scope,
        cutoff,
        now: this.clock.now(),
        jobId: job.id,
        purpose: `retention ${retentionDays} days after shipment`,
        limit: BATCH,
        checkpoint: { job, progress: (erased) => ({ step: 'redacting', counts: { redacted: redacted + erased }, done: redacted + erased, total: null }) },
      });
      if (done === 0) break;
      redacted += done;
    }
    const over = scope.kind === 'all' ? 'every tenant' : job.connectionId;
    this.log.log(`pii-redaction ${job.id} for ${over}: ${redacted} order(s) redacted`);
    return {
      outcome: 'SUCCEEDED',
      counts: { redacted },
      summary: `Buyer data erased from ${redacted} order(s) shipped or cancelled before ${cutoff.toISOString()}.`,
    };
  }
}
