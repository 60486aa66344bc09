import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { JobRequestsConsumer } from './job-requests.consumer';
import { JobRunner } from './job-runner';
import { JobsController } from './jobs.controller';

/**
 * Job runs owned by a service: accepts `JobRequested` for its operations, serves `/jobs`, and runs
 * them with the handlers that `imports` provide under `JOB_HANDLERS`.
 * @example JobsModule.forRoot({ imports: [ImportListingsModule] })
 */
@Module({ controllers: [JobRequestsConsumer, JobsController], providers: [JobRunner], exports: [JobRunner] })
export class JobsModule {
  static forRoot(options: { imports?: ModuleMetadata['imports'] } = {}): DynamicModule {
    return { module: JobsModule, imports: options.imports ?? [] };
  }
}
