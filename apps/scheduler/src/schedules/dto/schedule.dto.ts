import { z } from 'zod';

const timingFields = {
  interval: z.string().min(1).max(50).nullable().optional().describe('ISO 8601 duration, at least one minute (PT15M, P1D)'),
  cron: z.string().min(1).max(200).nullable().optional().describe('cron expression (5 fields, or 6 with seconds), at most once a minute'),
  timeZone: z.string().min(1).max(64).optional().describe('IANA time zone of the cron or the interval (default UTC)'),
  enabled: z.boolean().optional(),
};

/** Body of `POST /schedules`: exactly one of interval and cron (checked with the timing rules). */
export const createScheduleSchema = z
  .object({
    connectionId: z.string().min(1).max(100),
    operation: z.string().min(1).max(64),
    ...timingFields,
  })
  .strict();
/** Parsed {@link createScheduleSchema}. */
export type CreateSchedule = z.infer<typeof createScheduleSchema>;

/** Body of `PATCH /schedules/{id}`: what changes; giving interval clears cron and the reverse. */
export const updateScheduleSchema = z.object(timingFields).strict();
/** Parsed {@link updateScheduleSchema}. */
export type UpdateSchedule = z.infer<typeof updateScheduleSchema>;

/** A schedule as its owner reads it. */
export interface ScheduleView {
  id: string;
  connectionId: string;
  operation: string;
  interval: string | null;
  cron: string | null;
  timeZone: string;
  enabled: boolean;
  /** ACTIVE, PAUSED (its connection is not authorized: `pausedReason`) or DISABLED (enabled = false). */
  state: 'ACTIVE' | 'PAUSED' | 'DISABLED';
  paused: boolean;
  pausedReason: string | null;
  nextRunAt: string;
  lastSlotAt: string | null;
  lastRunId: string | null;
  createdAt: string;
  updatedAt: string;
}
