import { isSystemRun, JOB_OWNERS, JobRequestedV1, type Envelope } from '@amazon-channel/contracts';
import { ConnectionOwnership } from '@amazon-channel/platform-auth';
import { InboxTransaction, OncePerEvent, TransientError } from '@amazon-channel/platform-messaging';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { SERVICE_DEFINITION, type ServiceDefinition } from '../service-definition';
import { JobsRepository } from './jobs.repository';

/**
 * Accepts job requests for the operations this service owns and queues them, once per request (the
 * bus's inbox). A request whose tenant does not own the connection is recorded FAILED with the reason
 * and never runs; one for a connection not projected yet is retried (then dead-lettered). The system
 * run is the exception: it names every connection.
 */
@Controller()
export class JobRequestsConsumer {
  constructor(
    @Inject(SERVICE_DEFINITION) private readonly service: ServiceDefinition,
    private readonly ownership: ConnectionOwnership,
    private readonly jobs: JobsRepository,
  ) {}

  @OncePerEvent(JobRequestedV1)
  async onJobRequested(@Payload() event: Envelope<JobRequestedV1>, @InboxTransaction() tx: EntityManager): Promise<void> {
    if (JOB_OWNERS[event.data.operation] !== this.service.name) return;
    // The system run (the PII CronJob's `--all`) names no one connection; only the scheduler's command line can
    // request it (its HTTP API refuses that connection id), and the owning handler runs it across tenants.
    const verdict = isSystemRun({ tenantId: event.tenantId, connectionId: event.data.connectionId })
      ? 'OWNED'
      : await this.ownership.verdict(event.tenantId, event.data.connectionId);
    if (verdict === 'UNKNOWN') throw new TransientError('CONNECTION_NOT_PROJECTED', `Connection ${event.data.connectionId} is not known here yet`);
    const refusal = verdict === 'NOT_OWNED' ? 'CONNECTION_NOT_FOUND: the requesting tenant has no such connection' : undefined;
    await this.jobs.recordRequest(tx, event.tenantId, event.data, refusal);
  }
}
