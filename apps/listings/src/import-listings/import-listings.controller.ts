import { ApiZodBody } from '@amazon-channel/platform-service';
import { CurrentTenant } from '@amazon-channel/platform-auth';
import type { JobEntity } from '@amazon-channel/platform-service';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { importSettingsSchema } from './domain/import-settings';
import { JobRequestsRepository } from '../job-requests/job-requests.repository';
import { ImportListingsErrorFilter } from './import-listings-error.filter';
import { ImportListingsError } from './import-listings.error';

/** Starts Import Listings for a connection (manual only) and reads a run's result record. */
@ApiTags('import-listings')
@ApiBearerAuth()
@UseFilters(ImportListingsErrorFilter)
@Controller('connections/:connectionId/jobs')
export class ImportListingsController {
  constructor(private readonly requests: JobRequestsRepository) {}

  @Post('import-listings')
  @ApiZodBody(importSettingsSchema)
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'The run is queued; follow it at /jobs/:id' })
  @ApiConflictResponse({ description: 'JOB_ALREADY_OPEN: an import is already queued or running for this connection' })
  async start(
    @CurrentTenant() tenantId: string,
    @Param('connectionId') connectionId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<JobEntity> {
    const parsed = importSettingsSchema.safeParse(body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ImportListingsError('INVALID_SETTINGS', `${issue.path.join('.') || 'body'}: ${issue.message}`, { field: issue.path.join('.') });
    }
    const { job, created } = await this.requests.request(tenantId, connectionId, 'import-listings', parsed.data);
    if (!created)
      throw new ImportListingsError('JOB_ALREADY_OPEN', `An import-listings run is already ${job.status} for connection ${connectionId}`, { jobId: job.id });
    res.setHeader('location', `/jobs/${job.id}`);
    return job;
  }

  @Get('import-listings/:jobId')
  @ApiOkResponse({ description: 'The run (status, step, counts, failure reason) and its first 1,000 row errors with line numbers' })
  async result(
    @CurrentTenant() tenantId: string,
    @Param('connectionId') connectionId: string,
    @Param('jobId', new ParseUUIDPipe()) jobId: string,
  ): Promise<{ job: JobEntity; rowErrors: Array<{ line: number; sku: string | null; message: string }> }> {
    const found = await this.requests.findWithErrors(tenantId, jobId, 1000);
    if (!found || found.job.connectionId !== connectionId || found.job.operation !== 'import-listings') {
      throw new ImportListingsError('JOB_NOT_FOUND', `No import-listings run ${jobId} for connection ${connectionId}`);
    }
    return found;
  }
}
