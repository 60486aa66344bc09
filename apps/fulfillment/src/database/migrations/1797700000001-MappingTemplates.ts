import { mappingTemplatesV1 } from '@amazon-channel/platform-templates';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-connection sync-orders templates (the shared templates table, in fulfillment's schema). */
export class MappingTemplates1797700000001 implements MigrationInterface {
  name = 'MappingTemplates1797700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of mappingTemplatesV1('fulfillment').up) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of mappingTemplatesV1('fulfillment').down) await queryRunner.query(sql);
  }
}
