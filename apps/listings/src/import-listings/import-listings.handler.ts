import { ListingImportedV1, ListingsImportCompletedV1 } from '@amazon-channel/contracts';
import { sleep } from '@amazon-channel/platform-messaging';
import { appendBatchToOutbox, appendToOutbox, quoteIdent } from '@amazon-channel/platform-persistence';
import type { JobContext, JobHandler, JobResult } from '@amazon-channel/platform-service';
import { decompressIfGzip, downloadDocument, findMarketplace, readDocumentText, resolveCharset, type SpApiClient } from '@amazon-channel/sp-api';
import iconv from 'iconv-lite';
import { pipeline, type Readable, type Transform } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { ChannelListingsRepository, ListingWrite, WriteMode, WrittenListing } from '../channel-listings/channel-listings.repository';
import type { ConnectionTokenProvider } from '../connections/connection-token.provider';
import type { SpApiClients } from '../connections/sp-api-clients';
import { LISTINGS_SCHEMA } from '../service-schema';
import { importSettingsSchema, type ImportSettings } from './domain/import-settings';
import { reportLines } from './domain/report-lines';
import { classifyRow, contentHash, parseHeader, type ImportedListing, type ReportHeader, type SkipReason } from './domain/report-row';
import { ImportListingsError } from './import-listings.error';

/** Amazon's "All Listings Report". */
export const LISTINGS_REPORT_TYPE = 'GET_MERCHANT_LISTINGS_ALL_DATA';
/** Row errors kept per run: enough to act on, bounded for a broken million-row file. */
const MAX_STORED_ROW_ERRORS = 10_000;

/** Where a run is: the resume cursor stored with the job. */
interface ImportCursor {
  reportId?: string;
  reportDocumentId?: string;
  /** Last report line whose effects are committed (the header is line 1). */
  lastLine?: number;
}

/** Opens a report document's bytes (still compressed) and its Content-Type. */
export type ReportDocumentOpener = (client: SpApiClient, reportDocumentId: string, signal: AbortSignal) => Promise<{ body: Readable; contentType?: string }>;

/** Downloads a report document from the pre-signed URL Amazon gives for it (fetched fresh: URLs live 5 minutes). */
export const downloadReportDocument: ReportDocumentOpener = async (client, reportDocumentId, signal) => {
  const { data: doc } = await client.reports.getReportDocument(reportDocumentId, {}, { signal });
  return downloadDocument(client.http.transport, doc.url, signal);
};

/** Tunables of the handler. */
export interface ImportListingsOptions {
  /** Where document bytes come from; default {@link downloadReportDocument}. */
  openDocument?: ReportDocumentOpener;
  batchSize: number;
  reportPollMs: number;
  /** Gives up waiting for Amazon's report after this long. */
  reportTimeoutMs?: number;
}

type Counts = Record<string, number>;
const SKIP_REASONS: SkipReason[] = ['quantity_empty', 'quantity_too_high', 'pending_quantity_empty', 'pending_quantity_too_high', 'price_empty'];

function emptyCounts(): Counts {
  return { rows: 0, created: 0, updated: 0, unchanged: 0, failed: 0, ...Object.fromEntries(SKIP_REASONS.map((r) => [`skipped_${r}`, 0])) };
}

interface PendingRow {
  line: number;
  listing: ImportedListing;
}

interface RowError {
  line: number;
  sku: string | null;
  message: string;
}

/** Rows read since the last flush, their counts and the last line they cover. */
interface Batch {
  rows: PendingRow[];
  errors: RowError[];
  counts: Counts;
  lastLine: number;
}

function newBatch(afterLine: number): Batch {
  return { rows: [], errors: [], counts: {}, lastLine: afterLine };
}

/**
 * Import Listings: requests GET_MERCHANT_LISTINGS_ALL_DATA, streams its rows into
 * `channel_listings` in batches (one transaction per batch with its `ListingImported` events and
 * the resume cursor), and ends with `ListingsImportCompleted`. Unchanged rows write nothing.
 * A restarted run re-requests nothing it already has and resumes after the last committed line.
 */
export class ImportListingsHandler implements JobHandler {
  readonly operation = 'import-listings' as const;
  private readonly jobsTable = `${quoteIdent(LISTINGS_SCHEMA)}.jobs`;
  private readonly errorsTable = `${quoteIdent(LISTINGS_SCHEMA)}.import_row_errors`;

