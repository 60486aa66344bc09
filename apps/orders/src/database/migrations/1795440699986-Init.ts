import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795440699986 implements MigrationInterface {
  name = 'Init1795440699986';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "orders"."outbox_events" ("id" uuid NOT NULL, "sequence" BIGSERIAL NOT NULL, "topic" text NOT NULL, "message_key" text NOT NULL, "event_type" text NOT NULL, "payload" jsonb NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "outbox_events_unpublished_idx" ON "orders"."outbox_events"  ("sequence") WHERE published_at IS NULL');
    await queryRunner.query(
      'CREATE TABLE "orders"."inbox_messages" ("consumer_group" text NOT NULL, "event_id" uuid NOT NULL, "topic" text NOT NULL, "event_type" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_24500a06ac5a0896e2fa831696a" PRIMARY KEY ("consumer_group", "event_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "orders"."jobs" ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "connection_id" text NOT NULL, "operation" text NOT NULL, "trigger" text NOT NULL, "status" text NOT NULL DEFAULT \'QUEUED\', "settings" jsonb NOT NULL DEFAULT \'{}\', "step" text, "cursor" jsonb, "counts" jsonb NOT NULL DEFAULT \'{}\', "failure_reason" text, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cf0a6c42b72fcc7f7c237def345" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "jobs_connection_operation_idx" ON "orders"."jobs"  ("connection_id", "operation", "created_at") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "orders"."jobs_connection_operation_idx"');
    await queryRunner.query('DROP TABLE "orders"."jobs"');
    await queryRunner.query('DROP TABLE "orders"."inbox_messages"');
    await queryRunner.query('DROP INDEX "orders"."outbox_events_unpublished_idx"');
    await queryRunner.query('DROP TABLE "orders"."outbox_events"');
  }
}
