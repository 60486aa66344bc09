import type { OrderDecision, SkipReason } from './import-decision';

/** Counts of one applied page, merged into the job's result record. */
export type BatchCounts = Record<
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'stale'
  | 'held'
  | 'held_invalid_data'
  | 'reserved'
  | 'released'
  | 'cancelled'
  | 'cancelled_before_import'
  | 'skipped_status'
  | 'skipped_created_window'
  | 'skipped_fulfilled_by'
  | 'skipped_other_marketplace'
  | 'failed',
  number
>;

/** An empty {@link BatchCounts}. */
export function emptyCounts(): BatchCounts {
  return {
    created: 0,
    updated: 0,
    unchanged: 0,
    stale: 0,
    held: 0,
    held_invalid_data: 0,
    reserved: 0,
    released: 0,
    cancelled: 0,
    cancelled_before_import: 0,
    skipped_status: 0,
    skipped_created_window: 0,
    skipped_fulfilled_by: 0,
    skipped_other_marketplace: 0,
    failed: 0,
  };
}

const SKIP_COUNTER: Record<SkipReason, keyof BatchCounts> = {
  STATUS_FILTERED: 'skipped_status',
  OUTSIDE_CREATED_WINDOW: 'skipped_created_window',
  FULFILLED_BY_FILTERED: 'skipped_fulfilled_by',
  OTHER_MARKETPLACE: 'skipped_other_marketplace',
};

/** Hold reasons that mean Amazon sent data the platform cannot store as it is. */
const INVALID_DATA = new Set(['INVALID_TEXT', 'ABSURD_QUANTITY', 'ABSURD_PRICE', 'UNKNOWN_CURRENCY']);

/** Whether a hold reason is bad data from Amazon (reported apart on the run's result). */
export function isInvalidDataHold(reason: string | null): boolean {
  return reason !== null && INVALID_DATA.has(reason);
}

/** The counts of a page's decisions. */
export function countDecisions(decisions: readonly OrderDecision[]): BatchCounts {
  const counts = emptyCounts();
  for (const d of decisions) {
    switch (d.kind) {
      case 'skip':
        counts[SKIP_COUNTER[d.reason]]++;
        break;
      case 'create':
        counts.created++;
        if (d.placement.state === 'HELD') counts.held++;
        if (d.placement.state === 'HELD' && isInvalidDataHold(d.placement.holdReason)) counts.held_invalid_data++;
        if (d.placement.state === 'RESERVED') counts.reserved++;
        break;
      case 'update':
        counts.updated++;
        if (d.becomesImported) counts.released++;
        if (d.placement.state === 'CANCELLED' && d.known.state !== 'CANCELLED') counts.cancelled_before_import++;
        if (d.known.importedAt && d.cancelledLines.length) counts.cancelled++;
        break;
      case 'unchanged':
        counts.unchanged++;
        break;
      case 'stale':
        counts.stale++;
        break;
    }
  }
  return counts;
}
