import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where a requested run stands, as the scheduler knows it from the owning service's events. */
export type JobRunStatus = 'REQUESTED' | 'RUNNING' | 'SUCCEEDED' | 'PARTIALLY_SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'CANCELLED';

/**
 * The job-run registry: every run requested (by a schedule, the CronJob tick or the API) and its
 * outcome, which is what a seller reads as "recent notifications".
 */
@Entity({ name: 'job_runs' })
// At most one open run per connection and operation: concurrent requests cannot both win.
@Index('job_runs_one_open_per_operation', ['connectionId', 'operation'], { unique: true, where: "status IN ('REQUESTED', 'RUNNING')" })
@Index('job_runs_tenant_created_idx', ['tenantId', 'createdAt'])
// The tick's NOT_STARTED sweep and the retention delete.
@Index('job_runs_requested_idx', ['requestedAt'], { where: "status = 'REQUESTED'" })
@Index('job_runs_finished_idx', ['finishedAt'])
export class JobRunEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  connectionId!: string;

  @Column('text')
  operation!: string;

  @Column('text')
  trigger!: string;

  @Column('text')
  status!: JobRunStatus;

  @Column('jsonb', { default: {} })
  settings!: object;

  @Column('jsonb', { default: {} })
  counts!: object;

  @Column('text', { nullable: true })
  summary!: string | null;

  @Column('timestamptz')
  requestedAt!: Date;

  /** The schedule that requested this run, and the slot it stands for (null for API, CLI and service-started runs). */
  @Column('uuid', { nullable: true })
  scheduleId!: string | null;

  @Column('timestamptz', { nullable: true })
  slotAt!: Date | null;

  /** Progress from the owning service's JobProgressed: phase, rows done, total when known, and when it was reported. */
  @Column('text', { nullable: true })
  phase!: string | null;

  @Column('integer', { nullable: true })
  done!: number | null;

  @Column('integer', { nullable: true })
  total!: number | null;

  @Column('timestamptz', { nullable: true })
  progressAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
