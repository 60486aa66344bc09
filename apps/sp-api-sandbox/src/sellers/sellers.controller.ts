import { Controller, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ctx } from '../core/http';
import { findMarketplace } from '../state/marketplaces';

/** Sellers v1 `getMarketplaceParticipations`. */
@Controller('sellers/v1')
export class SellersController {
  @Get('marketplaceParticipations')
  participations(@Req() req: Request) {
    const { seller } = ctx(req);
    return {
      payload: seller.marketplaceIds.map((id) => {
        const mp = findMarketplace(id);
        return {
          marketplace: {
            id,
            name: mp?.name ?? id,
            countryCode: mp?.countryCode ?? 'US',
            defaultCurrencyCode: mp?.currency ?? 'USD',
            defaultLanguageCode: mp?.language ?? 'en_US',
            domainName: mp?.domainName ?? 'www.amazon.com',
          },
          participation: { isParticipating: true, hasSuspendedListings: false },
          storeName: seller.storeName,
        };
      }),
    };
  }
}
