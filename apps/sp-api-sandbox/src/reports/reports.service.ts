import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { isoSeconds } from '../core/clock';
import { validate } from '../core/http';
import { SandboxError } from '../core/sandbox-error';
import { presignedUrl } from '../storage/presigned-url';
import { findMarketplace } from '../state/marketplaces';
import type { ProcessingStatus, ReportRecord } from '../state/records';
import { statusAt } from '../state/records';
import { SandboxState } from '../state/sandbox-state';
import type { SellerState } from '../state/seller-state';

/** The report type the sandbox generates data for. */
export const LISTINGS_REPORT = 'GET_MERCHANT_LISTINGS_ALL_DATA';

/**
 * Report types the sandbox accepts. Only the listings report has data; the others are accepted and
 * end CANCELLED, which is what Amazon does when a report has no data.
 */
export const KNOWN_REPORT_TYPES = [
  LISTINGS_REPORT,
  'GET_MERCHANT_LISTINGS_DATA',
  'GET_FLAT_FILE_OPEN_LISTINGS_DATA',
  'GET_MERCHANT_LISTINGS_INACTIVE_DATA',
  'GET_AFN_INVENTORY_DATA',
  'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA',
  'FEE_DISCOUNTS_REPORT',
  'GET_FBA_FULFILLMENT_CUSTOMER_TAXES_DATA',
  'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE',
];

/** Listings reports above this many rows are served GZIP-compressed, as Amazon does for large documents. */
export const GZIP_THRESHOLD_ROWS = 10_000;

const createSchema = z.object({
  reportType: z.string().min(1),
  marketplaceIds: z.array(z.string().min(1)).min(1).max(25),
  dataStartTime: z.iso.datetime({ offset: true }).optional(),
  dataEndTime: z.iso.datetime({ offset: true }).optional(),
  reportOptions: z.record(z.string(), z.string()).optional(),
});

/** Reports 2021-06-30: requests, progression on the sandbox clock and documents. */
@Injectable()
export class ReportsService {
  constructor(@Inject(SandboxState) private readonly state: SandboxState) {}

  create(seller: SellerState, body: unknown): { reportId: string } {
    const spec = validate(createSchema, body, 'body');
    if (!KNOWN_REPORT_TYPES.includes(spec.reportType)) throw SandboxError.invalid('reportType', `Invalid reportType: ${spec.reportType}.`);
    for (const id of spec.marketplaceIds) if (!findMarketplace(id)) throw SandboxError.invalid('marketplaceIds', `Invalid marketplaceId: ${id}.`);
    const first = spec.marketplaceIds[0] as string;
    // Only the first marketplace counts for inventory reports; one the seller does not sell in ends
    // FATAL (not confirmed against Amazon; it might reject the request up front instead).
    const participates = seller.marketplaceIds.includes(first);
    const outcome = this.state.faults.reportFatal || !participates ? 'FATAL' : spec.reportType !== LISTINGS_REPORT ? 'CANCELLED' : 'DONE';
    const record: ReportRecord = {
      reportId: this.state.nextId(),
      sellingPartnerId: seller.sellingPartnerId,
      reportType: spec.reportType,
      marketplaceIds: spec.marketplaceIds,
      reportOptions: spec.reportOptions ?? {},
      dataStartTime: spec.dataStartTime,
      dataEndTime: spec.dataEndTime,
      createdMs: this.state.clock.now(),
      queueMs: this.state.settings.queueMs,
      processingMs: this.state.settings.processingMs,
      outcome,
      reportDocumentId: `amzn1.spdoc.1.4.na.${randomUUID()}`,
    };
    this.state.reports.set(record.reportId, record);
    const rows = seller.listingCount();
    this.state.documents.set(record.reportDocumentId, {
      kind: 'report',
      documentId: record.reportDocumentId,
      sellingPartnerId: seller.sellingPartnerId,
      reportId: record.reportId,
      marketplaceId: first,
      gzip: outcome === 'DONE' && (this.state.faults.reportGzip === 'always' || (this.state.faults.reportGzip === 'auto' && rows > GZIP_THRESHOLD_ROWS)),
      fatal: outcome === 'FATAL',
      snapshot: seller.snapshot(),
    });
    return { reportId: record.reportId };
  }

