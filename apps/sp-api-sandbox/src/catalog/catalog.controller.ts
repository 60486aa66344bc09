import { Controller, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
import { checkEnum, ctx, queryInt, queryList, queryString } from '../core/http';
import { decodePageToken, encodePageToken } from '../core/page-token';
import { SandboxError } from '../core/sandbox-error';
import type { CatalogFacts, CatalogIdentifierType } from '../state/catalog-seed';
import { CATALOG_SIZE, catalogFacts, indexOfAsin, resolveIdentifierAll } from '../state/catalog-seed';
import { findMarketplace } from '../state/marketplaces';

const INCLUDED = [
  'attributes',
  'classifications',
  'dimensions',
  'identifiers',
  'images',
  'productTypes',
  'relationships',
  'salesRanks',
  'summaries',
  'vendorDetails',
];
/** Keyword search scans this much of the virtual catalog. */
const KEYWORD_SCAN = 20_000;

function marketplace(req: Request): string {
  const ids = queryList(req, 'marketplaceIds');
  if (!ids || ids.length === 0) throw SandboxError.invalid('marketplaceIds', 'marketplaceIds is required.');
  if (ids.length > 1) throw SandboxError.invalid('marketplaceIds', 'marketplaceIds accepts exactly one value.');
  const [id] = ids as [string];
  if (!findMarketplace(id)) throw SandboxError.invalid('marketplaceIds', `Invalid marketplaceId: ${id}.`);
  return id;
}

function included(req: Request): Set<string> {
  const values = queryList(req, 'includedData') ?? ['summaries'];
  checkEnum('includedData', values, INCLUDED);
  return new Set(values);
}

/** Renders a catalog item with the requested datasets (unmodelled ones come back empty). */
function renderCatalogItem(f: CatalogFacts, mp: string, inc: Set<string>) {
  const ids = [
    { identifierType: 'UPC', identifier: f.upc },
    ...f.sharedUpcs.map((upc) => ({ identifierType: 'UPC', identifier: upc })),
    { identifierType: 'EAN', identifier: f.ean },
    { identifierType: 'GTIN', identifier: f.gtin },
    ...(f.isbn ? [{ identifierType: 'ISBN', identifier: f.isbn }] : []),
  ];
  return {
    asin: f.asin,
    ...(inc.has('attributes') ? { attributes: { item_name: [{ value: f.title, marketplace_id: mp }], brand: [{ value: f.brand, marketplace_id: mp }] } } : {}),
    ...(inc.has('summaries')
      ? {
          summaries: [
            {
              marketplaceId: mp,
              brand: f.brand,
              itemClassification: f.classification,
              itemName: f.title,
              manufacturer: f.manufacturer,
              modelNumber: f.modelNumber,
            },
          ],
        }
      : {}),
    ...(inc.has('identifiers') ? { identifiers: [{ marketplaceId: mp, identifiers: ids }] } : {}),
    ...(inc.has('images')
      ? { images: [{ marketplaceId: mp, images: [{ variant: 'MAIN', link: `https://images.sandbox.invalid/${f.asin}.jpg`, height: 500, width: 500 }] }] }
      : {}),
    ...(inc.has('productTypes') ? { productTypes: [{ marketplaceId: mp, productType: f.productType }] } : {}),
    ...(inc.has('classifications') ? { classifications: [] } : {}),
    ...(inc.has('dimensions') ? { dimensions: [] } : {}),
    ...(inc.has('relationships') ? { relationships: [] } : {}),
    ...(inc.has('salesRanks') ? { salesRanks: [] } : {}),
    ...(inc.has('vendorDetails') ? { vendorDetails: [] } : {}),
  };
}

/** Catalog Items 2022-04-01 over the sandbox's virtual catalog. */
@Controller('catalog/2022-04-01/items')
export class CatalogController {
  @Get()
  search(@Req() req: Request) {
    const { seller } = ctx(req);
    const mp = marketplace(req);
    const inc = included(req);
    const identifiers = queryList(req, 'identifiers');
    const identifiersType = queryString(req, 'identifiersType');
    const keywords = queryList(req, 'keywords');
    if (identifiers && keywords) throw SandboxError.invalid('keywords', 'identifiers and keywords cannot be used together.');
    if (!identifiers && !keywords) throw SandboxError.invalid('identifiers', 'Either identifiers or keywords is required.');
    if (identifiers && !identifiersType) throw SandboxError.invalid('identifiersType', 'identifiersType is required with identifiers.');
    if ((identifiers?.length ?? 0) > 20 || (keywords?.length ?? 0) > 20)
      throw SandboxError.invalid(identifiers ? 'identifiers' : 'keywords', 'At most 20 values are accepted.');
    checkEnum('identifiersType', identifiersType ? [identifiersType] : undefined, ['ASIN', 'EAN', 'GTIN', 'ISBN', 'JAN', 'MINSAN', 'SKU', 'UPC']);
    const pageSize = queryInt(req, 'pageSize', 1, 20) ?? 10;
    const token = queryString(req, 'pageToken');
    const offset = token ? Number(decodePageToken(token, 'pageToken')['o']) || 0 : 0;

    let hits: CatalogFacts[];
    if (identifiers) {
      if (identifiersType === 'SKU') {
        const sellerId = queryString(req, 'sellerId');
        if (!sellerId) throw SandboxError.invalid('sellerId', 'sellerId is required when identifiersType is SKU.');
        if (sellerId !== seller.sellingPartnerId) throw SandboxError.unauthorized('The sellerId does not match the authorized selling partner.');
      }
      const indexes = identifiers.flatMap((id) =>
        identifiersType === 'SKU' ? [indexOfAsin(seller.getListing(id)?.asin ?? '')] : resolveIdentifierAll(identifiersType as CatalogIdentifierType, id),
      );
      hits = [...new Set(indexes.filter((i): i is number => i !== undefined))].map(catalogFacts);
    } else {
      const words = (keywords ?? []).map((k) => k.toLowerCase());
      const brands = queryList(req, 'brandNames');
      hits = [];
      for (let i = 0; i < Math.min(CATALOG_SIZE, KEYWORD_SCAN) && hits.length < 1000; i++) {
        const f = catalogFacts(i);
        const text = `${f.title} ${f.brand}`.toLowerCase();
        if (words.every((w) => text.includes(w)) && (!brands || brands.includes(f.brand))) hits.push(f);
      }
    }
    const page = hits.slice(offset, offset + pageSize);
    const next = offset + pageSize < hits.length ? encodePageToken({ o: offset + pageSize }) : undefined;
    const prev = offset > 0 ? encodePageToken({ o: Math.max(0, offset - pageSize) }) : undefined;
    return {
      numberOfResults: hits.length,
      ...(next || prev ? { pagination: { ...(next ? { nextToken: next } : {}), ...(prev ? { previousToken: prev } : {}) } } : {}),
      ...(keywords ? { refinements: { brands: [], classifications: [] } } : {}),
      items: page.map((f) => renderCatalogItem(f, mp, inc)),
    };
  }

  @Get(':asin')
  get(@Req() req: Request) {
    const c = ctx(req);
    const mp = marketplace(req);
    const asin = c.params['asin'] ?? '';
    const index = indexOfAsin(asin);
    if (index === undefined) throw SandboxError.notFound(`ASIN ${asin}`);
    return renderCatalogItem(catalogFacts(index), mp, included(req));
  }
}
