/** Which outcome a result count reports. */
export type ResultOutcome = 'SUCCEEDED' | 'SKIPPED' | 'FAILED';

/** One line of a run's results: a count the owning service reported, with the outcome it stands for. */
export interface ResultLine {
  outcome: ResultOutcome;
  /** The owning service's count key (`created`, `skipped_quantity_empty`, `failed`, ...). */
  key: string;
  count: number;
}

/**
 * The run's results from the counts its JobCompleted (or last progress) carried, one line per count
 * key: `failed*` and `errors*` are FAILED, `skipped*` are SKIPPED, the rest (created, updated,
 * linked, redacted...) SUCCEEDED. Totals such as `total`/`rows` are not outcomes and are left out.
 * Sorted by outcome then key, so pages are stable.
 */
export function resultLines(counts: Record<string, number>): ResultLine[] {
  const order: Record<ResultOutcome, number> = { FAILED: 0, SKIPPED: 1, SUCCEEDED: 2 };
  return Object.entries(counts)
    .filter(([key, count]) => typeof count === 'number' && !/^(total|rows|read|seen)(_|$)/.test(key))
    .map(([key, count]) => ({ outcome: outcomeOf(key), key, count }))
    .sort((a, b) => order[a.outcome] - order[b.outcome] || a.key.localeCompare(b.key));
}

function outcomeOf(key: string): ResultOutcome {
  if (/^(failed|errors?|rejected)(_|$)/.test(key)) return 'FAILED';
  if (/^skipped(_|$)/.test(key)) return 'SKIPPED';
  return 'SUCCEEDED';
}
