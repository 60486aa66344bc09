import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PublishListings1797500000000 implements MigrationInterface {
  name = 'PublishListings1797500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "listings"."catalog_lookups" ("id" uuid NOT NULL, "marketplace_id" text NOT NULL, "identifier_type" text NOT NULL, "identifier" text NOT NULL, "matches" jsonb NOT NULL, "looked_up_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_eddf7bb79473fdb28f2aec31521" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "catalog_lookups_key" ON "listings"."catalog_lookups"  ("marketplace_id", "identifier_type", "identifier") ');
    await queryRunner.query(
      'CREATE TABLE "listings"."publish_results" ("id" uuid NOT NULL, "job_id" uuid NOT NULL, "tenant_id" text NOT NULL, "connection_id" text NOT NULL, "sku" text NOT NULL, "state" text NOT NULL, "asin" text, "product_type" text, "errors" jsonb NOT NULL DEFAULT \'[]\', "warnings" jsonb NOT NULL DEFAULT \'[]\', "submitted_via" text, "offer" jsonb, "message_id" integer, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9265327ea7cad7c488d7a4b3f29" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "publish_results_job_sku_key" ON "listings"."publish_results"  ("job_id", "sku") ');
    await queryRunner.query(
      'CREATE TABLE "listings"."listing_restriction_checks" ("id" uuid NOT NULL, "seller_account" text NOT NULL, "marketplace_id" text NOT NULL, "asin" text NOT NULL, "condition_type" text NOT NULL, "restrictions" jsonb NOT NULL, "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_492da5e37767f8c5f4f03ee40db" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "listing_restriction_checks_key" ON "listings"."listing_restriction_checks"  ("seller_account", "marketplace_id", "asin", "condition_type") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "listings"."listing_restriction_checks_key"');
    await queryRunner.query('DROP TABLE "listings"."listing_restriction_checks"');
    await queryRunner.query('DROP INDEX "listings"."publish_results_job_sku_key"');
    await queryRunner.query('DROP TABLE "listings"."publish_results"');
    await queryRunner.query('DROP INDEX "listings"."catalog_lookups_key"');
    await queryRunner.query('DROP TABLE "listings"."catalog_lookups"');
  }
}
