import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrdersModel1795442692633 implements MigrationInterface {
  name = 'OrdersModel1795442692633';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "orders"."order_items" ("id" uuid NOT NULL, "order_id" uuid NOT NULL, "order_item_id" text NOT NULL, "sku" text NOT NULL, "asin" text, "product_code" text NOT NULL, "title" text, "quantity_ordered" integer NOT NULL, "quantity_cancelled" integer NOT NULL DEFAULT \'0\', "quantity_shipped" integer NOT NULL DEFAULT \'0\', "unit_price_minor" bigint, "currency" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_005269d8574e6fac0493715c308" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "order_items_order_item_uq" ON "orders"."order_items"  ("order_id", "order_item_id") ');
    await queryRunner.query(
      'CREATE TABLE "orders"."order_pii" ("order_id" uuid NOT NULL, "buyer_name" text, "buyer_email" text, "shipping_name" text, "shipping_phone" text, "shipping_address" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ef7bfd44514b2bd18f94e041cd9" PRIMARY KEY ("order_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "orders"."order_settings" ("connection_id" text NOT NULL, "tenant_id" text NOT NULL, "product_code" text NOT NULL DEFAULT \'SKU\', "fulfillment_statuses" text array NOT NULL DEFAULT \'{UNSHIPPED,PARTIALLY_SHIPPED}\', "fulfilled_by" text array NOT NULL DEFAULT \'{MERCHANT}\', "created_within_days" integer NOT NULL DEFAULT \'7\', "keep_pending_as_reservations" boolean NOT NULL DEFAULT false, "template" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_baa36567d8652ef6a57f0ec52dd" PRIMARY KEY ("connection_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "orders"."order_skips" ("connection_id" text NOT NULL, "amazon_order_id" text NOT NULL, "tenant_id" text NOT NULL, "reason" text NOT NULL, "detail" text NOT NULL, "amazon_status" text, "seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_adc7a6f50518f7e3ad4b469984d" PRIMARY KEY ("connection_id", "amazon_order_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "orders"."order_sync_state" ("connection_id" text NOT NULL, "tenant_id" text NOT NULL, "read_until" TIMESTAMP WITH TIME ZONE NOT NULL, "last_run_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_289f458160e4a593b1b74aaa204" PRIMARY KEY ("connection_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "orders"."orders" ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "connection_id" text NOT NULL, "amazon_order_id" text NOT NULL, "marketplace_id" text NOT NULL, "amazon_status" text NOT NULL, "state" text NOT NULL, "hold_reason" text, "hold_detail" text, "fulfilled_by" text, "service_level" text, "shipping_text" text, "shipping_policy" text, "purchased_at" TIMESTAMP WITH TIME ZONE NOT NULL, "amazon_updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "total_minor" bigint, "currency" text, "ship_by" TIMESTAMP WITH TIME ZONE, "imported_at" TIMESTAMP WITH TIME ZONE, "shipped_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "pii_redacted_at" TIMESTAMP WITH TIME ZONE, "routed_source_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "orders_redaction_idx" ON "orders"."orders"  ("connection_id", "shipped_at") WHERE pii_redacted_at IS NULL');
    await queryRunner.query('CREATE INDEX "orders_tenant_purchased_idx" ON "orders"."orders"  ("tenant_id", "purchased_at") ');
    await queryRunner.query('CREATE UNIQUE INDEX "orders_connection_amazon_order_uq" ON "orders"."orders"  ("connection_id", "amazon_order_id") ');
    await queryRunner.query(
      'CREATE TABLE "orders"."pii_audit" ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "order_id" uuid NOT NULL, "amazon_order_id" text NOT NULL, "action" text NOT NULL, "actor" text NOT NULL, "purpose" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7c828c8e30e6871439c5b9f5a38" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "pii_audit_order_idx" ON "orders"."pii_audit"  ("order_id", "created_at") ');
    await queryRunner.query(
      'CREATE TABLE "orders"."shipping_mappings" ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "connection_id" text NOT NULL, "channel_shipping_text" text NOT NULL, "service_level_category" text NOT NULL, "shipping_policy" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_084811eaed15596344b4f986a06" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "shipping_mappings_category_uq" ON "orders"."shipping_mappings"  ("tenant_id", "connection_id", "service_level_category") ',
    );
    await queryRunner.query(
      'CREATE TABLE "orders"."sources" ("tenant_id" text NOT NULL, "source_id" text NOT NULL, "name" text NOT NULL, "amazon_compliant" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_eb603aa09fff00b5cccd00e46cc" PRIMARY KEY ("tenant_id", "source_id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "jobs_one_running_per_operation" ON "orders"."jobs"  ("connection_id", "operation") WHERE status = \'RUNNING\'',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "orders"."jobs_one_running_per_operation"');
    await queryRunner.query('DROP TABLE "orders"."sources"');
    await queryRunner.query('DROP INDEX "orders"."shipping_mappings_category_uq"');
    await queryRunner.query('DROP TABLE "orders"."shipping_mappings"');
    await queryRunner.query('DROP INDEX "orders"."pii_audit_order_idx"');
    await queryRunner.query('DROP TABLE "orders"."pii_audit"');
    await queryRunner.query('DROP INDEX "orders"."orders_connection_amazon_order_uq"');
    await queryRunner.query('DROP INDEX "orders"."orders_tenant_purchased_idx"');
    await queryRunner.query('DROP INDEX "orders"."orders_redaction_idx"');
    await queryRunner.query('DROP TABLE "orders"."orders"');
    await queryRunner.query('DROP TABLE "orders"."order_sync_state"');
    await queryRunner.query('DROP TABLE "orders"."order_skips"');
    await queryRunner.query('DROP TABLE "orders"."order_settings"');
    await queryRunner.query('DROP TABLE "orders"."order_pii"');
    await queryRunner.query('DROP INDEX "orders"."order_items_order_item_uq"');
    await queryRunner.query('DROP TABLE "orders"."order_items"');
  }
}
