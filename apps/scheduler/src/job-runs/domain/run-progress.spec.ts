import { runProgress, type ProgressFacts } from './run-progress';

const base: ProgressFacts = {
  status: 'RUNNING',
  phase: 'rows-applied',
  done: 250,
  total: 1000,
  startedAt: new Date('2026-03-10T10:00:00Z'),
  progressAt: new Date('2026-03-10T10:01:00Z'),
};

describe('run progress', () => {
  it('is absent before the owning service reported any', () => {
    expect(runProgress({ ...base, phase: null, done: null, total: null, progressAt: null })).toBeNull();
  });

  it('extrapolates the finish at the pace kept so far', () => {
    // 250 rows in one minute: 750 left take three more minutes.
    expect(runProgress(base)).toEqual({ phase: 'rows-applied', done: 250, total: 1000, percent: 25, estimatedFinishAt: '2026-03-10T10:04:00.000Z' });
  });

  it('has no percent or estimate while the total is unknown', () => {
    expect(runProgress({ ...base, total: null })).toEqual({ phase: 'rows-applied', done: 250, total: null, percent: null, estimatedFinishAt: null });
  });

  it('has no estimate before the first row is done', () => {
    expect(runProgress({ ...base, done: 0 })?.estimatedFinishAt).toBeNull();
  });

  it('estimates nothing for a finished run', () => {
    expect(runProgress({ ...base, status: 'SUCCEEDED', done: 1000 })).toEqual({
      phase: 'rows-applied',
      done: 1000,
      total: 1000,
      percent: 100,
      estimatedFinishAt: null,
    });
  });

  it('caps the percent at 100 when the total was an estimate', () => {
    expect(runProgress({ ...base, done: 1200 })?.percent).toBe(100);
  });
});
