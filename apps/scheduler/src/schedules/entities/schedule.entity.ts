import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * When an operation runs for a connection: an ISO 8601 interval or a cron expression in a time
 * zone. `nextDueAt` is what the tick reads; `anchorAt` places interval slots (creation minute, so
 * thousands of daily schedules do not all fire at midnight).
 */
@Entity({ name: 'schedules' })
// One schedule per connection and operation (409 SCHEDULE_EXISTS), also what makes seeding idempotent.
@Index('schedules_connection_operation', ['connectionId', 'operation'], { unique: true })
@Index('schedules_tenant_idx', ['tenantId'])
@Index('schedules_due_idx', ['nextDueAt'], { where: 'enabled' })
export class ScheduleEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  connectionId!: string;

  @Column('text')
  operation!: string;

  @Column('text', { nullable: true })
  interval!: string | null;

  @Column('text', { nullable: true })
  cron!: string | null;

  @Column('text')
  timeZone!: string;

  @Column('boolean')
  enabled!: boolean;

  /** A schedule of no tenant (PII redaction across all): never listed or edited through the API. */
  @Column('boolean', { default: false })
  system!: boolean;

  @Column('timestamptz')
  anchorAt!: Date;

  @Column('timestamptz')
  nextDueAt!: Date;

  @Column('timestamptz', { nullable: true })
  lastSlotAt!: Date | null;

  @Column('uuid', { nullable: true })
  lastRunId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
