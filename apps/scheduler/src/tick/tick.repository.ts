import { JobRequestedV1, type JobOperation } from '@amazon-channel/contracts';
import { appendToOutbox, quoteIdent } from '@amazon-channel/platform-persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_SCHEDULES, DEFAULT_SCHEDULES } from '../schedules/domain/default-schedules';
import type { DueCandidate, DueRun } from '../schedules/domain/due-run';

const SCHEMA = quoteIdent('scheduler');

/** A due schedule as the tick reads it. */
export interface DueSchedule extends DueCandidate {
  tenantId: string;
  connectionId: string;
  operation: JobOperation;
}

/** What one batch did. */
export interface BatchOutcome {
  requested: number;
  skipped: number;
}

/**
 * The tick's writes: default schedules, due runs with their JobRequested (or SKIPPED when the
 * previous run is still open), the NOT_STARTED sweep and retention. The only writer of
 * `schedules`' due times; job runs' other writer is {@link JobRunsRepository}.
 */
export class TickRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates the default schedules of every connection seen authorized for the first time (once per
   * connection: a default the seller deleted stays deleted) and the system schedules.
   * @returns the number of schedules created.
   */
  async seedDefaults(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
      const seeded = (await manager.query(
        `WITH fresh AS (
           INSERT INTO ${SCHEMA}.schedule_seeds (connection_id)
           SELECT c.id FROM ${SCHEMA}.connections c
            WHERE c.status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM ${SCHEMA}.schedule_seeds s WHERE s.connection_id = c.id)
           ON CONFLICT DO NOTHING RETURNING connection_id)
         INSERT INTO ${SCHEMA}.schedules (id, tenant_id, connection_id, operation, interval, cron, time_zone, enabled, system, anchor_at, next_due_at)
         SELECT gen_random_uuid(), c.tenant_id, c.id, d.operation, d.interval, NULL, 'UTC', true, false, $1, $1
           FROM fresh f JOIN ${SCHEMA}.connections c ON c.id = f.connection_id
          CROSS JOIN unnest($2::text[], $3::text[]) AS d(operation, interval)
         ON CONFLICT DO NOTHING RETURNING id`,
        [minute, DEFAULT_SCHEDULES.map((d) => d.operation), DEFAULT_SCHEDULES.map((d) => d.interval)],
      )) as unknown[];
      const system = (await manager.query(
        `INSERT INTO ${SCHEMA}.schedules (id, tenant_id, connection_id, operation, interval, cron, time_zone, enabled, system, anchor_at, next_due_at)
         SELECT d.id, d.tenant_id, d.connection_id, d.operation, d.interval, NULL, 'UTC', true, true, $1, $1
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) AS d(id, tenant_id, connection_id, operation, interval)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          minute,
          SYSTEM_SCHEDULES.map((s) => s.id),
          SYSTEM_SCHEDULES.map((s) => s.tenantId),
          SYSTEM_SCHEDULES.map((s) => s.connectionId),
          SYSTEM_SCHEDULES.map((s) => s.operation),
          SYSTEM_SCHEDULES.map((s) => s.interval),
        ],
      )) as unknown[];
      return seeded.length + system.length;
    });
  }

  /**
   * Takes up to `limit` due schedules of authorized connections (and system schedules), locked
   * for this transaction and skipped by concurrent ticks, lets `decide` place their runs, and
   * writes them: each run once (deterministic id, insert or nothing), SKIPPED with the reason when
   * the connection's previous run of the operation is still open, and the schedules' next due times.
   * @returns null when nothing was due.
   */
  async processDueBatch(now: Date, limit: number, decide: (schedule: DueSchedule) => DueRun | null): Promise<BatchOutcome | null> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT s.id, s.tenant_id, s.connection_id, s.operation, s.interval, s.cron, s.time_zone, s.anchor_at, s.next_due_at
           FROM ${SCHEMA}.schedules s
           LEFT JOIN ${SCHEMA}.connections c ON c.id = s.connection_id
          WHERE s.enabled AND s.next_due_at <= $1 AND (s.system OR c.status = 'ACTIVE')
          ORDER BY s.next_due_at, s.id
          LIMIT $2
          FOR UPDATE OF s SKIP LOCKED`,
        [now, limit],
      )) as Array<Record<string, unknown>>;
      if (rows.length === 0) return null;
      const schedules = rows.map(toDueSchedule);
      const decisions = schedules.map((schedule) => ({ schedule, run: decide(schedule) }));
      const decided = decisions.filter((d): d is { schedule: DueSchedule; run: DueRun } => d.run !== null);
      // A schedule whose timing cannot be evaluated (validated on write: only a library change gets here) waits a day.
      const postponed = decisions.filter((d) => d.run === null).map((d) => d.schedule.id);
      const requested = decided.length ? await this.insertRuns(manager, decided, now) : new Set<string>();
      const rest = decided.filter((d) => !requested.has(d.run.runId));
      const skipped = rest.length ? await this.insertSkipped(manager, rest, now) : 0;
      await appendToOutbox(
        manager,
        decided
          .filter((d) => requested.has(d.run.runId))
          .map(({ schedule, run }) => ({
            definition: JobRequestedV1,
            data: {
              jobRunId: run.runId,
              operation: schedule.operation,
              connectionId: schedule.connectionId,
              trigger: 'SCHEDULE' as const,
              settings: {},
              requestedAt: now.toISOString(),
            },
            context: { producer: 'scheduler', tenantId: schedule.tenantId, connectionId: schedule.connectionId, correlationId: run.runId },
          })),
      );
      await manager.query(
        `UPDATE ${SCHEMA}.schedules s SET next_due_at = v.next_due_at, last_slot_at = v.slot_at, last_run_id = v.run_id, updated_at = now()
           FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::uuid[]) AS v(id, next_due_at, slot_at, run_id)
          WHERE s.id = v.id`,
        [decided.map((d) => d.schedule.id), decided.map((d) => d.run.nextDueAt), decided.map((d) => d.run.slotAt), decided.map((d) => d.run.runId)],
      );
      if (postponed.length) {
        await manager.query(`UPDATE ${SCHEMA}.schedules SET next_due_at = $2::timestamptz + interval '1 day', updated_at = now() WHERE id = ANY($1)`, [
          postponed,
          now,
        ]);
      }
      return { requested: requested.size, skipped };
    });
  }

  /** Inserts REQUESTED runs; a run id already present or an open run of the same connection and operation inserts nothing. */
  private async insertRuns(manager: EntityManager, decided: Array<{ schedule: DueSchedule; run: DueRun }>, now: Date): Promise<Set<string>> {
    const inserted = (await manager.query(
      `INSERT INTO ${SCHEMA}.job_runs (id, tenant_id, connection_id, operation, trigger, status, settings, counts, requested_at, schedule_id, slot_at)
       SELECT r.id, r.tenant_id, r.connection_id, r.operation, 'SCHEDULE', 'REQUESTED', '{}', '{}', $1, r.schedule_id, r.slot_at
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[])
           AS r(id, tenant_id, connection_id, operation, schedule_id, slot_at)
        ORDER BY r.connection_id, r.operation
       ON CONFLICT DO NOTHING RETURNING id`,
      [now, ...runColumns(decided)],
    )) as Array<{ id: string }>;
    return new Set(inserted.map((row) => row.id));
  }

  /**
   * Records the slots whose run could not be requested because the previous one is still open
   * (REQUESTED or RUNNING): SKIPPED, finished, with the open run named. A slot already recorded
   * (its id exists: another tick's) is left alone.
   */
  private async insertSkipped(manager: EntityManager, decided: Array<{ schedule: DueSchedule; run: DueRun }>, now: Date): Promise<number> {
    const inserted = (await manager.query(
      `INSERT INTO ${SCHEMA}.job_runs (id, tenant_id, connection_id, operation, trigger, status, settings, counts, summary, requested_at, finished_at, schedule_id, slot_at)
       SELECT r.id, r.tenant_id, r.connection_id, r.operation, 'SCHEDULE', 'SKIPPED', '{}', '{}',
              'PREVIOUS_RUN_OPEN: ' || COALESCE(
                (SELECT 'run ' || o.id || ' was still ' || o.status FROM ${SCHEMA}.job_runs o
                  WHERE o.connection_id = r.connection_id AND o.operation = r.operation AND o.status IN ('REQUESTED', 'RUNNING') LIMIT 1),
                'the previous run was still open') || ' when the slot of ' || to_char(r.slot_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') || ' came',
              $1, $1, r.schedule_id, r.slot_at
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[])
           AS r(id, tenant_id, connection_id, operation, schedule_id, slot_at)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [now, ...runColumns(decided)],
    )) as unknown[];
    return inserted.length;
  }

  /**
   * Ends runs no service started within `bound` (its consumer is down, or no handler exists) as
   * FAILED with NOT_STARTED, so the history does not show them waiting forever.
   * @returns how many.
   */
  async failNotStarted(now: Date, boundMinutes: number): Promise<number> {
    const rows = (await this.dataSource.query(
      `UPDATE ${SCHEMA}.job_runs SET status = 'FAILED', finished_at = $1, updated_at = now(),
              summary = 'NOT_STARTED: no service started this run within ' || $2::int || ' minutes'
        WHERE status = 'REQUESTED' AND requested_at < $1::timestamptz - make_interval(mins => $2::int)
       RETURNING id`,
      [now, boundMinutes],
    )) as [unknown[], number] | unknown[];
    return Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : (rows as unknown[]).length;
  }

  /** Deletes finished runs older than the retention period, a bounded slice per call. @returns how many. */
  async deleteExpired(now: Date, retentionDays: number, limit = 10_000): Promise<number> {
    const rows = (await this.dataSource.query(
      `DELETE FROM ${SCHEMA}.job_runs WHERE id IN (
         SELECT id FROM ${SCHEMA}.job_runs WHERE finished_at < $1::timestamptz - make_interval(days => $2::int) LIMIT $3)
       RETURNING id`,
      [now, retentionDays, limit],
    )) as [unknown[], number] | unknown[];
    return Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : (rows as unknown[]).length;
  }
}

function toDueSchedule(row: Record<string, unknown>): DueSchedule {
  return {
    id: row.id as string,
    tenantId: row.tenant_id as string,
    connectionId: row.connection_id as string,
    operation: row.operation as JobOperation,
    interval: row.interval as string | null,
    cron: row.cron as string | null,
    timeZone: row.time_zone as string,
    anchorAt: new Date(row.anchor_at as string),
    nextDueAt: new Date(row.next_due_at as string),
  };
}

function runColumns(decided: Array<{ schedule: DueSchedule; run: DueRun }>): unknown[] {
  return [
    decided.map((d) => d.run.runId),
    decided.map((d) => d.schedule.tenantId),
    decided.map((d) => d.schedule.connectionId),
    decided.map((d) => d.schedule.operation),
    decided.map((d) => d.schedule.id),
    decided.map((d) => d.run.slotAt),
  ];
}
