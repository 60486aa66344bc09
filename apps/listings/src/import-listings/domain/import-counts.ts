import type { ImportTotals } from '../../channel-listings/listing-events';
import type { ImportSettings } from './import-settings';
import type { SkipReason } from './report-row';

/** Running counts of a run, as stored with the job: `rows`, `created`, `updated`, `unchanged`, `failed`, `skipped_<reason>`. */
export type Counts = Record<string, number>;

/** Every reason a well-formed row is skipped, in the order a summary lists them. */
export const SKIP_REASONS: SkipReason[] = ['quantity_empty', 'quantity_too_high', 'pending_quantity_empty', 'pending_quantity_too_high', 'price_empty'];

/** The counts of a run before its first row. */
export function emptyCounts(): Counts {
  return { rows: 0, created: 0, updated: 0, unchanged: 0, failed: 0, ...Object.fromEntries(SKIP_REASONS.map((r) => [`skipped_${r}`, 0])) };
}

/** `total` plus `delta`, key by key (a new object). */
export function addCounts(total: Counts, delta: Counts): Counts {
  const sum = { ...total };
  for (const [key, value] of Object.entries(delta)) sum[key] = (sum[key] ?? 0) + value;
  return sum;
}

/**
 * What one committed batch adds to the counts: the rows it read and skipped (`read`), what its
 * write actually created and changed (a row decided as a write that the database found equal, e.g.
 * written meanwhile, counts as unchanged), and its failed rows.
 */
export function batchCounts(
  read: Counts,
  decided: { writes: number; unchanged: number },
  written: ReadonlyArray<{ inserted: boolean }>,
  failed: number,
): Counts {
  const created = written.filter((w) => w.inserted).length;
  return addCounts(read, { created, updated: written.length - created, unchanged: decided.unchanged + decided.writes - written.length, failed });
}

/** The totals `ListingsImportCompleted` carries. */
export function importTotals(counts: Counts): ImportTotals {
  return {
    created: counts['created'] ?? 0,
    updated: counts['updated'] ?? 0,
    unchanged: counts['unchanged'] ?? 0,
    skipped: Object.fromEntries(SKIP_REASONS.map((r) => [r, counts[`skipped_${r}`] ?? 0])) as Record<SkipReason, number>,
    failed: counts['failed'] ?? 0,
  };
}

/** The run's outcome and the paragraph a seller reads: partially succeeded when any row failed. */
export function importOutcome(
  counts: Counts,
  settings: Pick<ImportSettings, 'mode' | 'pauseNewListings'>,
): { outcome: 'SUCCEEDED' | 'PARTIALLY_SUCCEEDED'; summary: string } {
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
  return { outcome: failed > 0 ? 'PARTIALLY_SUCCEEDED' : 'SUCCEEDED', summary: `${parts.join('; ')}.` };
}
