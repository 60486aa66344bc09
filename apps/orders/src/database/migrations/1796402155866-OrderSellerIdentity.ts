import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderSellerIdentity1796402155866 implements MigrationInterface {
  name = 'OrderSellerIdentity1796402155866';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "orders"."orders" ADD "selling_partner_id" text');
    await queryRunner.query('ALTER TABLE "orders"."orders" ADD "region" text');
    await queryRunner.query('CREATE UNIQUE INDEX "orders_seller_amazon_order_uq" ON "orders"."orders"  ("selling_partner_id", "region", "amazon_order_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "orders"."orders_seller_amazon_order_uq"');
    await queryRunner.query('ALTER TABLE "orders"."orders" DROP COLUMN "region"');
    await queryRunner.query('ALTER TABLE "orders"."orders" DROP COLUMN "selling_partner_id"');
  }
}
