import { outboxMessagesViewV1 } from '@amazon-channel/platform-persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxBatches1795447258593 implements MigrationInterface {
  name = 'OutboxBatches1795447258593';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"scheduler\".\"outbox_events\" ADD \"batch_payloads\" text");
    await queryRunner.query("ALTER TABLE \"scheduler\".\"outbox_events\" ADD \"message_count\" integer NOT NULL DEFAULT '1'");
    await queryRunner.query("ALTER TABLE \"scheduler\".\"outbox_events\" ADD \"batch_keys\" text array");
    await queryRunner.query(outboxMessagesViewV1('scheduler').up);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(outboxMessagesViewV1('scheduler').down);
    await queryRunner.query("ALTER TABLE \"scheduler\".\"outbox_events\" DROP COLUMN \"batch_keys\"");
    await queryRunner.query("ALTER TABLE \"scheduler\".\"outbox_events\" DROP COLUMN \"message_count\"");
    await queryRunner.query("ALTER TABLE \"scheduler\".\"outbox_events\" DROP COLUMN \"batch_payloads\"");
  }
}
