import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { JobEntity } from './job.entity';

/** Read access to the job runs this service owns: status, step, counts, failure reason. */
@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiQuery({ name: 'connectionId', required: false })
  @ApiOkResponse({ description: 'The 100 most recent job runs, newest first' })
  list(@Query('connectionId') connectionId?: string): Promise<JobEntity[]> {
    return this.dataSource.getRepository(JobEntity).find({
      where: connectionId ? { connectionId } : {},
      order: { createdAt: 'DESC' },
      take: 100,
    });
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<JobEntity> {
    const job = await this.dataSource.getRepository(JobEntity).findOneBy({ id });
    if (!job) throw new NotFoundException({ code: 'JOB_NOT_FOUND', message: `No job run ${id}` });
    return job;
  }
}
