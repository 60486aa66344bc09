import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795440698398 implements MigrationInterface {
  name = 'Init1795440698398';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "auth_connections"."outbox_events" ("id" uuid NOT NULL, "sequence" BIGSERIAL NOT NULL, "topic" text NOT NULL, "message_key" text NOT NULL, "event_type" text NOT NULL, "payload" jsonb NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "outbox_events_unpublished_idx" ON "auth_connections"."outbox_events"  ("sequence") WHERE published_at IS NULL');
    await queryRunner.query(
      'CREATE TABLE "auth_connections"."inbox_messages" ("consumer_group" text NOT NULL, "event_id" uuid NOT NULL, "topic" text NOT NULL, "event_type" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_24500a06ac5a0896e2fa831696a" PRIMARY KEY ("consumer_group", "event_id"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "auth_connections"."inbox_messages"');
    await queryRunner.query('DROP INDEX "auth_connections"."outbox_events_unpublished_idx"');
    await queryRunner.query('DROP TABLE "auth_connections"."outbox_events"');
  }
}
