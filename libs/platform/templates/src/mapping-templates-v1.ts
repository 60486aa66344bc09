import { quoteIdent } from '@amazon-channel/platform-persistence';

/**
 * The migration that adds a service's `mapping_templates` table (see {@link MappingTemplateEntity})
 * in the service's own schema. Migrations call it with their schema; a later change is a new
 * version, never an edit of this one.
 * @example for (const sql of mappingTemplatesV1('listings').up) await queryRunner.query(sql);
 */
export function mappingTemplatesV1(schema: string): { up: string[]; down: string[] } {
  const table = `${quoteIdent(schema)}."mapping_templates"`;
  return {
    up: [
      `CREATE TABLE ${table} ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "connection_id" text NOT NULL, "operation" text NOT NULL, "template" jsonb NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2505068bd54023e33598ab4fdbc" PRIMARY KEY ("id"))`,
      // One template per connection and operation; also what a save's ON CONFLICT lands on.
      `CREATE UNIQUE INDEX "mapping_templates_connection_operation_key" ON ${table} ("connection_id", "operation")`,
    ],
    down: [`DROP INDEX ${quoteIdent(schema)}."mapping_templates_connection_operation_key"`, `DROP TABLE ${table}`],
  };
}
