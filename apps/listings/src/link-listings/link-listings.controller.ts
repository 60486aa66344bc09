import { ApiZodBody } from '@amazon-channel/platform-service';
import { CurrentTenant } from '@amazon-channel/platform-auth';
import type { JobEntity } from '@amazon-channel/platform-service';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ChannelListingEntity } from '../channel-listings/entities/channel-listing.entity';
import { JobRequestsRepository } from '../job-requests/job-requests.repository';
import { bulkPlatformListingsDoc, platformListingBody } from './dto/platform-listing.body';
import { LinkListingsErrorFilter } from './link-listings-error.filter';
import { LinkListingsError } from './link-listings.error';
import { LinkActionsService } from './link-actions.service';
import { PlatformListingsService, type BulkResult } from './platform-listings.service';

/** Platform listings, the Link Listings job, and link / unlink / relink of one listing. */
@ApiTags('link-listings')
@ApiBearerAuth()
@UseFilters(LinkListingsErrorFilter)
@Controller()
export class LinkListingsController {
  constructor(
    private readonly requests: JobRequestsRepository,
    private readonly platformListings: PlatformListingsService,
    private readonly actions: LinkActionsService,
  ) {}

  @Put('connections/:connectionId/platform-listings/:sku')
  @ApiZodBody(platformListingBody)
  @HttpCode(204)
  @ApiOkResponse({ description: 'The platform listing of this SKU is known (same as a PlatformListingChanged event)' })
  async putPlatformListing(
    @CurrentTenant() tenantId: string,
    @Param('connectionId') connectionId: string,
    @Param('sku') sku: string,
    @Body() body: unknown,
  ): Promise<void> {
    await this.platformListings.saveOne(tenantId, connectionId, sku, body);
  }

  @Put('connections/:connectionId/platform-listings')
  @ApiZodBody(bulkPlatformListingsDoc)
  @HttpCode(200)
  @ApiOkResponse({ description: 'Per row (index): CREATED, CHANGED, UNCHANGED or REJECTED with coded field errors; totals' })
  putPlatformListings(@CurrentTenant() tenantId: string, @Param('connectionId') connectionId: string, @Body() body: unknown): Promise<BulkResult> {
    return this.platformListings.saveMany(tenantId, connectionId, body);
  }

  @Post('connections/:connectionId/jobs/link-listings')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'The run is queued; follow it at /jobs/:id' })
  @ApiConflictResponse({ description: 'JOB_ALREADY_OPEN' })
  async start(@CurrentTenant() tenantId: string, @Param('connectionId') connectionId: string, @Res({ passthrough: true }) res: Response): Promise<JobEntity> {
    const { job, created } = await this.requests.request(tenantId, connectionId, 'link-listings', {});
    if (!created)
      throw new LinkListingsError('JOB_ALREADY_OPEN', `A link-listings run is already ${job.status} for connection ${connectionId}`, { jobId: job.id });
    res.setHeader('location', `/jobs/${job.id}`);
    return job;
  }

  @Post('listings/:id/unlink')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The listing, UNLINKED' })
  unlink(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<ChannelListingEntity> {
    return this.actions.unlink(tenantId, id);
  }

  @Post('listings/:id/link')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The listing, LINKED to the Amazon listing with its exact SKU' })
  @ApiConflictResponse({ description: 'NOT_ON_AMAZON' })
  link(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<ChannelListingEntity> {
    return this.actions.link(tenantId, id);
  }

  @Post('listings/:id/relink')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Unlinked, then linked again (fixes a BROKEN link once the SKU is back on Amazon)' })
  relink(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<ChannelListingEntity> {
    return this.actions.relink(tenantId, id);
  }
}
