import { sleep } from '@amazon-channel/platform-messaging';
import { decompressIfGzip, downloadDocument, readDocumentText, resolveCharset, type SpApiClient } from '@amazon-channel/sp-api';
import iconv from 'iconv-lite';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { ImportListingsError } from './import-listings.error';

/** Amazon's "All Listings Report". */
export const LISTINGS_REPORT_TYPE = 'GET_MERCHANT_LISTINGS_ALL_DATA';

/** Opens a report document's bytes (still compressed) and its Content-Type. */
export type ReportDocumentOpener = (client: SpApiClient, reportDocumentId: string, signal: AbortSignal) => Promise<{ body: Readable; contentType?: string }>;

/** Downloads a report document from the pre-signed URL Amazon gives for it (fetched fresh: URLs live 5 minutes). */
export const downloadReportDocument: ReportDocumentOpener = async (client, reportDocumentId, signal) => {
  const { data: doc } = await client.reports.getReportDocument(reportDocumentId, {}, { signal });
  return downloadDocument(client.http.transport, doc.url, signal);
};

/** How Amazon's report ended: its document, or the reason a seller reads. */
export type ReportOutcome = { failed: false; reportDocumentId: string } | { failed: true; reason: string };

/** Throws the interruption a resumed run recovers from. */
export function throwIfInterrupted(signal: AbortSignal): void {
  if (signal.aborted) throw new ImportListingsError('INTERRUPTED', 'Import Listings was interrupted; it resumes from its last committed batch');
}

/** Polls Amazon's listings report until it is done, failed, or `timeoutMs` passed. */
export async function waitForListingsReport(
  client: SpApiClient,
  reportId: string,
  options: { pollMs: number; timeoutMs: number; signal: AbortSignal },
): Promise<ReportOutcome> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    throwIfInterrupted(options.signal);
    const { data: report } = await client.reports.getReport(reportId, { signal: options.signal });
    switch (report.processingStatus) {
      case 'DONE':
        if (!report.reportDocumentId) return { failed: true, reason: `Amazon finished report ${reportId} without a document` };
        return { failed: false, reportDocumentId: report.reportDocumentId };
      case 'FATAL':
      case 'CANCELLED':
        return { failed: true, reason: await failureReason(client, report.processingStatus, reportId, report.reportDocumentId, options.signal) };
      case 'IN_QUEUE':
      case 'IN_PROGRESS':
        if (Date.now() > deadline) return { failed: true, reason: `Amazon did not finish report ${reportId} in time (still ${report.processingStatus})` };
        await sleep(options.pollMs, options.signal);
        break;
    }
  }
}

/** Amazon explains a FATAL report in its document (when it has one); CANCELLED means "no data". */
async function failureReason(
  client: SpApiClient,
  status: 'FATAL' | 'CANCELLED',
  reportId: string,
  documentId: string | undefined,
  signal: AbortSignal,
): Promise<string> {
  const prefix = `Amazon ended the listings report ${reportId} ${status}`;
  if (!documentId) return status === 'CANCELLED' ? `${prefix}: no listings to report` : prefix;
  try {
    const { data: doc } = await client.reports.getReportDocument(documentId, {}, { signal });
    const download = await downloadDocument(client.http.transport, doc.url, signal);
    const text = (await readDocumentText(download.body, download.contentType)).trim();
    let reason = text;
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      reason = String(json['errorDetails'] ?? json['message'] ?? text);
    } catch {
      // Plain-text explanation: keep it as it is.
    }
    return `${prefix}: ${reason.slice(0, 1000)}`;
  } catch (error) {
    return `${prefix} (its explanation could not be read: ${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Streams a report document as decoded text: downloaded, gunzipped when needed, decoded from its charset. */
export async function openReportText(
  client: SpApiClient,
  reportDocumentId: string,
  marketplaceId: string,
  open: ReportDocumentOpener,
  signal: AbortSignal,
): Promise<AsyncIterable<string>> {
  const download = await open(client, reportDocumentId, signal);
  const charset = resolveCharset(download.contentType, { reportType: LISTINGS_REPORT_TYPE, region: client.http.region, marketplaceId });
  const bytes = await decompressIfGzip(download.body);
  const decoder = iconv.decodeStream(charset) as unknown as Transform;
  pipeline(bytes, decoder, (error) => {
    if (error) decoder.destroy(error);
  });
  return decoder as AsyncIterable<string>;
}
