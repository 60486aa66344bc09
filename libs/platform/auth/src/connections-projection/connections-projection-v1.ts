import { quoteIdent } from '@amazon-channel/platform-persistence';

/**
 * The migration that adds a service's `connections` projection table (see
 * {@link ConnectionProjectionEntity}), for the service's own schema. Migrations call it with their
 * schema; a later change is a new version, never an edit of this one.
 * @example for (const sql of connectionsProjectionV1('listings').up) await queryRunner.query(sql);
 */
export function connectionsProjectionV1(schema: string): { up: string[]; down: string[] } {
  const table = `${quoteIdent(schema)}."connections"`;
  return {
    up: [
      `CREATE TABLE ${table} ("id" text NOT NULL, "tenant_id" text NOT NULL, "selling_partner_id" text, "region" text NOT NULL, "marketplace_id" text NOT NULL, "status" text NOT NULL, "revision" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0a1f844af3122354cbd487a8d03" PRIMARY KEY ("id"))`,
      `CREATE INDEX "connections_tenant_idx" ON ${table} ("tenant_id")`,
    ],
    down: [`DROP INDEX ${quoteIdent(schema)}."connections_tenant_idx"`, `DROP TABLE ${table}`],
  };
}
