import { resultLines } from './run-results';

describe('run results from counts', () => {
  it('classifies each count by outcome, failures first, and leaves totals out', () => {
    expect(resultLines({ created: 10, updated: 2, skipped_quantity_empty: 1, failed: 3, total: 16 })).toEqual([
      { outcome: 'FAILED', key: 'failed', count: 3 },
      { outcome: 'SKIPPED', key: 'skipped_quantity_empty', count: 1 },
      { outcome: 'SUCCEEDED', key: 'created', count: 10 },
      { outcome: 'SUCCEEDED', key: 'updated', count: 2 },
    ]);
  });

  it('has nothing for a run that reported no counts', () => {
    expect(resultLines({})).toEqual([]);
  });
});
