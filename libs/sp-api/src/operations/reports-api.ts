import type { Readable } from 'node:stream';
import type { CallOptions, SpApiHttpClient, SpApiResponse } from '../client/sp-api-http-client';
import type { QueryValue } from '../client/request-builder';
import { buildRequest } from '../client/request-builder';
import { paginate } from '../client/paginate';
import type { PollOptions } from '../client/poll';
import { pollUntil } from '../client/poll';
import { SpApiError, SpApiErrorCode } from '../errors/sp-api-error';
import type { TsvDocumentOptions } from '../reports/document-stream';
import { streamReportRows } from '../reports/document-stream';
import type { TsvRow } from '../reports/tsv-row-parser';

/** Report processing states. */
export type ReportProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';

/** `createReport` body. */
export interface CreateReportSpecification {
  reportType: string;
  marketplaceIds: string[];
  dataStartTime?: string;
  dataEndTime?: string;
  reportOptions?: Record<string, string>;
}

/** A report's status record. */
export interface Report {
  reportId: string;
  reportType: string;
  marketplaceIds?: string[];
  createdTime: string;
  processingStatus: ReportProcessingStatus;
  processingStartTime?: string;
  processingEndTime?: string;
  dataStartTime?: string;
  dataEndTime?: string;
  reportScheduleId?: string;
  reportDocumentId?: string;
}

/** Where to download a report document (URL valid ~5 minutes; a credential — never log it). */
export interface ReportDocument {
  reportDocumentId: string;
  url: string;
  compressionAlgorithm?: 'GZIP';
}

/** `getReports` query. */
export interface GetReportsParams {
  reportTypes?: string[];
  processingStatuses?: ReportProcessingStatus[];
  marketplaceIds?: string[];
  pageSize?: number;
  createdSince?: string;
  createdUntil?: string;
  nextToken?: string;
}

/** `getReports` response. */
export interface GetReportsResponse {
  reports: Report[];
  nextToken?: string;
}

/** Options for {@link ReportsApi.downloadReportRows}. */
export interface ReportRowsOptions extends Omit<TsvDocumentOptions, 'reportType'>, CallOptions {
  poll?: PollOptions;
}

/** Reports API 2021-06-30 plus the create → poll → download → rows workflow. */
export class ReportsApi {
  constructor(private readonly http: SpApiHttpClient) {}

  /** Requests a report (202 → `{ reportId }`); createReport is ≈1/min across all report types. */
  createReport(body: CreateReportSpecification, options?: CallOptions): Promise<SpApiResponse<{ reportId: string }>> {
    return this.http.execute(buildRequest('reports.createReport', {}, {}, body), options);
  }

  /** A report's status. */
  getReport(reportId: string, options?: CallOptions): Promise<SpApiResponse<Report>> {
    return this.http.execute(buildRequest('reports.getReport', { reportId }), options);
  }

  /** Cancels a report that is still IN_QUEUE. */
  cancelReport(reportId: string, options?: CallOptions): Promise<SpApiResponse<void>> {
    return this.http.execute(buildRequest('reports.cancelReport', { reportId }), options);
  }

  /** One page of reports. */
  getReports(params: GetReportsParams, options?: CallOptions): Promise<SpApiResponse<GetReportsResponse>> {
    return this.http.execute(buildRequest('reports.getReports', {}, params as unknown as Record<string, QueryValue>), options);
  }

  /** Every page of reports. The model says to send `nextToken` as the only parameter, so it does. */
  getReportsPages(params: GetReportsParams, options?: CallOptions): AsyncGenerator<SpApiResponse<GetReportsResponse>> {
    return paginate(params, {
      tokenParam: 'nextToken',
      style: 'token-only',
      nextToken: (page) => page.nextToken,
      fetch: (p) => this.getReports(p, options),
    });
  }

  /** The document location of a finished report. */
  getReportDocument(
    reportDocumentId: string,
    query: { enableContentEncodingUrlHeader?: boolean } = {},
    options?: CallOptions,
  ): Promise<SpApiResponse<ReportDocument>> {
    return this.http.execute(buildRequest('reports.getReportDocument', { reportDocumentId }, query), options);
  }

  /**
   * Polls until the report is DONE and returns it; CANCELLED (which Amazon also uses for "no
   * data") and FATAL end in `SpApiError` with code `REPORT_FAILED`.
   */
  waitForReport(reportId: string, poll: PollOptions = {}, options?: CallOptions): Promise<Report> {
    return pollUntil(
      async () => {
        const { data } = await this.getReport(reportId, options);
        switch (data.processingStatus) {
          case 'DONE':
            return data;
          case 'CANCELLED':
          case 'FATAL':
            throw new SpApiError({
              code: SpApiErrorCode.ReportFailed,
              message: `Report ${reportId} ended ${data.processingStatus}`,
              operation: 'reports.getReport',
            });
          case 'IN_QUEUE':
          case 'IN_PROGRESS':
            return undefined;
        }
      },
      this.http.clock,
      SpApiErrorCode.ReportFailed,
      `report ${reportId}`,
      { ...poll, signal: poll.signal ?? options?.signal },
    );
  }

  /**
   * Streams the rows of a report document: fetches the document location, downloads it, gunzips
   * by magic number, decodes the charset and parses TSV by header name. Nothing is held whole.
   */
  async streamReportDocumentRows(reportDocumentId: string, reportType: string, options: ReportRowsOptions = {}): Promise<AsyncIterable<TsvRow> & Readable> {
    const { data: doc } = await this.getReportDocument(reportDocumentId, {}, options);
    return streamReportRows(this.http.transport, doc.url, { ...options, reportType, region: options.region ?? this.http.region });
  }

  /**
   * The whole flow: createReport → poll → document → rows.
   *
   * @example for await (const row of await client.reports.downloadReportRows({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: ['ATVPDKIKX0DER'] })) …
   */
  async downloadReportRows(spec: CreateReportSpecification, options: ReportRowsOptions = {}): Promise<AsyncIterable<TsvRow> & Readable> {
    const { data: created } = await this.createReport(spec, options);
    const report = await this.waitForReport(created.reportId, options.poll, options);
    if (!report.reportDocumentId) {
      throw new SpApiError({
        code: SpApiErrorCode.ReportFailed,
        message: `Report ${report.reportId} is DONE without a reportDocumentId`,
        operation: 'reports.getReport',
      });
    }
    return this.streamReportDocumentRows(report.reportDocumentId, spec.reportType, {
      marketplaceId: spec.marketplaceIds[0],
      ...options,
    });
  }
}
