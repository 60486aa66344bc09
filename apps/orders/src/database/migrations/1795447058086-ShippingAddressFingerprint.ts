import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ShippingAddressFingerprint1795447058086 implements MigrationInterface {
  name = 'ShippingAddressFingerprint1795447058086';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "orders"."order_pii" ADD "shipping_address_fingerprint" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "orders"."order_pii" DROP COLUMN "shipping_address_fingerprint"');
  }
}
