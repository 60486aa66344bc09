import { ConnectionOwnership, CurrentTenant } from '@amazon-channel/platform-auth';
import { Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { JobEntity } from './job.entity';

/** The job runs this service owns, per tenant: status, step, counts, failure reason; cancel a waiting run. */
@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ownership: ConnectionOwnership,
  ) {}

  @Get()
  @ApiQuery({ name: 'connectionId', required: false })
  @ApiOkResponse({ description: 'The 100 most recent job runs, newest first' })
  async list(@CurrentTenant() tenantId: string, @Query('connectionId') connectionId?: string): Promise<JobEntity[]> {
    if (connectionId !== undefined) await this.ownership.ownedConnection(tenantId, connectionId);
    return this.dataSource.getRepository(JobEntity).find({
      where: connectionId ? { tenantId, connectionId } : { tenantId },
      order: { createdAt: 'DESC' },
      take: 100,
    });
  }

  @Get(':id')
  async get(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<JobEntity> {
    const job = await this.dataSource.getRepository(JobEntity).findOneBy({ id, tenantId });
    if (!job) throw new NotFoundException({ code: 'JOB_NOT_FOUND', message: `No job run ${id}` });
    return job;
  }

  /** Cancels a run that has not started; a running one finishes its current step first (not yet supported). */
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<JobEntity> {
    await this.dataSource.getRepository(JobEntity).update({ id, tenantId, status: 'QUEUED' }, { status: 'CANCELLED', finishedAt: new Date() });
    return this.get(tenantId, id);
  }
}
