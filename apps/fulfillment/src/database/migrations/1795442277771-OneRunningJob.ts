import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OneRunningJob1795442277771 implements MigrationInterface {
  name = 'OneRunningJob1795442277771';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE UNIQUE INDEX "jobs_one_running_per_operation" ON "fulfillment"."jobs"  ("connection_id", "operation") WHERE status = \'RUNNING\'',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "fulfillment"."jobs_one_running_per_operation"');
  }
}
