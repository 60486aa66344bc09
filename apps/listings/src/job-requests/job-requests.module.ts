import { Module } from '@nestjs/common';
import { JobRequestsRepository } from './job-requests.repository';

/** Queues listing job runs from the API, one open run per connection and operation. */
@Module({ providers: [JobRequestsRepository], exports: [JobRequestsRepository] })
export class JobRequestsModule {}
