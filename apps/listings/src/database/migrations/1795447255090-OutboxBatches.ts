import { outboxBatchesV1 } from '@amazon-channel/platform-persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxBatches1795447255090 implements MigrationInterface {
  name = 'OutboxBatches1795447255090';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "listings"."outbox_events" ADD "batch_payloads" text');
    await queryRunner.query('ALTER TABLE "listings"."outbox_events" ADD "message_count" integer NOT NULL DEFAULT \'1\'');
    await queryRunner.query('ALTER TABLE "listings"."outbox_events" ADD "batch_keys" text array');
    for (const sql of outboxBatchesV1('listings').up) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of outboxBatchesV1('listings').down) await queryRunner.query(sql);
    await queryRunner.query('ALTER TABLE "listings"."outbox_events" DROP COLUMN "batch_keys"');
    await queryRunner.query('ALTER TABLE "listings"."outbox_events" DROP COLUMN "message_count"');
    await queryRunner.query('ALTER TABLE "listings"."outbox_events" DROP COLUMN "batch_payloads"');
  }
}
