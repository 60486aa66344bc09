import { rateLimitBucketDdl } from '@amazon-channel/sp-api';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fulfillment's model: the projection of orders' lines (from orders' events), shipments and their
 * packages as the platform sent them with what was decided for Amazon, each send attempt, the
 * connection's carrier settings, and the SP-API token buckets shared by every replica.
 */
export class Shipments1797700000000 implements MigrationInterface {
  name = 'Shipments1797700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "fulfillment"."known_orders" (
      "id" uuid PRIMARY KEY,
      "tenant_id" varchar(100) NOT NULL,
      "connection_id" varchar(100) NOT NULL,
      "amazon_order_id" varchar(50) NOT NULL,
      "order_id" uuid NOT NULL,
      "marketplace_id" varchar(20) NOT NULL,
      "purchased_at" timestamptz NOT NULL,
      "status" varchar(40),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "uq_known_orders_order" UNIQUE ("connection_id", "amazon_order_id"))`);
    await q.query(`CREATE TABLE "fulfillment"."known_order_lines" (
      "id" uuid PRIMARY KEY,
      "known_order_id" uuid NOT NULL REFERENCES "fulfillment"."known_orders"("id") ON DELETE CASCADE,
      "order_item_id" varchar(100) NOT NULL,
      "sku" varchar(200) NOT NULL,
      "quantity_ordered" integer NOT NULL,
      "quantity_cancelled" integer NOT NULL DEFAULT 0,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "uq_known_order_lines_item" UNIQUE ("known_order_id", "order_item_id"))`);
    await q.query(`CREATE TABLE "fulfillment"."shipments" (
      "id" uuid PRIMARY KEY,
      "tenant_id" varchar(100) NOT NULL,
      "connection_id" varchar(100) NOT NULL,
      "shipment_id" varchar(100) NOT NULL,
      "amazon_order_id" varchar(50) NOT NULL,
      "shipped_at" timestamptz NOT NULL,
      "held_reason" varchar(40),
      "body" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "uq_shipments_platform_id" UNIQUE ("connection_id", "shipment_id"))`);
    await q.query(`CREATE INDEX "ix_shipments_order" ON "fulfillment"."shipments" ("connection_id", "amazon_order_id")`);
    await q.query(`CREATE TABLE "fulfillment"."packages" (
      "id" uuid PRIMARY KEY,
      "shipment_row_id" uuid NOT NULL REFERENCES "fulfillment"."shipments"("id") ON DELETE CASCADE,
      "connection_id" varchar(100) NOT NULL,
      "amazon_order_id" varchar(50) NOT NULL,
      "package_id" varchar(100) NOT NULL,
      "package_reference_id" varchar(20) NOT NULL,
      "position" integer NOT NULL,
      "status" varchar(20) NOT NULL,
      "tracking_number" varchar(1000) NOT NULL,
      "carrier_given" varchar(200),
      "method_given" varchar(200),
      "carrier_code" varchar(100),
      "carrier_name" varchar(200),
      "shipping_method" varchar(200),
      "detected_by" varchar(100),
      "check_digit" varchar(10),
      "lines" jsonb NOT NULL,
      "items" jsonb NOT NULL DEFAULT '[]',
      "sent_items" jsonb,
      "errors" jsonb NOT NULL DEFAULT '[]',
      "reason" varchar(2000),
      "fix" varchar(2000),
      "attempts" integer NOT NULL DEFAULT 0,
      "resends" integer NOT NULL DEFAULT 0,
      "next_attempt_at" timestamptz,
      "sent_at" timestamptz,
      "confirmed_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "uq_packages_platform_id" UNIQUE ("shipment_row_id", "package_id"),
      CONSTRAINT "uq_packages_reference" UNIQUE ("connection_id", "amazon_order_id", "package_reference_id"))`);
    await q.query(`CREATE INDEX "ix_packages_due" ON "fulfillment"."packages" ("connection_id", "status")`);
    await q.query(`CREATE TABLE "fulfillment"."package_attempts" (
      "id" uuid PRIMARY KEY,
      "package_row_id" uuid NOT NULL REFERENCES "fulfillment"."packages"("id") ON DELETE CASCADE,
      "attempt" integer NOT NULL,
      "request" jsonb NOT NULL,
      "outcome" varchar(20),
      "http_status" integer,
      "message" varchar(2000),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX "ix_package_attempts_package" ON "fulfillment"."package_attempts" ("package_row_id")`);
    await q.query(`CREATE TABLE "fulfillment"."carrier_settings" (
      "connection_id" varchar(100) PRIMARY KEY,
      "tenant_id" varchar(100) NOT NULL,
      "auto_detect" boolean NOT NULL DEFAULT true,
      "check_digit_policy" varchar(10) NOT NULL DEFAULT 'warn',
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(rateLimitBucketDdl({ schema: 'fulfillment' }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS "fulfillment"."sp_api_rate_limit_bucket"');
    for (const table of ['carrier_settings', 'package_attempts', 'packages', 'shipments', 'known_order_lines', 'known_orders'])
      await q.query(`DROP TABLE IF EXISTS "fulfillment"."${table}"`);
  }
}
