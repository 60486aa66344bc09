import { Controller, Delete, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { baseUrlOf, checkEnum, ctx, queryDate, queryInt, queryList, queryString } from '../core/http';
import { decodePageToken, encodePageToken } from '../core/page-token';
import { SandboxError } from '../core/sandbox-error';
import { ReportsService } from './reports.service';

const STATUSES = ['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE'];

/** Reports 2021-06-30. */
@Controller('reports/2021-06-30')
export class ReportsController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @Post('reports')
  @HttpCode(202)
  create(@Req() req: Request) {
    return this.reports.create(ctx(req).seller, req.body);
  }

  @Get('reports')
  list(@Req() req: Request) {
    const { seller } = ctx(req);
    const token = queryString(req, 'nextToken');
    let q: {
      reportTypes?: string[];
      processingStatuses?: string[];
      marketplaceIds?: string[];
      pageSize: number;
      createdSince?: number;
      createdUntil?: number;
      offset: number;
    };
    if (token) {
      const t = decodePageToken(token, 'nextToken');
      q = t['q'] as typeof q;
    } else {
      const reportTypes = queryList(req, 'reportTypes');
      const processingStatuses = queryList(req, 'processingStatuses');
      const marketplaceIds = queryList(req, 'marketplaceIds');
      checkEnum('processingStatuses', processingStatuses, STATUSES);
      if (reportTypes && reportTypes.length > 10) throw SandboxError.invalid('reportTypes', 'reportTypes accepts at most 10 values.');
      if (marketplaceIds && marketplaceIds.length > 10) throw SandboxError.invalid('marketplaceIds', 'marketplaceIds accepts at most 10 values.');
      q = {
        reportTypes,
        processingStatuses,
        marketplaceIds,
        pageSize: queryInt(req, 'pageSize', 1, 100) ?? 10,
        createdSince: queryDate(req, 'createdSince'),
        createdUntil: queryDate(req, 'createdUntil'),
        offset: 0,
      };
    }
    const { page, nextOffset } = this.reports.list(seller, q);
    return { reports: page, ...(nextOffset !== undefined ? { nextToken: encodePageToken({ q: { ...q, offset: nextOffset } }) } : {}) };
  }

  @Get('reports/:reportId')
  get(@Req() req: Request) {
    const c = ctx(req);
    return this.reports.get(c.seller, c.params['reportId'] ?? '');
  }

  @Delete('reports/:reportId')
  @HttpCode(200)
  cancel(@Req() req: Request): void {
    const c = ctx(req);
    this.reports.cancel(c.seller, c.params['reportId'] ?? '');
  }

  @Get('documents/:reportDocumentId')
  document(@Req() req: Request) {
    const c = ctx(req);
    return this.reports.document(c.seller, c.params['reportDocumentId'] ?? '', baseUrlOf(req), queryString(req, 'enableContentEncodingUrlHeader') === 'true');
  }
}
