import { connectionsProjectionV1 } from '@amazon-channel/platform-auth';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConnectionsProjection1796402710277 implements MigrationInterface {
  name = 'ConnectionsProjection1796402710277';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of connectionsProjectionV1('orders').up) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of connectionsProjectionV1('orders').down) await queryRunner.query(sql);
  }
}
