import { connectionsProjectionV1 } from '@amazon-channel/platform-auth';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConnectionsProjection1796402689122 implements MigrationInterface {
  name = 'ConnectionsProjection1796402689122';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of connectionsProjectionV1('listings').up) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of connectionsProjectionV1('listings').down) await queryRunner.query(sql);
  }
}
