import { CurrentTenant } from '@amazon-channel/platform-auth';
import { ApiZodBody, type JobEntity } from '@amazon-channel/platform-service';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { JobRequestsRepository } from '../job-requests/job-requests.repository';
import { LinkListingsErrorFilter } from '../link-listings/link-listings-error.filter';
import { LinkListingsError } from '../link-listings/link-listings.error';
import { SyncStateRepository } from './sync-state.repository';

/** Body of `PUT /connections/:connectionId/sync-settings`. */
export const syncSettingsBody = z
  .object({
    driftPolicy: z.enum(['REPORT_ONLY', 'RESTORE'], { error: 'must be REPORT_ONLY or RESTORE' }),
    hideWhenOutOfStock: z.boolean({ error: 'must be a boolean' }),
  })
  .strict();

/** The sync-listings job and the connection's sync settings. */
@ApiTags('sync-listings')
@ApiBearerAuth()
@UseFilters(LinkListingsErrorFilter)
@Controller()
export class SyncListingsController {
  constructor(
    private readonly requests: JobRequestsRepository,
    private readonly sync: SyncStateRepository,
  ) {}

  @Post('connections/:connectionId/jobs/sync-listings')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'The run is queued; follow it at /jobs/:id' })
  @ApiConflictResponse({ description: 'JOB_ALREADY_OPEN' })
  async start(@CurrentTenant() tenantId: string, @Param('connectionId') connectionId: string, @Res({ passthrough: true }) res: Response): Promise<JobEntity> {
    const { job, created } = await this.requests.request(tenantId, connectionId, 'sync-listings', {});
    if (!created)
      throw new LinkListingsError('JOB_ALREADY_OPEN', `A sync-listings run is already ${job.status} for connection ${connectionId}`, { jobId: job.id });
    res.setHeader('location', `/jobs/${job.id}`);
    return job;
  }

  @Get('connections/:connectionId/sync-settings')
  @ApiOkResponse({ description: 'driftPolicy (REPORT_ONLY | RESTORE) and hideWhenOutOfStock' })
  settings(@Param('connectionId') connectionId: string): Promise<{ driftPolicy: string; hideWhenOutOfStock: boolean }> {
    return this.sync.settings(connectionId);
  }

  @Put('connections/:connectionId/sync-settings')
  @ApiZodBody(syncSettingsBody)
  @ApiOkResponse({ description: 'The saved settings' })
  async saveSettings(
    @CurrentTenant() tenantId: string,
    @Param('connectionId') connectionId: string,
    @Body() body: unknown,
  ): Promise<z.infer<typeof syncSettingsBody>> {
    const parsed = syncSettingsBody.safeParse(body ?? {});
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'body', reason: i.message }));
      throw new LinkListingsError('INVALID_REQUEST', `Invalid sync settings: ${details.map((d) => `${d.field} ${d.reason}`).join('; ')}`, details);
    }
    await this.sync.saveSettings(tenantId, connectionId, parsed.data);
    return parsed.data;
  }
}
