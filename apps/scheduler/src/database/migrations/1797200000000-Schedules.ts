import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Schedules1797200000000 implements MigrationInterface {
  name = 'Schedules1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "scheduler"."schedule_seeds" ("connection_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_14fb6c69681d89d4c9b38dd43cc" PRIMARY KEY ("connection_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "scheduler"."schedules" ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "connection_id" text NOT NULL, "operation" text NOT NULL, "interval" text, "cron" text, "time_zone" text NOT NULL, "enabled" boolean NOT NULL, "system" boolean NOT NULL DEFAULT false, "anchor_at" TIMESTAMP WITH TIME ZONE NOT NULL, "next_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_slot_at" TIMESTAMP WITH TIME ZONE, "last_run_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7e33fc2ea755a5765e3564e66dd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "schedules_due_idx" ON "scheduler"."schedules"  ("next_due_at") WHERE enabled');
    await queryRunner.query('CREATE INDEX "schedules_tenant_idx" ON "scheduler"."schedules"  ("tenant_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "schedules_connection_operation" ON "scheduler"."schedules"  ("connection_id", "operation") ');
    await queryRunner.query('ALTER TABLE "scheduler"."job_runs" ADD "schedule_id" uuid');
    await queryRunner.query('ALTER TABLE "scheduler"."job_runs" ADD "slot_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "scheduler"."job_runs" ADD "phase" text');
    await queryRunner.query('ALTER TABLE "scheduler"."job_runs" ADD "done" integer');
    await queryRunner.query('ALTER TABLE "scheduler"."job_runs" ADD "total" integer');
    await queryRunner.query('ALTER TABLE "scheduler"."job_runs" ADD "progress_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('CREATE INDEX "job_runs_finished_idx" ON "scheduler"."job_runs"  ("finished_at") ');
    await queryRunner.query('CREATE INDEX "job_runs_requested_idx" ON "scheduler"."job_runs"  ("requested_at") WHERE status = \'REQUESTED\'');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "scheduler"."job_runs_requested_idx"');
    await queryRunner.query('DROP INDEX "scheduler"."job_runs_finished_idx"');
    await queryRunner.query('ALTER TABLE "scheduler"."job_runs" DROP COLUMN "progress_at"');
    await queryRunner.query('ALTER TABLE "scheduler"."job_runs" DROP COLUMN "total"');
    await queryRunner.query('ALTER TABLE "scheduler"."job_runs" DROP COLUMN "done"');
    await queryRunner.query('ALTER TABLE "scheduler"."job_runs" DROP COLUMN "phase"');
    await queryRunner.query('ALTER TABLE "scheduler"."job_runs" DROP COLUMN "slot_at"');
    await queryRunner.query('ALTER TABLE "scheduler"."job_runs" DROP COLUMN "schedule_id"');
    await queryRunner.query('DROP INDEX "scheduler"."schedules_connection_operation"');
    await queryRunner.query('DROP INDEX "scheduler"."schedules_tenant_idx"');
    await queryRunner.query('DROP INDEX "scheduler"."schedules_due_idx"');
    await queryRunner.query('DROP TABLE "scheduler"."schedules"');
    await queryRunner.query('DROP TABLE "scheduler"."schedule_seeds"');
  }
}
