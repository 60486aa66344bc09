import { Module } from '@nestjs/common';
import { JobRequestsConsumer } from './job-requests.consumer';
import { JobsController } from './jobs.controller';

/** Job runs owned by a service: accepts `JobRequested` for its operations and serves `/jobs`. */
@Module({ controllers: [JobRequestsConsumer, JobsController] })
export class JobsModule {}
