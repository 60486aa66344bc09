import { Controller, Delete, Get, Inject, Patch, Put, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { checkEnum, ctx, queryDate, queryInt, queryList, queryString, validate } from '../core/http';
import { SandboxError } from '../core/sandbox-error';
import { findMarketplace } from '../state/marketplaces';
import type { SpApiContext } from '../core/http';
import type { ItemIncludedData } from './listing-render';
import { ITEM_INCLUDED_DATA, renderItem } from './listing-render';
import { searchListings } from './listings-search';
import type { SubmissionResult } from './listings.service';
import { ListingsWriter } from './listings.service';

const putSchema = z.object({
  productType: z.string().min(1),
  requirements: z.enum(['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY']).optional(),
  attributes: z.record(z.string(), z.unknown()),
});

const patchSchema = z.object({
  productType: z.string().min(1),
  patches: z
    .array(
      z.object({ op: z.enum(['add', 'replace', 'merge', 'delete']), path: z.string().min(1), value: z.array(z.record(z.string(), z.unknown())).optional() }),
    )
    .min(1),
});

/** Checks the path's seller id against the token's seller (Amazon answers 403 for someone else's listings). */
function sellerOf(c: SpApiContext) {
  if (c.params['sellerId'] !== c.seller.sellingPartnerId)
    throw SandboxError.unauthorized('The sellerId in the path does not match the authorized selling partner.');
  return c.seller;
}

function marketplaces(req: Request, max?: number): string[] {
  const ids = queryList(req, 'marketplaceIds');
  if (!ids || ids.length === 0) throw SandboxError.invalid('marketplaceIds', 'marketplaceIds is required.');
  if (max !== undefined && ids.length > max) throw SandboxError.invalid('marketplaceIds', `marketplaceIds accepts at most ${max} value(s).`);
  for (const id of ids) if (!findMarketplace(id)) throw SandboxError.invalid('marketplaceIds', `Invalid marketplaceId: ${id}.`);
  return ids;
}

function submission(r: SubmissionResult, req: Request, marketplaceId: string) {
  const included = queryList(req, 'includedData') ?? ['issues'];
  checkEnum('includedData', included, ['identifiers', 'issues']);
  return {
    sku: r.sku,
    status: r.status,
    submissionId: r.submissionId,
    ...(included.includes('issues') ? { issues: r.issues } : {}),
    ...(included.includes('identifiers') && r.status === 'VALID' && r.asin ? { identifiers: [{ marketplaceId, asin: r.asin }] } : {}),
  };
}

function previewMode(req: Request): boolean {
  const mode = queryString(req, 'mode');
  if (mode !== undefined && mode !== 'VALIDATION_PREVIEW') throw SandboxError.invalid('mode', `Invalid mode: ${mode}.`);
  return mode === 'VALIDATION_PREVIEW';
}

/** Listings Items 2021-08-01. */
@Controller('listings/2021-08-01/items')
export class ListingsController {
  constructor(@Inject(ListingsWriter) private readonly writer: ListingsWriter) {}

  @Get(':sellerId/:sku')
  get(@Req() req: Request) {
    const c = ctx(req);
    const seller = sellerOf(c);
    const mps = marketplaces(req);
    const included = queryList(req, 'includedData') ?? ['summaries'];
    checkEnum('includedData', included, ITEM_INCLUDED_DATA);
    const sku = c.params['sku'] ?? '';
    const record = seller.getListing(sku);
    if (!record) throw SandboxError.notFound(`SKU '${sku}'`);
    return renderItem(record, mps, new Set(included as ItemIncludedData[]));
  }

  @Put(':sellerId/:sku')
  put(@Req() req: Request) {
    const c = ctx(req);
    const seller = sellerOf(c);
    const [mp] = marketplaces(req, 1) as [string];
    const preview = previewMode(req);
    const body = validate(putSchema, req.body, 'body');
    return submission(this.writer.put(seller, c.params['sku'] ?? '', body.productType, body.requirements ?? 'LISTING', body.attributes, preview), req, mp);
  }

  @Patch(':sellerId/:sku')
  patch(@Req() req: Request) {
    const c = ctx(req);
    const seller = sellerOf(c);
    const [mp] = marketplaces(req) as [string];
    const preview = previewMode(req);
    const body = validate(patchSchema, req.body, 'body');
    return submission(this.writer.patch(seller, c.params['sku'] ?? '', body.productType, body.patches, preview), req, mp);
  }

  @Delete(':sellerId/:sku')
  delete(@Req() req: Request) {
    const c = ctx(req);
    const seller = sellerOf(c);
    const [mp] = marketplaces(req, 1) as [string];
    return submission(this.writer.delete(seller, c.params['sku'] ?? ''), req, mp);
  }

  @Get(':sellerId')
  search(@Req() req: Request) {
    const c = ctx(req);
    const seller = sellerOf(c);
    const mps = marketplaces(req);
    const included = queryList(req, 'includedData') ?? ['summaries'];
    checkEnum('includedData', included, ITEM_INCLUDED_DATA);
    const identifiers = queryList(req, 'identifiers');
    const identifiersType = queryString(req, 'identifiersType');
    if ((identifiers === undefined) !== (identifiersType === undefined))
      throw SandboxError.invalid(identifiers ? 'identifiersType' : 'identifiers', 'identifiers and identifiersType must be given together.');
    if (identifiers && identifiers.length > 20) throw SandboxError.invalid('identifiers', 'identifiers accepts at most 20 values.');
    checkEnum('identifiersType', identifiersType ? [identifiersType] : undefined, ['ASIN', 'EAN', 'FNSKU', 'GTIN', 'ISBN', 'JAN', 'MINSAN', 'SKU', 'UPC']);
    const withIssueSeverity = queryList(req, 'withIssueSeverity');
    const withStatus = queryList(req, 'withStatus');
    const withoutStatus = queryList(req, 'withoutStatus');
    checkEnum('withIssueSeverity', withIssueSeverity, ['WARNING', 'ERROR']);
    checkEnum('withStatus', withStatus, ['BUYABLE', 'DISCOVERABLE']);
    checkEnum('withoutStatus', withoutStatus, ['BUYABLE', 'DISCOVERABLE']);
    const sortBy = queryString(req, 'sortBy') ?? 'lastUpdatedDate';
    const sortOrder = queryString(req, 'sortOrder') ?? 'DESC';
    checkEnum('sortBy', [sortBy], ['sku', 'createdDate', 'lastUpdatedDate']);
    checkEnum('sortOrder', [sortOrder], ['ASC', 'DESC']);
    const result = searchListings(
      seller,
      {
        marketplaceIds: mps,
        identifiers,
        identifiersType,
        createdAfter: queryDate(req, 'createdAfter'),
        createdBefore: queryDate(req, 'createdBefore'),
        lastUpdatedAfter: queryDate(req, 'lastUpdatedAfter'),
        lastUpdatedBefore: queryDate(req, 'lastUpdatedBefore'),
        withIssueSeverity,
        withStatus,
        withoutStatus,
        sortBy: sortBy as 'sku',
        sortOrder: sortOrder as 'ASC',
      },
      queryInt(req, 'pageSize', 1, 20) ?? 10,
      queryString(req, 'pageToken'),
    );
    const set = new Set(included as ItemIncludedData[]);
    return {
      numberOfResults: result.numberOfResults,
      ...(result.nextToken || result.previousToken
        ? {
            pagination: {
              ...(result.nextToken ? { nextToken: result.nextToken } : {}),
              ...(result.previousToken ? { previousToken: result.previousToken } : {}),
            },
          }
        : {}),
      items: result.page.map((r) => renderItem(r, mps, set)),
    };
  }
}
