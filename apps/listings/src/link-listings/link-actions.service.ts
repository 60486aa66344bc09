import { quoteIdent } from '@amazon-channel/platform-persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChannelListingsRepository } from '../channel-listings/channel-listings.repository';
import type { ChannelListingEntity } from '../channel-listings/entities/channel-listing.entity';
import { CONNECTION_TOKEN_PROVIDER, type ConnectionTokenProvider } from '../connections/connection-token.provider';
import { SpApiClients } from '../connections/sp-api-clients';
import { LISTINGS_SCHEMA } from '../service-schema';
import { LinkListingsError } from './link-listings.error';
import { ListingLinker } from './listing-linker';

const LISTINGS = `${quoteIdent(LISTINGS_SCHEMA)}.channel_listings`;

/** A seller's link, unlink and relink of one channel listing. */
@Injectable()
export class LinkActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly listings: ChannelListingsRepository,
    private readonly linker: ListingLinker,
    @Inject(CONNECTION_TOKEN_PROVIDER) private readonly tokens: ConnectionTokenProvider,
    private readonly clients: SpApiClients,
  ) {}

  /** Disconnects the listing from Amazon's: sync leaves it alone until it is linked again. */
  async unlink(tenantId: string, id: string): Promise<ChannelListingEntity> {
    const listing = await this.find(tenantId, id);
    await this.dataSource.query(`UPDATE ${LISTINGS} SET link_status = 'UNLINKED', platform_listing_id = NULL, updated_at = now() WHERE id = $1`, [listing.id]);
    return this.find(tenantId, id);
  }

  /** Links the listing to the Amazon listing with its exact SKU, checked on Amazon now. */
  async link(tenantId: string, id: string): Promise<ChannelListingEntity> {
    const listing = await this.find(tenantId, id);
    const access = await this.tokens.forConnection(listing.connectionId, tenantId);
    const amazon = await this.linker.lookup(this.clients.forAccess(access), access, [listing.sku]);
    const outcome = await this.dataSource.transaction((manager) => this.linker.apply(manager, { tenantId, connectionId: listing.connectionId, jobId: null }, [listing.sku], amazon));
    const state = outcome.get(listing.sku);
    if (state === 'broken' || state === 'not_on_amazon') {
      throw new LinkListingsError('NOT_ON_AMAZON', `Amazon has no listing with SKU ${listing.sku}`, { listingId: listing.id, linkStatus: state === 'broken' ? 'BROKEN' : listing.linkStatus });
    }
    return this.find(tenantId, id);
  }

  /** Unlink then link: how a seller fixes a broken link once the SKU is back on Amazon. */
  async relink(tenantId: string, id: string): Promise<ChannelListingEntity> {
    await this.unlink(tenantId, id);
    return this.link(tenantId, id);
  }

  private async find(tenantId: string, id: string): Promise<ChannelListingEntity> {
    const listing = await this.listings.findOne(tenantId, id);
    if (!listing) throw new LinkListingsError('LISTING_NOT_FOUND', `No listing ${id}`);
    return listing;
  }
}
