import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConnectionRevision1796402242308 implements MigrationInterface {
  name = 'ConnectionRevision1796402242308';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "auth_connections"."connections" ADD "revision" integer NOT NULL DEFAULT \'1\'');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "auth_connections"."connections" DROP COLUMN "revision"');
  }
}
