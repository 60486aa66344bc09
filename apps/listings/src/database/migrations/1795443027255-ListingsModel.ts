import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ListingsModel1795443027255 implements MigrationInterface {
  name = 'ListingsModel1795443027255';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "listings"."channel_listings" ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "connection_id" text NOT NULL, "sku" text NOT NULL, "kind" text NOT NULL DEFAULT \'VARIANT\', "parent_sku" text, "external_listing_id" text, "asin" text, "title" text, "description" text, "images" jsonb NOT NULL DEFAULT \'[]\', "price_minor" integer, "currency" character(3), "quantity" integer, "fulfillment_channel" text NOT NULL DEFAULT \'DEFAULT\', "product_type" text, "listing_status" text NOT NULL DEFAULT \'ACTIVE\', "link_status" text NOT NULL DEFAULT \'UNLINKED\', "platform_listing_id" text, "confirmed" jsonb, "content_hash" text NOT NULL, "last_job_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_55b81574b7bd0381d59a4eba2b9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "channel_listings_page_idx" ON "listings"."channel_listings"  ("tenant_id", "connection_id", "updated_at", "id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "channel_listings_connection_sku_key" ON "listings"."channel_listings"  ("connection_id", "sku") ');
    await queryRunner.query(
      'CREATE TABLE "listings"."import_row_errors" ("id" uuid NOT NULL, "job_id" uuid NOT NULL, "tenant_id" text NOT NULL, "line" integer NOT NULL, "sku" text, "message" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8a45918af12a5335e72f357268d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "import_row_errors_job_line_key" ON "listings"."import_row_errors"  ("job_id", "line") ');
    await queryRunner.query(
      'CREATE TABLE "listings"."platform_listings" ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "connection_id" text NOT NULL, "sku" text NOT NULL, "platform_listing_id" text NOT NULL, "price_minor" integer, "currency" character(3), "quantity" integer, "handling_time_days" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aa50c487bed10d9b42dbec6697d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "platform_listings_connection_sku_key" ON "listings"."platform_listings"  ("connection_id", "sku") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "jobs_one_running_per_operation" ON "listings"."jobs"  ("connection_id", "operation") WHERE status = \'RUNNING\'',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "listings"."jobs_one_running_per_operation"');
    await queryRunner.query('DROP INDEX "listings"."platform_listings_connection_sku_key"');
    await queryRunner.query('DROP TABLE "listings"."platform_listings"');
    await queryRunner.query('DROP INDEX "listings"."import_row_errors_job_line_key"');
    await queryRunner.query('DROP TABLE "listings"."import_row_errors"');
    await queryRunner.query('DROP INDEX "listings"."channel_listings_connection_sku_key"');
    await queryRunner.query('DROP INDEX "listings"."channel_listings_page_idx"');
    await queryRunner.query('DROP TABLE "listings"."channel_listings"');
  }
}
