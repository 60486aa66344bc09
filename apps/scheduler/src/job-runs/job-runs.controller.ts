import { ConnectionOwnership, CurrentTenant } from '@amazon-channel/platform-auth';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { requestJobRunSchema, RequestJobRunDto } from './dto/request-job-run.dto';
import type { JobRunEntity } from './entities/job-run.entity';
import { JobRunErrorFilter } from './job-run-error.filter';
import { JobRunError } from './job-runs.error';
import { JobRunsRepository } from './job-runs.repository';

/** Requests job runs and reads their outcome, for the tenant named by the caller's platform JWT. */
@ApiTags('job-runs')
@ApiBearerAuth()
@UseFilters(JobRunErrorFilter)
@Controller('job-runs')
export class JobRunsController {
  constructor(
    private readonly runs: JobRunsRepository,
    private readonly ownership: ConnectionOwnership,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiBody({ type: RequestJobRunDto })
  @ApiCreatedResponse({ description: 'The run was requested; the owning service will start it' })
  @ApiNotFoundResponse({ description: "CONNECTION_NOT_FOUND: no such connection for the caller's tenant" })
  @ApiConflictResponse({ description: 'JOB_ALREADY_RUNNING: an open run exists for this connection and operation' })
  async request(@CurrentTenant() tenantId: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<JobRunEntity> {
    const parsed = requestJobRunSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new JobRunError('INVALID_REQUEST', `${issue.path.join('.') || 'body'}: ${issue.message}`, { field: issue.path.join('.') });
    }
    // Before anything is written: another tenant's connection is 404, as if it did not exist.
    await this.ownership.ownedConnection(tenantId, parsed.data.connectionId);
    const { run, created } = await this.runs.request(tenantId, parsed.data);
    if (!created) {
      throw new JobRunError('JOB_ALREADY_RUNNING', `A ${run.operation} run is already open for connection ${run.connectionId}`, { jobRunId: run.id });
    }
    res.setHeader('location', `/job-runs/${run.id}`);
    return run;
  }

  @Get()
  @ApiQuery({ name: 'connectionId', required: false })
  async list(@CurrentTenant() tenantId: string, @Query('connectionId') connectionId?: string): Promise<JobRunEntity[]> {
    if (connectionId !== undefined) await this.ownership.ownedConnection(tenantId, connectionId);
    return this.runs.list(tenantId, connectionId);
  }

  @Get(':id')
  async get(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<JobRunEntity> {
    const run = await this.runs.find(tenantId, id);
    if (!run) throw new JobRunError('JOB_RUN_NOT_FOUND', `No job run ${id}`);
    return run;
  }
}
