import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { requestJobRunSchema, RequestJobRunDto } from './dto/request-job-run.dto';
import type { JobRunEntity } from './entities/job-run.entity';
import { JobRunErrorFilter } from './job-run-error.filter';
import { JobRunError } from './job-runs.error';
import { JobRunsRepository } from './job-runs.repository';

/**
 * Requests job runs and reads their outcome. The tenant comes from `x-tenant-id` until the platform
 * JWT guard of auth-connections is shared (tracked in the README's known gaps).
 */
@ApiTags('job-runs')
@ApiHeader({ name: 'x-tenant-id', required: true })
@UseFilters(JobRunErrorFilter)
@Controller('job-runs')
export class JobRunsController {
  constructor(private readonly runs: JobRunsRepository) {}

  @Post()
  @HttpCode(201)
  @ApiBody({ type: RequestJobRunDto })
  @ApiCreatedResponse({ description: 'The run was requested; the owning service will start it' })
  @ApiConflictResponse({ description: 'JOB_ALREADY_RUNNING: an open run exists for this connection and operation' })
  async request(@Headers('x-tenant-id') tenantId: string | undefined, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<JobRunEntity> {
    const parsed = requestJobRunSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new JobRunError('INVALID_REQUEST', `${issue.path.join('.') || 'body'}: ${issue.message}`, { field: issue.path.join('.') });
    }
    const { run, created } = await this.runs.request(requireTenant(tenantId), parsed.data);
    if (!created) {
      throw new JobRunError('JOB_ALREADY_RUNNING', `A ${run.operation} run is already open for connection ${run.connectionId}`, { jobRunId: run.id });
    }
    res.setHeader('location', `/job-runs/${run.id}`);
    return run;
  }

  @Get()
  list(@Headers('x-tenant-id') tenantId: string | undefined, @Query('connectionId') connectionId?: string): Promise<JobRunEntity[]> {
    return this.runs.list(requireTenant(tenantId), connectionId);
  }

  @Get(':id')
  async get(@Headers('x-tenant-id') tenantId: string | undefined, @Param('id', new ParseUUIDPipe()) id: string): Promise<JobRunEntity> {
    const run = await this.runs.find(requireTenant(tenantId), id);
    if (!run) throw new JobRunError('JOB_RUN_NOT_FOUND', `No job run ${id}`);
    return run;
  }
}

function requireTenant(tenantId: string | undefined): string {
  if (!tenantId || !/^[A-Za-z0-9_-]{1,64}$/.test(tenantId)) throw new JobRunError('TENANT_REQUIRED', 'x-tenant-id header is required');
  return tenantId;
}
