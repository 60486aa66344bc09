import type { Counts } from './import-counts';
import type { PendingRow, RowError } from './import-decision';
import type { ImportSettings } from './import-settings';
import type { ReportLine } from './report-lines';
import { classifyRow, parseHeader, type ReportHeader } from './report-row';

/** Rows read since the last batch, their counts (`rows`, `skipped_<reason>`) and the last line they cover. */
export interface ReportBatch {
  rows: PendingRow[];
  errors: RowError[];
  counts: Counts;
  lastLine: number;
}

/** Why a report cannot be imported at all (as opposed to a bad row, which is held and skipped). */
export class UnreadableReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableReportError';
  }
}

/** How to cut a report into batches. */
export interface ReportBatchOptions {
  /** Lines up to this one were committed by an earlier attempt (the header is line 1). */
  resumeAfter: number;
  /** A batch closes once it holds this many rows and row errors. */
  batchSize: number;
  settings: Pick<ImportSettings, 'quantityThreshold'>;
  /** The marketplace's currency: report prices carry none. */
  currency: string;
}

function newBatch(afterLine: number): ReportBatch {
  return { rows: [], errors: [], counts: {}, lastLine: afterLine };
}

/**
 * Cuts a report's lines into batches: reads the header by name, classifies every data line after
 * `resumeAfter` (a listing, a skip counted by reason, or a row error with its line number), and
 * yields a batch whenever it is full, then the rest. A batch of only skipped lines still moves the
 * cursor. Pure apart from reading `lines`: the consumer writes a batch while the next is read.
 * @throws UnreadableReportError for a report without a header or without a required column.
 */
export async function* reportBatches(lines: AsyncIterable<ReportLine>, options: ReportBatchOptions): AsyncGenerator<ReportBatch> {
  let header: ReportHeader | undefined;
  let batch = newBatch(options.resumeAfter);
  for await (const { line, cells } of lines) {
    if (header === undefined) {
      const parsed = parseHeader(cells);
      if ('missing' in parsed)
        throw new UnreadableReportError(`The listings report has no ${parsed.missing.join(', ')} column; its header is: ${cells.join(', ').slice(0, 500)}`);
      header = parsed;
      continue;
    }
    if (line <= options.resumeAfter) continue;
    batch.lastLine = line;
    batch.counts['rows'] = (batch.counts['rows'] ?? 0) + 1;
    const outcome = classifyRow(cells, header, options.settings, options.currency);
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
    if (batch.rows.length + batch.errors.length >= options.batchSize) {
      yield batch;
      batch = newBatch(batch.lastLine);
    }
  }
  if (header === undefined) throw new UnreadableReportError('The listings report is empty (not even a header line)');
  if ((batch.counts['rows'] ?? 0) > 0) yield batch;
}
