import { JobCompletedV1, JobProgressedV1, JobStartedV1, type Envelope } from '@amazon-channel/contracts';
import type { HandlerOutcome } from '@amazon-channel/platform-messaging';
import { applyOnce } from '@amazon-channel/platform-persistence';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { JobRunsRepository } from './job-runs.repository';

const GROUP = 'scheduler';

/**
 * Follows runs through the owning services' events: every run of every service, including runs the
 * scheduler did not request (imports started on listings), with their progress and outcome.
 */
@Controller()
export class JobRunsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: JobRunsRepository,
  ) {}

  @EventPattern(JobStartedV1.topic)
  onStarted(@Payload() event: Envelope<JobStartedV1>): Promise<HandlerOutcome> {
    return applyOnce(this.dataSource, { consumerGroup: GROUP, eventId: event.id, topic: JobStartedV1.topic, eventType: event.type }, (manager) =>
      this.runs.recordStarted(manager, event.tenantId, event.data),
    );
  }

  @EventPattern(JobProgressedV1.topic)
  onProgressed(@Payload() event: Envelope<JobProgressedV1>): Promise<HandlerOutcome> {
    return applyOnce(this.dataSource, { consumerGroup: GROUP, eventId: event.id, topic: JobProgressedV1.topic, eventType: event.type }, (manager) =>
      this.runs.recordProgress(manager, event.data, new Date(event.occurredAt)),
    );
  }

  @EventPattern(JobCompletedV1.topic)
  onCompleted(@Payload() event: Envelope<JobCompletedV1>): Promise<HandlerOutcome> {
    return applyOnce(this.dataSource, { consumerGroup: GROUP, eventId: event.id, topic: JobCompletedV1.topic, eventType: event.type }, (manager) =>
      this.runs.recordCompleted(manager, event.tenantId, event.data),
    );
  }
}
