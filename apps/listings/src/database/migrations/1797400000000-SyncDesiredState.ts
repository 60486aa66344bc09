import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SyncDesiredState1797400000000 implements MigrationInterface {
  name = 'SyncDesiredState1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "fulfillment_channel" text');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "active" boolean');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "product" jsonb');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "desired_hash" text');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "desired_version" integer NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "hidden_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "delisted_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "confirmed" jsonb');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "sync_state" text');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "sync_version" integer');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "sync_feed_id" text');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "sync_message_id" integer');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "sync_reason" text');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "sync_issues" jsonb');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "sync_drift" jsonb');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "sync_attempts" integer NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "sync_state_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "submitted_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "live_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "publish_state" text');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" ADD "publish_detail" jsonb');
    await queryRunner.query('CREATE INDEX "platform_listings_sync_state_idx" ON "listings"."platform_listings"  ("connection_id", "sync_state", "sku") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "listings"."platform_listings_sync_state_idx"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "publish_detail"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "publish_state"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "live_at"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "submitted_at"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "sync_state_at"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "sync_attempts"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "sync_drift"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "sync_issues"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "sync_reason"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "sync_message_id"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "sync_feed_id"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "sync_version"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "sync_state"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "confirmed"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "delisted_at"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "hidden_at"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "desired_version"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "desired_hash"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "product"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "active"');
    await queryRunner.query('ALTER TABLE "listings"."platform_listings" DROP COLUMN "fulfillment_channel"');
  }
}
