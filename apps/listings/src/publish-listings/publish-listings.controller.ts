import { CurrentTenant } from '@amazon-channel/platform-auth';
import { ApiZodBody, type JobEntity } from '@amazon-channel/platform-service';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { JobRequestsRepository } from '../job-requests/job-requests.repository';
import { parsePublishResultsQuery, parsePublishSettings, publishSettingsSchema } from './dto/publish-settings';
import type { PublishResultEntity } from './entities/publish-result.entity';
import { PublishListingsErrorFilter } from './publish-listings-error.filter';
import { PublishListingsError } from './publish-listings.error';
import { PublishListingsRepository } from './publish-listings.repository';

/** Starts Publish Listings (validation preview or publish) and reads a run's per-SKU results. */
@ApiTags('publish-listings')
@ApiBearerAuth()
@UseFilters(PublishListingsErrorFilter)
@Controller('connections/:connectionId/jobs')
export class PublishListingsController {
  constructor(
    private readonly requests: JobRequestsRepository,
    private readonly results: PublishListingsRepository,
  ) {}

  @Post('publish-listings')
  @ApiZodBody(publishSettingsSchema)
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'The run is queued; follow it at /jobs/:id, per-SKU results at .../publish-results' })
  @ApiConflictResponse({ description: 'JOB_ALREADY_OPEN: a publish is already queued or running for this connection' })
  async start(
    @CurrentTenant() tenantId: string,
    @Param('connectionId') connectionId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<JobEntity> {
    const settings = parsePublishSettings(body);
    const { job, created } = await this.requests.request(tenantId, connectionId, 'publish-listings', settings);
    if (!created)
      throw new PublishListingsError('JOB_ALREADY_OPEN', `A publish-listings run is already ${job.status} for connection ${connectionId}`, { jobId: job.id });
    res.setHeader('location', `/jobs/${job.id}`);
    return job;
  }

  @Get(':jobId/publish-results')
  @ApiOkResponse({ description: 'Per SKU: READY / PUBLISHED / LIVE / FAILED (reason and fix) / SKIPPED, in SKU order (`afterSku` pages)' })
  async list(
    @CurrentTenant() tenantId: string,
    @Param('connectionId') connectionId: string,
    @Param('jobId', new ParseUUIDPipe()) jobId: string,
    @Query() query: unknown,
  ): Promise<{ job: JobEntity; results: PublishResultEntity[]; nextAfterSku: string | null }> {
    const filter = parsePublishResultsQuery(query);
    const found = await this.requests.findWithErrors(tenantId, jobId, 0);
    if (!found || found.job.connectionId !== connectionId || found.job.operation !== 'publish-listings') {
      throw new PublishListingsError('JOB_NOT_FOUND', `No publish-listings run ${jobId} for connection ${connectionId}`);
    }
    const results = await this.results.page(tenantId, connectionId, jobId, filter);
    return { job: found.job, results, nextAfterSku: results.length === filter.limit ? (results[results.length - 1]?.sku ?? null) : null };
  }
}
