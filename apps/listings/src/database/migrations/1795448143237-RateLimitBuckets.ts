import { rateLimitBucketDdl } from '@amazon-channel/sp-api';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The SP-API token buckets shared by every listings replica (not an entity: libs/sp-api owns the SQL). */
export class RateLimitBuckets1795448143237 implements MigrationInterface {
  name = 'RateLimitBuckets1795448143237';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(rateLimitBucketDdl({ schema: 'listings' }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS "listings"."sp_api_rate_limit_bucket"');
  }
}
