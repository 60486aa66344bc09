import { isSystemRun, JOB_OWNERS, JobRequestedV1, type Envelope } from '@amazon-channel/contracts';
import { ConnectionOwnership } from '@amazon-channel/platform-auth';
import { TransientError, type HandlerOutcome } from '@amazon-channel/platform-messaging';
import { applyOnce } from '@amazon-channel/platform-persistence';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { SERVICE_DEFINITION, type ServiceDefinition } from '../service-definition';
import { JobEntity } from './job.entity';

/**
 * Accepts job requests for the operations this service owns and queues them, once per request.
 * A request whose tenant does not own the connection is recorded FAILED with the reason and never
 * runs; one for a connection not projected yet is retried (then dead-lettered). The system run is
 * the exception: it names every connection.
 */
@Controller()
export class JobRequestsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_DEFINITION) private readonly service: ServiceDefinition,
    private readonly ownership: ConnectionOwnership,
  ) {}

  @EventPattern(JobRequestedV1.topic)
  async onJobRequested(@Payload() event: Envelope<JobRequestedV1>): Promise<HandlerOutcome> {
    if (JOB_OWNERS[event.data.operation] !== this.service.name) return 'applied';
    // The system run (the PII CronJob's `--all`) names no one connection; only the scheduler's command line can
    // request it (its HTTP API refuses that connection id), and the owning handler runs it across tenants.
    const verdict = isSystemRun({ tenantId: event.tenantId, connectionId: event.data.connectionId })
      ? 'OWNED'
      : await this.ownership.verdict(event.tenantId, event.data.connectionId);
    if (verdict === 'UNKNOWN') throw new TransientError('CONNECTION_NOT_PROJECTED', `Connection ${event.data.connectionId} is not known here yet`);
    const refused = verdict === 'NOT_OWNED';
    const key = { consumerGroup: this.service.name, eventId: event.id, topic: JobRequestedV1.topic, eventType: event.type };
    return applyOnce(this.dataSource, key, async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(JobEntity)
        .values({
          id: event.data.jobRunId,
          tenantId: event.tenantId,
          connectionId: event.data.connectionId,
          operation: event.data.operation,
          trigger: event.data.trigger,
          settings: event.data.settings,
          requestedAt: new Date(event.data.requestedAt),
          ...(refused
            ? { status: 'FAILED' as const, failureReason: 'CONNECTION_NOT_FOUND: the requesting tenant has no such connection', finishedAt: new Date() }
            : {}),
        })
        // A second request event for the same run (a replay from another producer) is the same run.
        .orIgnore()
        .execute();
    });
  }
}
