import { jobOperationSchema } from '@amazon-channel/contracts';
import { z } from 'zod';
import { runProgress, type RunProgress } from '../domain/run-progress';
import type { ResultLine } from '../domain/run-results';
import type { JobRunEntity, JobRunStatus } from '../entities/job-run.entity';
import { JobRunError } from '../job-runs.error';

const STATUSES = ['REQUESTED', 'RUNNING', 'SUCCEEDED', 'PARTIALLY_SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED'] as const satisfies readonly JobRunStatus[];

/** Query of `GET /job-runs`. */
export const listJobRunsQuery = z.object({
  connectionId: z.string().min(1).max(100).optional(),
  operation: jobOperationSchema.optional(),
  status: z.enum(STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Query of `GET /job-runs/{id}/results`. */
export const resultsQuery = z.object({
  outcome: z.enum(['SUCCEEDED', 'SKIPPED', 'FAILED']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Parses a query string with a coded 400 naming the parameter. */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.infer<T> {
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = `query.${issue.path.join('.')}`;
  throw new JobRunError('INVALID_REQUEST', `${field}: ${issue.message}`, { field });
}

/** A run as the history shows it. */
export interface JobRunView {
  id: string;
  connectionId: string;
  operation: string;
  trigger: string;
  status: JobRunStatus;
  scheduleId: string | null;
  slotAt: string | null;
  counts: object;
  summary: string | null;
  progress: RunProgress | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A page of a run's results. */
export interface JobRunResultsPage {
  jobRunId: string;
  status: JobRunStatus;
  total: number;
  limit: number;
  offset: number;
  items: ResultLine[];
}

/** The view of one run. */
export function jobRunView(run: JobRunEntity): JobRunView {
  return {
    id: run.id,
    connectionId: run.connectionId,
    operation: run.operation,
    trigger: run.trigger,
    status: run.status,
    scheduleId: run.scheduleId,
    slotAt: run.slotAt?.toISOString() ?? null,
    counts: run.counts,
    summary: run.summary,
    progress: runProgress(run),
    requestedAt: run.requestedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
