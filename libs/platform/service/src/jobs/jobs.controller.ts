import { ConnectionOwnership, CurrentTenant } from '@amazon-channel/platform-auth';
import { Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { JobEntity } from './job.entity';
import { JobsRepository } from './jobs.repository';

/** The job runs this service owns, per tenant: status, step, counts, failure reason; cancel a waiting run. */
@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsRepository,
    private readonly ownership: ConnectionOwnership,
  ) {}

  @Get()
  @ApiQuery({ name: 'connectionId', required: false })
  @ApiOkResponse({ description: 'The 100 most recent job runs, newest first' })
  async list(@CurrentTenant() tenantId: string, @Query('connectionId') connectionId?: string): Promise<JobEntity[]> {
    if (connectionId !== undefined) await this.ownership.ownedConnection(tenantId, connectionId);
    return this.jobs.list(tenantId, connectionId);
  }

  @Get(':id')
  async get(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<JobEntity> {
    const job = await this.jobs.findOwned(tenantId, id);
    if (!job) throw new NotFoundException({ code: 'JOB_NOT_FOUND', message: `No job run ${id}` });
    return job;
  }

  /** Cancels a run that has not started; a running one finishes its current step first (not yet supported). */
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<JobEntity> {
    await this.jobs.cancelQueued(tenantId, id);
    return this.get(tenantId, id);
  }
}
