import type { ListingRecord } from './listing-model';

/** Terminal and intermediate processing statuses shared by reports and feeds. */
export type ProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';

/** A report request and its planned progression on the sandbox clock. */
export interface ReportRecord {
  reportId: string;
  sellingPartnerId: string;
  reportType: string;
  marketplaceIds: string[];
  reportOptions: Record<string, string>;
  dataStartTime?: string;
  dataEndTime?: string;
  createdMs: number;
  /** Time spent IN_QUEUE, then IN_PROGRESS (ms on the sandbox clock). */
  queueMs: number;
  processingMs: number;
  /** How the report ends once processing time has passed. */
  outcome: 'DONE' | 'FATAL' | 'CANCELLED';
  /** Set by cancelReport while IN_QUEUE. */
  cancelledMs?: number;
  reportDocumentId: string;
}

/** Where a report or feed document lives and how it is served. */
export type DocumentRecord =
  | {
      kind: 'report';
      documentId: string;
      sellingPartnerId: string;
      reportId: string;
      marketplaceId: string;
      gzip: boolean;
      fatal: boolean;
      /** The seller's changed listings when the report was requested (the report is a snapshot). */
      snapshot: ReadonlyMap<string, ListingRecord | null>;
    }
  | { kind: 'feed-input'; documentId: string; sellingPartnerId: string; contentType: string; content?: Buffer; createdMs: number }
  | { kind: 'feed-result'; documentId: string; sellingPartnerId: string; content: Buffer; gzip: boolean };

/** A submitted feed. */
export interface FeedRecord {
  feedId: string;
  sellingPartnerId: string;
  feedType: string;
  marketplaceIds: string[];
  inputFeedDocumentId: string;
  feedOptions: Record<string, string>;
  createdMs: number;
  queueMs: number;
  processingMs: number;
  cancelledMs?: number;
  /** Fault injection captured at creation. */
  forceFatal: boolean;
  /** Filled once processing has run. */
  result?: { status: 'DONE' | 'FATAL'; resultFeedDocumentId: string; endMs: number; durationMs: number };
}

/** Status of a report/feed at `nowMs`, from its planned timings. */
export function statusAt(
  rec: { createdMs: number; queueMs: number; processingMs: number; cancelledMs?: number },
  nowMs: number,
  outcome: 'DONE' | 'FATAL' | 'CANCELLED',
): ProcessingStatus {
  if (rec.cancelledMs !== undefined) return 'CANCELLED';
  if (nowMs < rec.createdMs + rec.queueMs) return 'IN_QUEUE';
  if (nowMs < rec.createdMs + rec.queueMs + rec.processingMs) return 'IN_PROGRESS';
  return outcome;
}
