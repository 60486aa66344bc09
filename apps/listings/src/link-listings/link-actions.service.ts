import { AmazonConnections } from '@amazon-channel/platform-amazon';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ChannelListingsRepository } from '../channel-listings/channel-listings.repository';
import type { ChannelListingEntity } from '../channel-listings/entities/channel-listing.entity';
import { listingLinkEvents } from '../channel-listings/listing-events';
import { decideLink } from './domain/link-decision';
import { LinkListingsError } from './link-listings.error';
import { LinkListingsRepository } from './link-listings.repository';
import { ListingLinker } from './listing-linker';

/** A seller's link, unlink and relink of one channel listing. */
@Injectable()
export class LinkActionsService {
  constructor(
    private readonly listings: ChannelListingsRepository,
    private readonly links: LinkListingsRepository,
    private readonly linker: ListingLinker,
    private readonly amazon: AmazonConnections,
  ) {}

  /** Disconnects the listing from Amazon's: sync leaves it alone until it is linked again. */
  async unlink(tenantId: string, id: string): Promise<ChannelListingEntity> {
    if (!(await this.listings.unlink(tenantId, id))) throw new LinkListingsError('LISTING_NOT_FOUND', `No listing ${id}`);
    return this.find(tenantId, id);
  }

  /** Links the listing to the Amazon listing with its exact SKU, checked on Amazon now. */
  async link(tenantId: string, id: string): Promise<ChannelListingEntity> {
    const listing = await this.find(tenantId, id);
    const { account, client } = await this.amazon.forConnection(listing.connectionId, tenantId);
    const amazon = await this.linker.lookup(client, account, [listing.sku]);
    const known = await this.links.known(listing.connectionId, [listing.sku]);
    const decision = decideLink(listing.sku, amazon.get(listing.sku), known.channel.get(listing.sku), known.platform.get(listing.sku) ?? null, uuidv7);
    const scope = { tenantId, connectionId: listing.connectionId, jobId: null };
    await this.links.apply(scope, [decision], listingLinkEvents(scope, [decision], uuidv7));
    if (decision.outcome === 'broken' || decision.outcome === 'not_on_amazon') {
      throw new LinkListingsError('NOT_ON_AMAZON', `Amazon has no listing with SKU ${listing.sku}`, {
        listingId: listing.id,
        linkStatus: decision.outcome === 'broken' ? 'BROKEN' : listing.linkStatus,
      });
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
