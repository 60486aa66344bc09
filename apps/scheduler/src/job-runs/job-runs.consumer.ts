import { JobCompletedV1, JobStartedV1, type Envelope } from '@amazon-channel/contracts';
import { InboxTransaction, OncePerEvent } from '@amazon-channel/platform-messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { JobRunsRepository } from './job-runs.repository';

/** Follows runs through the owning services' events, once per event (the bus's inbox). */
@Controller()
export class JobRunsConsumer {
  constructor(private readonly runs: JobRunsRepository) {}

  @OncePerEvent(JobStartedV1)
  onStarted(@Payload() event: Envelope<JobStartedV1>, @InboxTransaction() tx: EntityManager): Promise<void> {
    return this.runs.update(tx, event.data.jobRunId, { status: 'RUNNING', startedAt: new Date(event.data.startedAt) });
  }

  @OncePerEvent(JobCompletedV1)
  onCompleted(@Payload() event: Envelope<JobCompletedV1>, @InboxTransaction() tx: EntityManager): Promise<void> {
    return this.runs.update(tx, event.data.jobRunId, {
      status: event.data.outcome,
      counts: event.data.counts,
      summary: event.data.summary,
      finishedAt: new Date(event.data.finishedAt),
    });
  }
}
