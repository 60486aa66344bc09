import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SyncFeeds1797400000001 implements MigrationInterface {
  name = 'SyncFeeds1797400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "listings"."sync_feeds" ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "connection_id" text NOT NULL, "job_id" uuid NOT NULL, "seq" integer NOT NULL, "status" text NOT NULL, "document" text NOT NULL, "messages" jsonb NOT NULL, "feed_document_id" text, "amazon_feed_id" text, "uploading_at" TIMESTAMP WITH TIME ZONE, "submitted_at" TIMESTAMP WITH TIME ZONE, "outcome" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a654b1c7737f920e42e441a5e49" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "sync_feeds_connection_status_idx" ON "listings"."sync_feeds"  ("connection_id", "status") ');
    await queryRunner.query('CREATE UNIQUE INDEX "sync_feeds_job_idx" ON "listings"."sync_feeds"  ("job_id", "seq") ');
    await queryRunner.query(
      'CREATE TABLE "listings"."sync_settings" ("connection_id" text NOT NULL, "tenant_id" text NOT NULL, "drift_policy" text NOT NULL DEFAULT \'REPORT_ONLY\', "hide_when_out_of_stock" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9847e50cdbb6be6bcb8d7072030" PRIMARY KEY ("connection_id"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "listings"."sync_settings"');
    await queryRunner.query('DROP INDEX "listings"."sync_feeds_job_idx"');
    await queryRunner.query('DROP INDEX "listings"."sync_feeds_connection_status_idx"');
    await queryRunner.query('DROP TABLE "listings"."sync_feeds"');
  }
}
