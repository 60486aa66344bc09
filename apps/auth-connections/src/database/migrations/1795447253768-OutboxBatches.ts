import { outboxBatchesV1 } from '@amazon-channel/platform-persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxBatches1795447253768 implements MigrationInterface {
  name = 'OutboxBatches1795447253768';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "auth_connections"."outbox_events" ADD "batch_payloads" text');
    await queryRunner.query('ALTER TABLE "auth_connections"."outbox_events" ADD "message_count" integer NOT NULL DEFAULT \'1\'');
    await queryRunner.query('ALTER TABLE "auth_connections"."outbox_events" ADD "batch_keys" text array');
    for (const sql of outboxBatchesV1('auth_connections').up) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of outboxBatchesV1('auth_connections').down) await queryRunner.query(sql);
    await queryRunner.query('ALTER TABLE "auth_connections"."outbox_events" DROP COLUMN "batch_keys"');
    await queryRunner.query('ALTER TABLE "auth_connections"."outbox_events" DROP COLUMN "message_count"');
    await queryRunner.query('ALTER TABLE "auth_connections"."outbox_events" DROP COLUMN "batch_payloads"');
  }
}
