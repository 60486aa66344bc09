import { mappingTemplatesV1 } from '@amazon-channel/platform-templates';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MappingTemplates1797600000000 implements MigrationInterface {
  name = 'MappingTemplates1797600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of mappingTemplatesV1('listings').up) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of mappingTemplatesV1('listings').down) await queryRunner.query(sql);
  }
}
