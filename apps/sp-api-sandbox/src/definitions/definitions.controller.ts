import { createHash } from 'node:crypto';
import { Controller, Get, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import { baseUrlOf, checkEnum, queryList, queryString } from '../core/http';
import { SandboxError } from '../core/sandbox-error';
import { findMarketplace } from '../state/marketplaces';
import { PRODUCT_TYPE_VERSION, PRODUCT_TYPES, productTypeSchema, propertyGroups } from './product-types';

function marketplaces(req: Request, max?: number): string[] {
  const ids = queryList(req, 'marketplaceIds');
  if (!ids || ids.length === 0) throw SandboxError.invalid('marketplaceIds', 'marketplaceIds is required.');
  if (max !== undefined && ids.length > max) throw SandboxError.invalid('marketplaceIds', `marketplaceIds accepts at most ${max} value(s).`);
  for (const id of ids) if (!findMarketplace(id)) throw SandboxError.invalid('marketplaceIds', `Invalid marketplaceId: ${id}.`);
  return ids;
}

/** Product Type Definitions 2020-09-01 for a handful of product types. */
@Controller('definitions/2020-09-01/productTypes')
export class DefinitionsController {
  @Get()
  search(@Req() req: Request) {
    const mps = marketplaces(req);
    const keywords = queryList(req, 'keywords')?.map((k) => k.toLowerCase());
    const itemName = queryString(req, 'itemName')?.toLowerCase();
    if (keywords && itemName) throw SandboxError.invalid('keywords', 'keywords and itemName cannot be used together.');
    const matches = PRODUCT_TYPES.filter((p) => {
      if (keywords) return keywords.some((k) => p.keywords.some((w) => w.includes(k) || k.includes(w)) || p.name.toLowerCase() === k);
      if (itemName) return p.keywords.some((w) => itemName.includes(w));
      return true;
    });
    // "Recommend a product type for this title" falls back to the generic PRODUCT type.
    const result = itemName && matches.length === 0 ? PRODUCT_TYPES.filter((p) => p.name === 'PRODUCT') : matches;
    return { productTypes: result.map((p) => ({ name: p.name, displayName: p.displayName, marketplaceIds: mps })), productTypeVersion: PRODUCT_TYPE_VERSION };
  }

  @Get(':productType')
  get(@Req() req: Request) {
    const name = String(req.params['productType'] ?? '');
    const mps = marketplaces(req, 1);
    const spec = PRODUCT_TYPES.find((p) => p.name === name);
    if (!spec) throw SandboxError.notFound(`Product type ${name}`);
    const requirements = queryString(req, 'requirements') ?? 'LISTING';
    const enforced = queryString(req, 'requirementsEnforced') ?? 'ENFORCED';
    checkEnum('requirements', [requirements], ['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY']);
    checkEnum('requirementsEnforced', [enforced], ['ENFORCED', 'NOT_ENFORCED']);
    const schema = JSON.stringify(productTypeSchema(spec));
    const checksum = createHash('md5').update(schema).digest('base64');
    return {
      productType: spec.name,
      displayName: spec.displayName,
      marketplaceIds: mps,
      locale: queryString(req, 'locale') ?? 'en_US',
      requirements,
      requirementsEnforced: enforced,
      productTypeVersion: { version: PRODUCT_TYPE_VERSION, latest: true, releaseCandidate: false },
      propertyGroups: propertyGroups(spec),
      schema: { link: { resource: `${baseUrlOf(req)}/_sandbox/s3/schemas/${spec.name}.json`, verb: 'GET' }, checksum },
      metaSchema: {
        link: { resource: 'https://json-schema.org/draft/2019-09/schema', verb: 'GET' },
        checksum: createHash('md5').update('meta').digest('base64'),
      },
    };
  }
}

/** The attribute schemas behind the definitions' schema links (plain GET, like Amazon's S3 links). */
@Controller('_sandbox/s3/schemas')
export class ProductTypeSchemaController {
  @Get(':file')
  schema(@Param('file') file: string) {
    const spec = PRODUCT_TYPES.find((p) => `${p.name}.json` === file);
    if (!spec) throw SandboxError.notFound(`Schema ${file}`);
    return productTypeSchema(spec);
  }
}