  private find(seller: SellerState, reportId: string): ReportRecord {
    const r = this.state.reports.get(reportId);
    if (!r || r.sellingPartnerId !== seller.sellingPartnerId) throw SandboxError.notFound(`Report ${reportId}`);
    return r;
  }

  status(r: ReportRecord): ProcessingStatus {
    return statusAt(r, this.state.clock.now(), r.outcome);
  }

  render(r: ReportRecord) {
    const status = this.status(r);
    const started = r.createdMs + r.queueMs;
    const ended = started + r.processingMs;
    return {
      reportId: r.reportId,
      reportType: r.reportType,
      marketplaceIds: r.marketplaceIds,
      createdTime: isoSeconds(r.createdMs),
      processingStatus: status,
      ...(r.dataStartTime ? { dataStartTime: r.dataStartTime } : {}),
      ...(r.dataEndTime ? { dataEndTime: r.dataEndTime } : {}),
      ...(status !== 'IN_QUEUE' && r.cancelledMs === undefined ? { processingStartTime: isoSeconds(started) } : {}),
      ...(status === 'DONE' || status === 'FATAL' ? { processingEndTime: isoSeconds(ended) } : {}),
      ...(status === 'DONE' || status === 'FATAL' ? { reportDocumentId: r.reportDocumentId } : {}),
    };
  }

  get(seller: SellerState, reportId: string) {
    return this.render(this.find(seller, reportId));
  }

  cancel(seller: SellerState, reportId: string): void {
    const r = this.find(seller, reportId);
    if (this.status(r) !== 'IN_QUEUE') throw SandboxError.invalid('reportId', `Report ${reportId} is not IN_QUEUE and cannot be cancelled.`);
    r.cancelledMs = this.state.clock.now();
  }

  list(
    seller: SellerState,
    q: {
      reportTypes?: string[];
      processingStatuses?: string[];
      marketplaceIds?: string[];
      pageSize: number;
      createdSince?: number;
      createdUntil?: number;
      offset: number;
    },
  ) {
    const now = this.state.clock.now();
    const since = q.createdSince ?? now - 90 * 86_400_000;
    const until = q.createdUntil ?? now;
    const all = [...this.state.reports.values()]
      .filter((r) => r.sellingPartnerId === seller.sellingPartnerId)
      .filter((r) => !q.reportTypes || q.reportTypes.includes(r.reportType))
      .filter((r) => !q.processingStatuses || q.processingStatuses.includes(this.status(r)))
      .filter((r) => !q.marketplaceIds || r.marketplaceIds.some((m) => q.marketplaceIds?.includes(m)))
      .filter((r) => r.createdMs >= since && r.createdMs <= until)
      .sort((a, b) => b.createdMs - a.createdMs);
    const page = all.slice(q.offset, q.offset + q.pageSize).map((r) => this.render(r));
    const more = q.offset + q.pageSize < all.length;
    return { page, nextOffset: more ? q.offset + q.pageSize : undefined };
  }

  document(seller: SellerState, documentId: string, baseUrl: string, contentEncodingHeader: boolean) {
    const doc = this.state.documents.get(documentId);
    if (!doc || doc.kind !== 'report' || doc.sellingPartnerId !== seller.sellingPartnerId) throw SandboxError.notFound(`Report document ${documentId}`);
    const report = this.state.reports.get(doc.reportId);
    const status = report ? this.status(report) : 'FATAL';
    if (status !== 'DONE' && status !== 'FATAL') throw SandboxError.notFound(`Report document ${documentId}`);
    const expires = this.state.clock.now() + this.state.settings.documentUrlTtlMs;
    const url = presignedUrl(baseUrl, 'GET', documentId, expires) + (contentEncodingHeader && doc.gzip ? '&X-Sandbox-Content-Encoding=gzip' : '');
    return { reportDocumentId: documentId, url, ...(doc.gzip ? { compressionAlgorithm: 'GZIP' as const } : {}) };
  }
}
