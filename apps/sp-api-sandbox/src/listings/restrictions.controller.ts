import { Controller, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
import { checkEnum, ctx, queryList, queryString } from '../core/http';
import { SandboxError } from '../core/sandbox-error';
import { catalogFacts, indexOfAsin } from '../state/catalog-seed';
import { findMarketplace } from '../state/marketplaces';

const CONDITIONS = [
  'new_new',
  'new_open_box',
  'new_oem',
  'refurbished_refurbished',
  'used_like_new',
  'used_very_good',
  'used_good',
  'used_acceptable',
  'collectible_like_new',
  'collectible_very_good',
  'collectible_good',
  'collectible_acceptable',
  'club_club',
];

/**
 * Listings Restrictions 2021-08-01: tells a seller before listing whether an ASIN needs approval
 * (gated brands), does not exist, or is free to list (empty list).
 */
@Controller('listings/2021-08-01/restrictions')
export class RestrictionsController {
  @Get()
  get(@Req() req: Request) {
    const { seller } = ctx(req);
    const asin = queryString(req, 'asin');
    const sellerId = queryString(req, 'sellerId');
    const marketplaceIds = queryList(req, 'marketplaceIds');
    const conditionType = queryString(req, 'conditionType');
    if (!asin || !/^[A-Z0-9]{10}$/.test(asin)) throw SandboxError.invalid('asin', `Invalid asin ${asin ?? '(missing)'}.`);
    if (!sellerId) throw SandboxError.invalid('sellerId', 'sellerId is required.');
    if (sellerId !== seller.sellingPartnerId) throw SandboxError.unauthorized('The sellerId does not match the authorized selling partner.');
    if (!marketplaceIds || marketplaceIds.length === 0) throw SandboxError.invalid('marketplaceIds', 'marketplaceIds is required.');
    for (const id of marketplaceIds) if (!findMarketplace(id)) throw SandboxError.invalid('marketplaceIds', `Invalid marketplaceId: ${id}.`);
    checkEnum('conditionType', conditionType ? [conditionType] : undefined, CONDITIONS);
    const index = indexOfAsin(asin);
    const item = index === undefined ? undefined : catalogFacts(index);
    const restriction = (reasonCode: 'APPROVAL_REQUIRED' | 'ASIN_NOT_FOUND', message: string) =>
      marketplaceIds.map((marketplaceId) => ({
        marketplaceId,
        ...(conditionType ? { conditionType } : {}),
        reasons: [
          {
            message,
            reasonCode,
            ...(reasonCode === 'APPROVAL_REQUIRED'
              ? {
                  links: [
                    {
                      resource: `https://sellercentral.sandbox.invalid/hz/approvalrequest/restrictions/approve?asin=${asin}`,
                      verb: 'GET',
                      title: 'Request approval',
                      type: 'text/html',
                    },
                  ],
                }
              : {}),
          },
        ],
      }));
    if (!item) return { restrictions: restriction('ASIN_NOT_FOUND', `ASIN ${asin} was not found in the catalog.`) };
    if (item.gated && !seller.approvedBrands.has(item.brand)) {
      return { restrictions: restriction('APPROVAL_REQUIRED', `You need approval to list products of the brand '${item.brand}'.`) };
    }
    return { restrictions: [] };
  }
}
