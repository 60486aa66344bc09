import type { AmazonConnections } from '@amazon-channel/platform-amazon';
import type { JobContext, JobHandler, JobResult } from '@amazon-channel/platform-service';
import { findMarketplace, type SpApiClient } from '@amazon-channel/sp-api';
import { v7 as uuidv7 } from 'uuid';
import { importCompletedEvent, listingImportedEvents } from '../channel-listings/listing-events';
import { addCounts, batchCounts, emptyCounts, importOutcome, importTotals, type Counts } from './domain/import-counts';
import { decideBatch, writeModeOf, type WriteMode } from './domain/import-decision';
import { importSettingsSchema, type ImportSettings } from './domain/import-settings';
import { reportBatches, UnreadableReportError, type ReportBatch } from './domain/report-batches';
import { reportLines } from './domain/report-lines';
import { ImportListingsError } from './import-listings.error';
import type { ImportListingsRepository } from './import-listings.repository';
import {
  downloadReportDocument,
  LISTINGS_REPORT_TYPE,
  openReportText,
  throwIfInterrupted,
  waitForListingsReport,
  type ReportDocumentOpener,
} from './listings-report';

export { downloadReportDocument, LISTINGS_REPORT_TYPE, type ReportDocumentOpener } from './listings-report';

/** Row errors kept per run: enough to act on, bounded for a broken million-row file. */
const MAX_STORED_ROW_ERRORS = 10_000;

/** Where a run is: the resume cursor stored with the job. */
interface ImportCursor {
  reportId?: string;
  reportDocumentId?: string;
  /** Last report line whose effects are committed (the header is line 1). */
  lastLine?: number;
}

/** Tunables of the handler. */
export interface ImportListingsOptions {
  /** Where document bytes come from; default {@link downloadReportDocument}. */
  openDocument?: ReportDocumentOpener;
  batchSize: number;
  reportPollMs: number;
  /** Gives up waiting for Amazon's report after this long. */
  reportTimeoutMs?: number;
}

/** What a run carries from batch to batch (advanced only once a batch has committed). */
interface RunState {
  cursor: ImportCursor;
  counts: Counts;
}

/**
 * Import Listings: requests GET_MERCHANT_LISTINGS_ALL_DATA, streams its rows into
 * `channel_listings` in batches, and ends with `ListingsImportCompleted`. Each batch is decided
 * (pure: `domain/`), persisted with its events and the resume cursor in one transaction
 * ({@link ImportListingsRepository}), and announced by events built in `listing-events.ts`.
 * Unchanged rows write nothing in any mode. A restarted run re-requests nothing it already has and
 * resumes after the last committed line.
 */
export class ImportListingsHandler implements JobHandler {
  readonly operation = 'import-listings' as const;

