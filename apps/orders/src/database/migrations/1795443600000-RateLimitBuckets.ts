import { rateLimitBucketDdl } from '@amazon-channel/sp-api';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The SP-API token buckets shared by every orders replica (not an entity: libs/sp-api owns the SQL). */
export class RateLimitBuckets1795443600000 implements MigrationInterface {
  name = 'RateLimitBuckets1795443600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(rateLimitBucketDdl({ schema: 'orders' }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS "orders"."sp_api_rate_limit_bucket"');
  }
}
