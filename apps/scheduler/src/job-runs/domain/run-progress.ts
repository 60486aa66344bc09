/** A run's progress as the history shows it. */
export interface RunProgress {
  phase: string;
  done: number;
  total: number | null;
  /** 0–100, null while the total is unknown. */
  percent: number | null;
  /** Extrapolated from the pace since the run started; null until there is a pace and a total. */
  estimatedFinishAt: string | null;
}

/** What the progress is computed from: the last JobProgressed and when the run started. */
export interface ProgressFacts {
  status: string;
  phase: string | null;
  done: number | null;
  total: number | null;
  startedAt: Date | null;
  progressAt: Date | null;
}

/**
 * The progress of a run: null before any was reported. A finished run shows its last report at 100%
 * of what was done; a running one extrapolates the finish at the pace it has kept so far
 * (rows done per ms between its start and its last report).
 */
export function runProgress(facts: ProgressFacts): RunProgress | null {
  if (facts.phase === null) return null;
  const done = facts.done ?? 0;
  const total = facts.total;
  const percent = total === null ? null : total === 0 ? 100 : Math.min(100, Math.round((done / total) * 1000) / 10);
  let estimatedFinishAt: string | null = null;
  const open = facts.status === 'RUNNING' || facts.status === 'REQUESTED';
  if (open && total !== null && done > 0 && facts.startedAt && facts.progressAt) {
    const elapsed = facts.progressAt.getTime() - facts.startedAt.getTime();
    if (elapsed > 0) estimatedFinishAt = new Date(facts.progressAt.getTime() + (Math.max(0, total - done) * elapsed) / done).toISOString();
  }
  return { phase: facts.phase, done, total, percent, estimatedFinishAt };
}
