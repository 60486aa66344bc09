import { mappingTemplatesV1 } from '@amazon-channel/platform-templates';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The connection's get-orders template moves from `order_settings.template` to `mapping_templates`
 * (one store for every operation's template, shared with `/connections/:connectionId/templates`).
 * Saved templates become version 1; the old column goes so nothing reads a stale copy.
 */
export class MappingTemplates1797600000100 implements MigrationInterface {
  name = 'MappingTemplates1797600000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of mappingTemplatesV1('orders').up) await queryRunner.query(sql);
    await queryRunner.query(
      `INSERT INTO "orders"."mapping_templates" ("id", "tenant_id", "connection_id", "operation", "template", "version", "created_at", "updated_at")
       SELECT gen_random_uuid(), "tenant_id", "connection_id", 'get-orders', "template", 1, "updated_at", "updated_at" FROM "orders"."order_settings" WHERE "template" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "orders"."order_settings" DROP COLUMN "template"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."order_settings" ADD "template" jsonb`);
    await queryRunner.query(
      `UPDATE "orders"."order_settings" s SET "template" = t."template" FROM "orders"."mapping_templates" t
       WHERE t."connection_id" = s."connection_id" AND t."operation" = 'get-orders'`,
    );
    for (const sql of mappingTemplatesV1('orders').down) await queryRunner.query(sql);
  }
}
