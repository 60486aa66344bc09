import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Connections1795442960778 implements MigrationInterface {
  name = 'Connections1795442960778';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "auth_connections"."connections" ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "name" text NOT NULL, "marketplace_id" text NOT NULL, "region" text NOT NULL, "selling_partner_id" text, "status" text NOT NULL, "status_reason" text, "credential_id" uuid, "authorized_at" TIMESTAMP WITH TIME ZONE, "reauthorization_due_at" TIMESTAMP WITH TIME ZONE, "reauthorization_notified_at" TIMESTAMP WITH TIME ZONE, "last_tested_at" TIMESTAMP WITH TIME ZONE, "last_test_outcome" text, "last_test_message" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0a1f844af3122354cbd487a8d03" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "connections_credential_idx" ON "auth_connections"."connections"  ("credential_id") ');
    await queryRunner.query('CREATE INDEX "connections_tenant_idx" ON "auth_connections"."connections"  ("tenant_id", "created_at") ');
    await queryRunner.query(
      'CREATE TABLE "auth_connections"."credentials" ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "selling_partner_id" text NOT NULL, "region" text NOT NULL, "lwa_client_id" text NOT NULL, "refresh_token_ciphertext" text NOT NULL, "authorized_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1e38bc43be6697cdda548ad27a6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "credentials_tenant_seller_region_uq" ON "auth_connections"."credentials"  ("tenant_id", "selling_partner_id", "region") ',
    );
    await queryRunner.query(
      'CREATE TABLE "auth_connections"."oauth_states" ("state_hash" text NOT NULL, "kind" text NOT NULL, "tenant_id" text, "connection_id" uuid, "selling_partner_id" text, "region" text NOT NULL, "redirect_uri" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5defe4681c33ccfc0f935f51398" PRIMARY KEY ("state_hash"))',
    );
    await queryRunner.query('CREATE INDEX "oauth_states_expires_idx" ON "auth_connections"."oauth_states"  ("expires_at") ');
    await queryRunner.query(
      'CREATE TABLE "auth_connections"."pending_authorizations" ("id" uuid NOT NULL, "claim_code_hash" text NOT NULL, "selling_partner_id" text NOT NULL, "region" text NOT NULL, "lwa_client_id" text NOT NULL, "refresh_token_ciphertext" text NOT NULL, "authorized_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a362585d63351b5383ee26a1642" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "pending_authorizations_claim_uq" ON "auth_connections"."pending_authorizations"  ("claim_code_hash") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "auth_connections"."pending_authorizations_claim_uq"');
    await queryRunner.query('DROP TABLE "auth_connections"."pending_authorizations"');
    await queryRunner.query('DROP INDEX "auth_connections"."oauth_states_expires_idx"');
    await queryRunner.query('DROP TABLE "auth_connections"."oauth_states"');
    await queryRunner.query('DROP INDEX "auth_connections"."credentials_tenant_seller_region_uq"');
    await queryRunner.query('DROP TABLE "auth_connections"."credentials"');
    await queryRunner.query('DROP INDEX "auth_connections"."connections_tenant_idx"');
    await queryRunner.query('DROP INDEX "auth_connections"."connections_credential_idx"');
    await queryRunner.query('DROP TABLE "auth_connections"."connections"');
  }
}
