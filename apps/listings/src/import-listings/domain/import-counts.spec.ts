import { addCounts, batchCounts, emptyCounts, importOutcome, importTotals } from './import-counts';

describe('batchCounts', () => {
  it('counts what the write actually did: created, updated, and decided writes the database found equal as unchanged', () => {
    const read = { rows: 10, skipped_price_empty: 1 };
    const written = [{ inserted: true }, { inserted: true }, { inserted: false }];
    expect(batchCounts(read, { writes: 4, unchanged: 3 }, written, 2)).toEqual({
      rows: 10,
      skipped_price_empty: 1,
      created: 2,
      updated: 1,
      unchanged: 4,
      failed: 2,
    });
  });
});

describe('addCounts', () => {
  it('adds key by key without changing its inputs', () => {
    const total = { ...emptyCounts(), rows: 5 };
    expect(addCounts(total, { rows: 2, created: 1 })).toMatchObject({ rows: 7, created: 1, updated: 0 });
    expect(total.rows).toBe(5);
  });
});

describe('importOutcome and importTotals', () => {
  it('partially succeeds when rows failed, and lists skips by reason', () => {
    const counts = { ...emptyCounts(), rows: 10, created: 6, skipped_price_empty: 2, failed: 2 };
    expect(importOutcome(counts, { mode: 'CREATE_ONLY', pauseNewListings: true })).toEqual({
      outcome: 'PARTIALLY_SUCCEEDED',
      summary:
        "10 report rows read; 6 listings created (SKUs with no channel listing yet; matching is by exact SKU only); 0 updated; 0 left unchanged (Create Only keeps existing listings); skipped as suspect: 2 price empty; 2 rows could not be read (see the run's row errors); new listings are paused.",
    });
    expect(importTotals(counts)).toEqual({
      created: 6,
      updated: 0,
      unchanged: 0,
      failed: 2,
      skipped: { quantity_empty: 0, quantity_too_high: 0, pending_quantity_empty: 0, pending_quantity_too_high: 0, price_empty: 2 },
    });
  });

  it('succeeds when no row failed', () => {
    expect(importOutcome({ ...emptyCounts(), rows: 1, created: 1 }, { mode: 'CREATE_AND_OVERWRITE', pauseNewListings: false }).outcome).toBe('SUCCEEDED');
  });
});
