import { ConnectionOwnership, CurrentTenant } from '@amazon-channel/platform-auth';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { requestJobRunSchema, RequestJobRunDto } from './dto/request-job-run.dto';
import { jobRunView, listJobRunsQuery, parseQuery, resultsQuery, type JobRunResultsPage, type JobRunView } from './dto/job-run.view';
import { resultLines } from './domain/run-results';
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
  @ApiQuery({ name: 'operation', required: false })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1–500, default 100' })
  @ApiOkResponse({ description: "The tenant's runs of every service (scheduled, API, CronJob, started on the owning service), newest first, with progress" })
  async list(@CurrentTenant() tenantId: string, @Query() query: unknown): Promise<JobRunView[]> {
    const filter = parseQuery(listJobRunsQuery, query);
    if (filter.connectionId !== undefined) await this.ownership.ownedConnection(tenantId, filter.connectionId);
    return (await this.runs.list(tenantId, filter)).map(jobRunView);
  }

  @Get(':id')
  async get(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<JobRunView> {
    return jobRunView(await this.findOrThrow(tenantId, id));
  }

  @Get(':id/results')
  @ApiQuery({ name: 'outcome', required: false, enum: ['SUCCEEDED', 'SKIPPED', 'FAILED'] })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiOkResponse({ description: 'The counts the owning service reported, one line per outcome and reason, paginated' })
  async results(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string, @Query() query: unknown): Promise<JobRunResultsPage> {
    const page = parseQuery(resultsQuery, query);
    const run = await this.findOrThrow(tenantId, id);
    const lines = resultLines(run.counts as Record<string, number>).filter((line) => page.outcome === undefined || line.outcome === page.outcome);
    return {
      jobRunId: run.id,
      status: run.status,
      total: lines.length,
      limit: page.limit,
      offset: page.offset,
      items: lines.slice(page.offset, page.offset + page.limit),
    };
  }

  private async findOrThrow(tenantId: string, id: string): Promise<JobRunEntity> {
    const run = await this.runs.find(tenantId, id);
    if (!run) throw new JobRunError('JOB_RUN_NOT_FOUND', `No job run ${id}`);
    return run;
  }
}
