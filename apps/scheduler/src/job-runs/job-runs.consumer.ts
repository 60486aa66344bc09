import { JobCompletedV1, JobStartedV1, type Envelope } from '@amazon-channel/contracts';
import type { HandlerOutcome } from '@amazon-channel/platform-messaging';
import { applyOnce } from '@amazon-channel/platform-persistence';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { JobRunsRepository } from './job-runs.repository';

const GROUP = 'scheduler';

/** Follows runs through the owning services' events. */
@Controller()
export class JobRunsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: JobRunsRepository,
  ) {}

  @EventPattern(JobStartedV1.topic)
  onStarted(@Payload() event: Envelope<JobStartedV1>): Promise<HandlerOutcome> {
    return applyOnce(this.dataSource, { consumerGroup: GROUP, eventId: event.id, topic: JobStartedV1.topic, eventType: event.type }, (manager) =>
      this.runs.update(manager, event.data.jobRunId, { status: 'RUNNING', startedAt: new Date(event.data.startedAt) }),
    );
  }

  @EventPattern(JobCompletedV1.topic)
  onCompleted(@Payload() event: Envelope<JobCompletedV1>): Promise<HandlerOutcome> {
    return applyOnce(this.dataSource, { consumerGroup: GROUP, eventId: event.id, topic: JobCompletedV1.topic, eventType: event.type }, (manager) =>
      this.runs.update(manager, event.data.jobRunId, {
        status: event.data.outcome,
        counts: event.data.counts,
        summary: event.data.summary,
        finishedAt: new Date(event.data.finishedAt),
      }),
    );
  }
}
