import { JobCompletedV1, JobProgressedV1, JobStartedV1, type Envelope } from '@amazon-channel/contracts';
import { InboxTransaction, OncePerEvent } from '@amazon-channel/platform-messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { JobRunsRepository } from './job-runs.repository';

/**
 * Follows runs through the owning services' events, once per event (the bus's inbox): every run of every
 * service, including runs the scheduler did not request (imports started on listings), with their progress
 * and outcome.
 */
@Controller()
export class JobRunsConsumer {
  constructor(private readonly runs: JobRunsRepository) {}

  @OncePerEvent(JobStartedV1)
  onStarted(@Payload() event: Envelope<JobStartedV1>, @InboxTransaction() tx: EntityManager): Promise<void> {
    return this.runs.recordStarted(tx, event.tenantId, event.data);
  }

  @OncePerEvent(JobProgressedV1)
  onProgressed(@Payload() event: Envelope<JobProgressedV1>, @InboxTransaction() tx: EntityManager): Promise<void> {
    return this.runs.recordProgress(tx, event.data, new Date(event.occurredAt));
  }

  @OncePerEvent(JobCompletedV1)
  onCompleted(@Payload() event: Envelope<JobCompletedV1>, @InboxTransaction() tx: EntityManager): Promise<void> {
    return this.runs.recordCompleted(tx, event.tenantId, event.data);
  }
}
