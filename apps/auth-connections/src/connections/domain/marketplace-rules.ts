import { findMarketplace, MARKETPLACES, SP_API_REGIONS, type Marketplace, type SpApiRegion } from '@amazon-channel/sp-api';
import { ConnectionError } from '../connections.error';

/** The marketplace of `id`, or UNKNOWN_MARKETPLACE. */
export function marketplaceOrFail(id: string): Marketplace {
  const marketplace = findMarketplace(id);
  if (!marketplace)
    throw new ConnectionError('UNKNOWN_MARKETPLACE', `Unknown Amazon marketplace id ${id}; GET /marketplaces lists them`, { marketplaceId: id });
  return marketplace;
}

/** Refuses a marketplace served by another region than `region` (a refresh token works in one region only). */
export function assertSameRegion(marketplace: Marketplace, region: string): void {
  if (marketplace.region !== region) {
    throw new ConnectionError(
      'MARKETPLACE_REGION_MISMATCH',
      `Marketplace ${marketplace.id} (${marketplace.name}) is in region ${marketplace.region}, but this authorization belongs to region ${region}; authorize the ${marketplace.region} account separately`,
      { marketplaceId: marketplace.id, marketplaceRegion: marketplace.region, region },
    );
  }
}

/** One region of the marketplace dropdown. */
export interface MarketplaceGroup {
  region: SpApiRegion;
  marketplaces: Array<Pick<Marketplace, 'id' | 'countryCode' | 'name' | 'currency' | 'sellerCentralUrl'>>;
}

/** All of Amazon's marketplaces grouped by region, in a stable order, for a dropdown. */
export function marketplacesByRegion(): MarketplaceGroup[] {
  return SP_API_REGIONS.map((region) => ({
    region,
    marketplaces: MARKETPLACES.filter((m) => m.region === region).map(({ id, countryCode, name, currency, sellerCentralUrl }) => ({
      id,
      countryCode,
      name,
      currency,
      sellerCentralUrl,
    })),
  }));
}
