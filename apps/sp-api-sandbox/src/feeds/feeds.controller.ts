import { Controller, Delete, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { baseUrlOf, checkEnum, ctx, queryDate, queryInt, queryList, queryString } from '../core/http';
import { decodePageToken, encodePageToken } from '../core/page-token';
import { SandboxError } from '../core/sandbox-error';
import { FeedsService } from './feeds.service';

const STATUSES = ['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE'];

/** Feeds 2021-06-30. */
@Controller('feeds/2021-06-30')
export class FeedsController {
  constructor(@Inject(FeedsService) private readonly feeds: FeedsService) {}

  @Post('documents')
  @HttpCode(201)
  createDocument(@Req() req: Request) {
    return this.feeds.createDocument(ctx(req).seller, req.body, baseUrlOf(req));
  }

  @Get('documents/:feedDocumentId')
  document(@Req() req: Request) {
    const c = ctx(req);
    return this.feeds.document(c.seller, c.params['feedDocumentId'] ?? '', baseUrlOf(req));
  }

  @Post('feeds')
  @HttpCode(202)
  create(@Req() req: Request) {
    return this.feeds.create(ctx(req).seller, req.body);
  }

  @Get('feeds')
  list(@Req() req: Request) {
    const { seller } = ctx(req);
    const token = queryString(req, 'nextToken');
    type Q = Parameters<FeedsService['list']>[1];
    let q: Q;
    if (token) q = decodePageToken(token, 'nextToken')['q'] as Q;
    else {
      const feedTypes = queryList(req, 'feedTypes');
      const processingStatuses = queryList(req, 'processingStatuses');
      const marketplaceIds = queryList(req, 'marketplaceIds');
      checkEnum('processingStatuses', processingStatuses, STATUSES);
      if (feedTypes && feedTypes.length > 10) throw SandboxError.invalid('feedTypes', 'feedTypes accepts at most 10 values.');
      if (marketplaceIds && marketplaceIds.length > 10) throw SandboxError.invalid('marketplaceIds', 'marketplaceIds accepts at most 10 values.');
      q = {
        feedTypes,
        processingStatuses,
        marketplaceIds,
        pageSize: queryInt(req, 'pageSize', 1, 100) ?? 10,
        createdSince: queryDate(req, 'createdSince'),
        createdUntil: queryDate(req, 'createdUntil'),
        offset: 0,
      };
    }
    const { page, nextOffset } = this.feeds.list(seller, q);
    return { feeds: page, ...(nextOffset !== undefined ? { nextToken: encodePageToken({ q: { ...q, offset: nextOffset } }) } : {}) };
  }

  @Get('feeds/:feedId')
  get(@Req() req: Request) {
    const c = ctx(req);
    return this.feeds.get(c.seller, c.params['feedId'] ?? '');
  }

  @Delete('feeds/:feedId')
  @HttpCode(200)
  cancel(@Req() req: Request): void {
    const c = ctx(req);
    this.feeds.cancel(c.seller, c.params['feedId'] ?? '');
  }
}
