import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795440734844 implements MigrationInterface {
  name = 'Init1795440734844';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "scheduler"."outbox_events" ("id" uuid NOT NULL, "sequence" BIGSERIAL NOT NULL, "topic" text NOT NULL, "message_key" text NOT NULL, "event_type" text NOT NULL, "payload" jsonb NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "outbox_events_unpublished_idx" ON "scheduler"."outbox_events"  ("sequence") WHERE published_at IS NULL');
    await queryRunner.query(
      'CREATE TABLE "scheduler"."inbox_messages" ("consumer_group" text NOT NULL, "event_id" uuid NOT NULL, "topic" text NOT NULL, "event_type" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_24500a06ac5a0896e2fa831696a" PRIMARY KEY ("consumer_group", "event_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "scheduler"."job_runs" ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "connection_id" text NOT NULL, "operation" text NOT NULL, "trigger" text NOT NULL, "status" text NOT NULL, "settings" jsonb NOT NULL DEFAULT \'{}\', "counts" jsonb NOT NULL DEFAULT \'{}\', "summary" text, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4d0012c04fcfc287550b76be7e9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "job_runs_tenant_created_idx" ON "scheduler"."job_runs"  ("tenant_id", "created_at") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "job_runs_one_open_per_operation" ON "scheduler"."job_runs"  ("connection_id", "operation") WHERE status IN (\'REQUESTED\', \'RUNNING\')',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "scheduler"."job_runs_one_open_per_operation"');
    await queryRunner.query('DROP INDEX "scheduler"."job_runs_tenant_created_idx"');
    await queryRunner.query('DROP TABLE "scheduler"."job_runs"');
    await queryRunner.query('DROP TABLE "scheduler"."inbox_messages"');
    await queryRunner.query('DROP INDEX "scheduler"."outbox_events_unpublished_idx"');
    await queryRunner.query('DROP TABLE "scheduler"."outbox_events"');
  }
}
