import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Controller, Get, Inject, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { queryString, readBody } from '../core/http';
import { merchantListingsStream } from '../reports/merchant-listings-report';
import { findMarketplace } from '../state/marketplaces';
import { SandboxState } from '../state/sandbox-state';
import { checkPresigned } from './presigned-url';

/** Largest feed document accepted on upload (Amazon recommends < 10 MiB; 25,000 messages fit in far less). */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** Charset names as Amazon writes them in the document's Content-Type. */
const CHARSET_LABEL: Record<string, string> = { 'windows-1252': 'Cp1252', Shift_JIS: 'Shift_JIS' };

function s3Error(res: Response, status: number, code: string, message: string): void {
  res.status(status).type('application/xml').send(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

/**
 * Stand-in for the S3 buckets behind Amazon's pre-signed document URLs: report downloads (streamed),
 * feed document uploads and processing-report downloads. Errors are S3-style XML, not SP-API JSON.
 */
@Controller('_sandbox/s3')
export class StorageController {
  constructor(@Inject(SandboxState) private readonly state: SandboxState) {}

  private authorise(req: Request, res: Response, method: 'GET' | 'PUT'): string | undefined {
    const id = String(req.params['documentId'] ?? '');
    const problem = checkPresigned(method, id, queryString(req, 'X-Sandbox-Expires'), queryString(req, 'X-Sandbox-Signature'), this.state.clock.now());
    if (problem) {
      s3Error(res, 403, 'AccessDenied', problem);
      return undefined;
    }
    return id;
  }

  @Get('documents/:documentId')
  async download(@Req() req: Request, @Res() res: Response): Promise<void> {
    const id = this.authorise(req, res, 'GET');
    if (id === undefined) return;
    const doc = this.state.documents.get(id);
    if (!doc) return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    switch (doc.kind) {
      case 'feed-input':
        res
          .status(200)
          .type(doc.contentType)
          .send(doc.content ?? Buffer.alloc(0));
        return;
      case 'feed-result':
        res.status(200).type('application/json').send(doc.content);
        return;
      case 'report': {
        const seller = this.state.sellers.get(doc.sellingPartnerId);
        if (doc.fatal || !seller) {
          res
            .status(200)
            .type('application/json')
            .send(JSON.stringify({ errorDetails: `The report could not be generated for marketplace ${doc.marketplaceId}.` }));
          return;
        }
        const charset = findMarketplace(doc.marketplaceId)?.reportCharset ?? 'windows-1252';
        res.status(200).setHeader('Content-Type', `text/plain;charset=${CHARSET_LABEL[charset] ?? charset}`);
        if (doc.gzip && queryString(req, 'X-Sandbox-Content-Encoding') === 'gzip') res.setHeader('Content-Encoding', 'gzip');
        const body = merchantListingsStream(seller.listingFacts(doc.marketplaceId, doc.snapshot), charset);
        try {
          if (doc.gzip) await pipeline(body, createGzip({ level: 1 }), res);
          else await pipeline(body, res);
        } catch {
          // The client went away mid-download; nothing is left to answer.
        }
        return;
      }
    }
  }

  @Put('documents/:documentId')
  async upload(@Req() req: Request, @Res() res: Response): Promise<void> {
    const id = this.authorise(req, res, 'PUT');
    if (id === undefined) return;
    const doc = this.state.documents.get(id);
    if (!doc || doc.kind !== 'feed-input') return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    const type = req.header('content-type') ?? '';
    // Amazon's pre-signed upload URL is signed for the declared content type; S3 rejects others.
    if (type.replace(/\s+/g, '').toLowerCase() !== doc.contentType.replace(/\s+/g, '').toLowerCase()) {
      return s3Error(res, 403, 'SignatureDoesNotMatch', `Content-Type ${type || '(none)'} does not match the declared ${doc.contentType}`);
    }
    try {
      doc.content = await readBody(req, MAX_UPLOAD_BYTES);
    } catch {
      return s3Error(res, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    }
    res.status(200).setHeader('ETag', `"${doc.content.length.toString(16)}"`);
    res.end();
  }
}
