import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Lifecycle of a job run in the service that owns its operation. */
export type JobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'PARTIALLY_SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'CANCELLED';

/**
 * A job run this service owns (import, link, get orders, ...), keyed by the scheduler's job run
 * id so a request delivered twice is one run. `step` and `cursor` let a run resume where it was.
 */
@Entity({ name: 'jobs' })
@Index('jobs_connection_operation_idx', ['connectionId', 'operation', 'createdAt'])
// Two runs of one operation for one connection never overlap, whatever the number of workers.
@Index('jobs_one_running_per_operation', ['connectionId', 'operation'], { unique: true, where: "status = 'RUNNING'" })
export class JobEntity {
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

  @Column('text', { default: 'QUEUED' })
  status!: JobStatus;

  @Column('jsonb', { default: {} })
  settings!: object;

  /** The step reached (report requested, document downloaded, rows applied...). */
  @Column('text', { nullable: true })
  step!: string | null;

  @Column('jsonb', { nullable: true })
  cursor!: object | null;

  @Column('jsonb', { default: {} })
  counts!: Record<string, number>;

  @Column('text', { nullable: true })
  failureReason!: string | null;

  @Column('timestamptz')
  requestedAt!: Date;

  @Column('timestamptz', { nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
