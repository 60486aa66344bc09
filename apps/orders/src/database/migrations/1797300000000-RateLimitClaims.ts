import { rateLimitBucketClaimsDdl } from '@amazon-channel/sp-api';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Claim columns on the SP-API token buckets: replicas serve a seller's waiting calls in priority order. */
export class RateLimitClaims1797300000000 implements MigrationInterface {
  name = 'RateLimitClaims1797300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(rateLimitBucketClaimsDdl({ schema: 'orders' }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "orders"."sp_api_rate_limit_bucket" DROP COLUMN IF EXISTS claim_priority, DROP COLUMN IF EXISTS claim_until');
  }
}