  constructor(
    private readonly dataSource: DataSource,
    private readonly listings: ChannelListingsRepository,
    private readonly tokens: ConnectionTokenProvider,
    private readonly clients: SpApiClients,
    private readonly options: ImportListingsOptions,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const { job, signal } = context;
    const parsed = importSettingsSchema.safeParse(job.settings ?? {});
    if (!parsed.success) {
      return { outcome: 'FAILED', counts: {}, summary: `Invalid settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
    }
    const settings = parsed.data;
    const cursor: ImportCursor = { ...((job.cursor as ImportCursor | null) ?? {}) };
    const counts: Counts = { ...emptyCounts(), ...job.counts };
    if (job.step === 'completed') return this.result(counts, settings);

    const access = await this.tokens.forConnection(job.connectionId, job.tenantId);
    const client = this.clients.forAccess(access);
    const currency = findMarketplace(access.marketplaceId)?.currency ?? 'USD';

    if (!cursor.reportId) {
      const { data } = await client.reports.createReport({ reportType: LISTINGS_REPORT_TYPE, marketplaceIds: [access.marketplaceId] }, { signal });
      cursor.reportId = data.reportId;
      await context.checkpoint({ step: 'report-requested', cursor: { ...cursor }, counts, done: 0, total: null });
    }
    if (!cursor.reportDocumentId) {
      const outcome = await this.waitForReport(client, cursor.reportId, signal);
      if (outcome.failed) return { outcome: 'FAILED', counts, summary: outcome.reason };
      cursor.reportDocumentId = outcome.reportDocumentId;
      cursor.lastLine = 1;
      await context.checkpoint({ step: 'report-ready', cursor: { ...cursor }, counts, done: 0, total: null });
    }

    await this.applyReport(context, client, access.marketplaceId, currency, settings, cursor, counts);

    await this.dataSource.transaction(async (manager) => {
      await appendToOutbox(manager, [
        {
          definition: ListingsImportCompletedV1,
          data: {
            connectionId: job.connectionId,
            jobRunId: job.id,
            created: counts['created'] ?? 0,
            updated: counts['updated'] ?? 0,
            unchanged: counts['unchanged'] ?? 0,
            skipped: Object.fromEntries(SKIP_REASONS.map((r) => [r, counts[`skipped_${r}`] ?? 0])),
            failed: counts['failed'] ?? 0,
          },
          context: this.eventContext(job),
        },
      ]);
      // The completion event and the step commit together: a resumed run never emits it twice.
      await this.saveCursor(manager, job.id, 'completed', cursor, counts);
    });
    await context.checkpoint({ step: 'completed', cursor: { ...cursor }, counts, done: counts['rows'] ?? 0, total: counts['rows'] ?? 0 });
    return this.result(counts, settings);
  }

  private async waitForReport(
    client: SpApiClient,
    reportId: string,
    signal: AbortSignal,
  ): Promise<{ failed: false; reportDocumentId: string } | { failed: true; reason: string }> {
    const deadline = Date.now() + (this.options.reportTimeoutMs ?? 30 * 60_000);
    for (;;) {
      this.throwIfAborted(signal);
      const { data: report } = await client.reports.getReport(reportId, { signal });
      switch (report.processingStatus) {
        case 'DONE':
          if (!report.reportDocumentId) return { failed: true, reason: `Amazon finished report ${reportId} without a document` };
          return { failed: false, reportDocumentId: report.reportDocumentId };
        case 'FATAL':
        case 'CANCELLED':
          return { failed: true, reason: await this.failureReason(client, report.processingStatus, reportId, report.reportDocumentId, signal) };
        case 'IN_QUEUE':
        case 'IN_PROGRESS':
          if (Date.now() > deadline) return { failed: true, reason: `Amazon did not finish report ${reportId} in time (still ${report.processingStatus})` };
          await sleep(this.options.reportPollMs, signal);
          break;
      }
    }
  }

  /** Amazon explains a FATAL report in its document (when it has one); CANCELLED means "no data". */
  private async failureReason(client: SpApiClient, status: 'FATAL' | 'CANCELLED', reportId: string, documentId: string | undefined, signal: AbortSignal): Promise<string> {
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

  private async applyReport(
    context: JobContext,
    client: SpApiClient,
    marketplaceId: string,
    currency: string,
    settings: ImportSettings,
    cursor: ImportCursor,
    counts: Counts,
  ): Promise<void> {
    const { job, signal } = context;
    const download = await (this.options.openDocument ?? downloadReportDocument)(client, cursor.reportDocumentId as string, signal);
    const charset = resolveCharset(download.contentType, { reportType: LISTINGS_REPORT_TYPE, region: client.http.region, marketplaceId });
    const bytes = await decompressIfGzip(download.body);
    const decoder = iconv.decodeStream(charset) as unknown as Transform;
    pipeline(bytes, decoder, (error) => {
      if (error) decoder.destroy(error);
    });
    const mode: WriteMode = settings.mode === 'CREATE_ONLY' ? 'CREATE_ONLY' : settings.overwriteProductData ? 'OVERWRITE_ALL' : 'OVERWRITE_OFFER';
    let header: ReportHeader | undefined;
    const resumeAfter = cursor.lastLine ?? 1;
    let batch = newBatch(resumeAfter);
    let storedErrors = counts['failed'] ?? 0;

    const flush = async (done: Batch) => {
      await this.dataSource.transaction(async (manager) => {
        const delta = done.counts;
        const written = await this.writeRows(manager, job, done.rows, mode, settings, delta, done.errors);
        await this.appendEvents(manager, job, written);
        await this.saveErrors(manager, job, done.errors.slice(0, Math.max(0, MAX_STORED_ROW_ERRORS - storedErrors)));
        storedErrors += done.errors.length;
        delta['failed'] = (delta['failed'] ?? 0) + done.errors.length;
        for (const [key, value] of Object.entries(delta)) counts[key] = (counts[key] ?? 0) + value;
        cursor.lastLine = done.lastLine;
        // The batch, its events and the cursor commit together: a crash replays nothing.
        await this.saveCursor(manager, job.id, 'rows-applied', cursor, counts);
      });
      await context.checkpoint({ step: 'rows-applied', cursor: { ...cursor }, counts: { ...counts }, done: counts['rows'] ?? 0, total: null });
    };

    // One batch is written while the next one is read: the download and the database overlap.
    // Batches still commit strictly in order, each with the cursor of its own last line.
    let inflight: Promise<void> = Promise.resolve();
    try {
      for await (const { line, cells } of reportLines(decoder as AsyncIterable<string>)) {
        if (header === undefined) {
          const parsed = parseHeader(cells);
          if ('missing' in parsed) {
            throw new ImportListingsError('REPORT_UNREADABLE', `The listings report has no ${parsed.missing.join(', ')} column; its header is: ${cells.join(', ').slice(0, 500)}`);
          }
          header = parsed;
          continue;
        }
        // Lines up to the cursor were committed by an earlier attempt of this run.
        if (line <= resumeAfter) continue;
        batch.lastLine = line;
        batch.counts['rows'] = (batch.counts['rows'] ?? 0) + 1;
        const outcome = classifyRow(cells, header, settings, currency);
        switch (outcome.kind) {
          case 'listing':
            batch.rows.push({ line, listing: outcome.listing });
            break;
          case 'skipped':
            batch.counts[`skipped_${outcome.reason}`] = (batch.counts[`skipped_${outcome.reason}`] ?? 0) + 1;
            break;
          case 'error':
            batch.errors.push({ line, sku: header.index.sku >= 0 ? cells[header.index.sku]?.trim() || null : null, message: `Line ${line}: ${outcome.message}` });
            break;
        }
        if (batch.rows.length + batch.errors.length >= this.options.batchSize) {
          await inflight;
          this.throwIfAborted(signal);
          const full = batch;
          batch = newBatch(full.lastLine);
          inflight = flush(full);
          // Surfaces a failed write at the next await rather than as an unhandled rejection.
          inflight.catch(() => undefined);
        }
      }
    } catch (error) {
      // A broken download must not leave a batch committing behind the failed run.
      await inflight.catch(() => undefined);
      throw error;
    }
    await inflight;
    if (header === undefined) throw new ImportListingsError('REPORT_UNREADABLE', 'The listings report is empty (not even a header line)');
    if (batch.rows.length + batch.errors.length > 0 || batch.lastLine !== cursor.lastLine) await flush(batch);
    this.throwIfAborted(signal);
  }

  private async writeRows(manager: EntityManager, job: JobContext['job'], rows: PendingRow[], mode: WriteMode, settings: ImportSettings, counts: Counts, errors: RowError[]): Promise<WrittenListing[]> {
    // One statement cannot touch a row twice: a SKU repeated within a batch keeps its last line.
    const bySku = new Map<string, PendingRow>();
    for (const row of rows) {
      const earlier = bySku.get(row.listing.sku);
      if (earlier) errors.push({ line: earlier.line, sku: row.listing.sku, message: `Line ${earlier.line}: SKU ${row.listing.sku} appears again on line ${row.line}; the later line was imported` });
      bySku.set(row.listing.sku, row);
    }
    const candidates: ListingWrite[] = [...bySku.values()].map(({ listing }) => ({
      id: uuidv7(),
      sku: listing.sku,
      externalListingId: listing.externalListingId,
      asin: listing.asin,
      title: listing.title,
      description: listing.description,
      images: listing.images,
      priceMinor: listing.priceMinor,
      currency: listing.currency,
      quantity: listing.quantity,
      fulfillmentChannel: listing.fulfillmentChannel,
      listingStatus: listing.listingStatus,
      amazonStatus: listing.amazonStatus,
      contentHash: contentHash(listing, mode !== 'OVERWRITE_OFFER'),
    }));
    const stored = await this.listings.storedHashes(manager, job.connectionId, [...bySku.keys()]);
    // Create Only leaves every existing listing alone; otherwise only a changed hash is written.
    const writes = candidates.filter((w) => !stored.has(w.sku) || (mode !== 'CREATE_ONLY' && stored.get(w.sku) !== w.contentHash));
    const written = await this.listings.upsertBatch(manager, { tenantId: job.tenantId, connectionId: job.connectionId, jobId: job.id }, writes, mode);
    const created = written.filter((w) => w.inserted);
    if (settings.pauseNewListings && created.length > 0) {
      await this.listings.setStatus(manager, created.map((w) => w.id), 'PAUSED');
      for (const w of created) w.listingStatus = 'PAUSED';
    }
    counts['created'] = (counts['created'] ?? 0) + created.length;
    counts['updated'] = (counts['updated'] ?? 0) + (written.length - created.length);
    counts['unchanged'] = (counts['unchanged'] ?? 0) + (candidates.length - written.length);
    return written;
  }

  /** One outbox row per batch: the relay still publishes one `ListingImported` per listing. */
  private async appendEvents(manager: EntityManager, job: JobContext['job'], written: WrittenListing[]): Promise<void> {
    await appendBatchToOutbox(
      manager,
      ListingImportedV1,
      written.map((w) => ({
        connectionId: job.connectionId,
        jobRunId: job.id,
        listingId: w.id,
        sku: w.sku,
        parentSku: w.parentSku,
        change: w.inserted ? ('CREATED' as const) : ('UPDATED' as const),
        externalListingId: w.externalListingId,
        asin: w.asin,
        title: w.title,
        price: w.priceMinor === null || w.currency === null ? null : { amountMinor: w.priceMinor, currency: w.currency },
        quantity: w.quantity,
        fulfillmentChannel: w.fulfillmentChannel,
        status: w.listingStatus,
      })),
      this.eventContext(job),
    );
  }

  private async saveErrors(manager: EntityManager, job: JobContext['job'], errors: RowError[]): Promise<void> {
    if (errors.length === 0) return;
    await manager.query(
      `INSERT INTO ${this.errorsTable} (id, job_id, tenant_id, line, sku, message)
       SELECT u.id, $1, $2, u.line, u.sku, u.message FROM unnest($3::uuid[], $4::int[], $5::text[], $6::text[]) AS u(id, line, sku, message)
       ON CONFLICT (job_id, line) DO NOTHING`,
      [job.id, job.tenantId, errors.map(() => uuidv7()), errors.map((e) => e.line), errors.map((e) => e.sku), errors.map((e) => e.message.slice(0, 2000))],
    );
  }

  private async saveCursor(manager: EntityManager, jobId: string, step: string, cursor: ImportCursor, counts: Counts): Promise<void> {
    await manager.query(`UPDATE ${this.jobsTable} SET step = $2, cursor = $3, counts = $4, updated_at = now() WHERE id = $1`, [jobId, step, JSON.stringify(cursor), JSON.stringify(counts)]);
  }

  private eventContext(job: JobContext['job']) {
    return { producer: 'listings', tenantId: job.tenantId, connectionId: job.connectionId, correlationId: job.id, causationId: job.id };
  }

  private throwIfAborted(signal: AbortSignal): void {
    if (signal.aborted) throw new ImportListingsError('INTERRUPTED', 'Import Listings was interrupted; it resumes from its last committed batch');
  }

  private result(counts: Counts, settings: ImportSettings): JobResult {
    const skipped = SKIP_REASONS.map((r) => [r, counts[`skipped_${r}`] ?? 0] as const).filter(([, n]) => n > 0);
    const failed = counts['failed'] ?? 0;
    const parts = [
      `${counts['rows'] ?? 0} report rows read`,
      `${counts['created'] ?? 0} listings created (SKUs with no channel listing yet; matching is by exact SKU only)`,
      `${counts['updated'] ?? 0} updated`,
      `${counts['unchanged'] ?? 0} left unchanged${settings.mode === 'CREATE_ONLY' ? ' (Create Only keeps existing listings)' : ''}`,
    ];
    if (skipped.length > 0) parts.push(`skipped as suspect: ${skipped.map(([r, n]) => `${n} ${r.replace(/_/g, ' ')}`).join(', ')}`);
    if (failed > 0) parts.push(`${failed} rows could not be read (see the run's row errors)`);
    if (settings.pauseNewListings && (counts['created'] ?? 0) > 0) parts.push('new listings are paused');
    return { outcome: failed > 0 ? 'PARTIALLY_SUCCEEDED' : 'SUCCEEDED', counts, summary: `${parts.join('; ')}.` };
  }
}