  constructor(
    private readonly store: ImportListingsRepository,
    private readonly amazon: AmazonConnections,
    private readonly options: ImportListingsOptions,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const { job, signal } = context;
    const parsed = importSettingsSchema.safeParse(job.settings ?? {});
    if (!parsed.success) {
      return { outcome: 'FAILED', counts: {}, summary: `Invalid settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
    }
    const settings = parsed.data;
    const state: RunState = { cursor: { ...((job.cursor as ImportCursor | null) ?? {}) }, counts: { ...emptyCounts(), ...job.counts } };
    if (job.step === 'completed') return this.result(state.counts, settings);

    const { account, client } = await this.amazon.forConnection(job.connectionId, job.tenantId);
    const currency = findMarketplace(account.marketplaceId)?.currency ?? 'USD';

    if (!state.cursor.reportId) {
      const { data } = await client.reports.createReport({ reportType: LISTINGS_REPORT_TYPE, marketplaceIds: [account.marketplaceId] }, { signal });
      state.cursor.reportId = data.reportId;
      await context.checkpoint({ step: 'report-requested', cursor: { ...state.cursor }, counts: state.counts, done: 0, total: null });
    }
    if (!state.cursor.reportDocumentId) {
      const outcome = await waitForListingsReport(client, state.cursor.reportId, {
        pollMs: this.options.reportPollMs,
        timeoutMs: this.options.reportTimeoutMs ?? 30 * 60_000,
        signal,
      });
      if (outcome.failed) return { outcome: 'FAILED', counts: state.counts, summary: outcome.reason };
      state.cursor.reportDocumentId = outcome.reportDocumentId;
      state.cursor.lastLine = 1;
      await context.checkpoint({ step: 'report-ready', cursor: { ...state.cursor }, counts: state.counts, done: 0, total: null });
    }

    await this.applyReport(context, client, account.marketplaceId, currency, settings, state);

    const rows = state.counts['rows'] ?? 0;
    await this.store.complete(importCompletedEvent(job, importTotals(state.counts)), {
      job,
      progress: { step: 'completed', cursor: { ...state.cursor }, counts: state.counts, done: rows, total: rows },
    });
    return this.result(state.counts, settings);
  }

  /** Reads the report batch by batch from the line after the cursor and commits each batch. */
  private async applyReport(
    context: JobContext,
    client: SpApiClient,
    marketplaceId: string,
    currency: string,
    settings: ImportSettings,
    state: RunState,
  ): Promise<void> {
    const { signal } = context;
    const text = await openReportText(
      client,
      state.cursor.reportDocumentId as string,
      marketplaceId,
      this.options.openDocument ?? downloadReportDocument,
      signal,
    );
    const mode = writeModeOf(settings);
    const batches = reportBatches(reportLines(text), { resumeAfter: state.cursor.lastLine ?? 1, batchSize: this.options.batchSize, settings, currency });
    // One batch is written while the next one is read: the download and the database overlap.
    // Batches still commit strictly in order, each with the cursor of its own last line.
    let inflight: Promise<void> = Promise.resolve();
    try {
      for await (const batch of batches) {
        await inflight;
        throwIfInterrupted(signal);
        inflight = this.commitBatch(context, batch, mode, settings, state);
        // Surfaces a failed write at the next await rather than as an unhandled rejection.
        inflight.catch(() => undefined);
      }
    } catch (error) {
      // A broken download must not leave a batch committing behind the failed run.
      await inflight.catch(() => undefined);
      if (error instanceof UnreadableReportError) throw new ImportListingsError('REPORT_UNREADABLE', error.message);
      throw error;
    }
    await inflight;
    throwIfInterrupted(signal);
  }

  /** Decide → persist → announce for one batch; `state` moves on only once the batch has committed. */
  private async commitBatch(context: JobContext, batch: ReportBatch, mode: WriteMode, settings: ImportSettings, state: RunState): Promise<void> {
    const { job } = context;
    const stored = await this.store.storedHashes(
      job.connectionId,
      batch.rows.map((r) => r.listing.sku),
    );
    const decision = decideBatch(batch.rows, stored, mode, uuidv7);
    const errors = [...batch.errors, ...decision.errors];
    const storedErrors = state.counts['failed'] ?? 0;
    const cursor = { ...state.cursor, lastLine: batch.lastLine };
    let counts = state.counts;
    await this.store.applyBatch(
      {
        scope: { tenantId: job.tenantId, connectionId: job.connectionId, jobId: job.id },
        writes: decision.writes,
        mode,
        pauseCreated: settings.pauseNewListings,
        errors: errors.slice(0, Math.max(0, MAX_STORED_ROW_ERRORS - storedErrors)),
      },
      (written) => listingImportedEvents(job, written),
      (written) => {
        counts = addCounts(state.counts, batchCounts(batch.counts, { writes: decision.writes.length, unchanged: decision.unchanged }, written, errors.length));
        return { job, progress: { step: 'rows-applied', cursor, counts, done: counts['rows'] ?? 0, total: null } };
      },
    );
    state.counts = counts;
    state.cursor = cursor;
  }

  private result(counts: Counts, settings: ImportSettings): JobResult {
    return { counts, ...importOutcome(counts, settings) };
  }
}
