import { ConnectionOwnership, CurrentTenant } from '@amazon-channel/platform-auth';
import { Controller, Get, Param, ParseUUIDPipe, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ChannelListingErrorFilter } from './channel-listing-error.filter';
import { ChannelListingError } from './channel-listings.error';
import { ChannelListingsRepository } from './channel-listings.repository';
import { decodeCursor, encodeCursor, listListingsQuery } from './dto/list-listings.query';
import type { ChannelListingEntity } from './entities/channel-listing.entity';

/** The tenant's channel listings: filter, page through, read one. */
@ApiTags('listings')
@ApiBearerAuth()
@UseFilters(ChannelListingErrorFilter)
@Controller('listings')
export class ChannelListingsController {
  constructor(
    private readonly listings: ChannelListingsRepository,
    private readonly ownership: ConnectionOwnership,
  ) {}

  @Get()
  @ApiQuery({ name: 'connectionId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['ACTIVE', 'PAUSED', 'HIDDEN', 'DELISTED'] })
  @ApiQuery({ name: 'linkStatus', required: false, enum: ['UNLINKED', 'LINKED', 'BROKEN'] })
  @ApiQuery({ name: 'publishState', required: false, enum: ['PUBLISHED', 'LIVE', 'FAILED'] })
  @ApiQuery({ name: 'skuPrefix', required: false })
  @ApiQuery({ name: 'updatedSince', required: false, description: 'ISO date-time' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 100' })
  @ApiOkResponse({ description: '{ items, nextCursor }: oldest change first; nextCursor is null on the last page' })
  async list(@CurrentTenant() tenantId: string, @Query() query: Record<string, string>): Promise<{ items: ChannelListingEntity[]; nextCursor: string | null }> {
    const parsed = listListingsQuery.safeParse(query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ChannelListingError('INVALID_QUERY', `${issue.path.join('.') || 'query'}: ${issue.message}`, { field: issue.path.join('.') });
    }
    const q = parsed.data;
    if (q.connectionId !== undefined) await this.ownership.ownedConnection(tenantId, q.connectionId);
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    if (after === null) throw new ChannelListingError('INVALID_QUERY', 'cursor: not a cursor this API returned', { field: 'cursor' });
    const items = await this.listings.findPage(tenantId, {
      connectionId: q.connectionId,
      listingStatus: q.status,
      linkStatus: q.linkStatus,
      publishState: q.publishState,
      skuPrefix: q.skuPrefix,
      updatedSince: q.updatedSince ? new Date(q.updatedSince) : undefined,
      after,
      limit: q.limit + 1,
    });
    const more = items.length > q.limit;
    const page = more ? items.slice(0, q.limit) : items;
    const last = page[page.length - 1];
    return { items: page, nextCursor: more && last ? encodeCursor(last.updatedAt, last.id) : null };
  }

  @Get(':id')
  async get(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<ChannelListingEntity> {
    const listing = await this.listings.findOne(tenantId, id);
    if (!listing) throw new ChannelListingError('LISTING_NOT_FOUND', `No listing ${id}`);
    return listing;
  }
}
