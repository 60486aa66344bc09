import { connectionsProjectionV1 } from '@amazon-channel/platform-auth';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConnectionsProjection1796402721569 implements MigrationInterface {
  name = 'ConnectionsProjection1796402721569';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of connectionsProjectionV1('fulfillment').up) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of connectionsProjectionV1('fulfillment').down) await queryRunner.query(sql);
  }
}
