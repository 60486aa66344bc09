import { Module } from '@nestjs/common';
import { JobRunsConsumer } from './job-runs.consumer';
import { JobRunsController } from './job-runs.controller';
import { JobRunsRepository } from './job-runs.repository';

/** The job-run registry: request runs, follow them, read their outcome. */
@Module({ controllers: [JobRunsController, JobRunsConsumer], providers: [JobRunsRepository] })
export class JobRunsModule {}
