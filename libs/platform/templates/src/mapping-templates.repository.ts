import { quoteIdent } from '@amazon-channel/platform-persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { MappingTemplateEntity } from './mapping-template.entity';

/** What {@link MappingTemplatesRepository.save} writes. */
export interface SaveTemplateInput {
  tenantId: string;
  connectionId: string;
  operation: string;
  template: unknown;
  /**
   * Optimistic concurrency: the version the caller edited (0 = "no saved template yet"). Absent:
   * last write wins.
   */
  expectedVersion?: number;
}

interface Row {
  id: string;
  tenant_id: string;
  connection_id: string;
  operation: string;
  template: unknown;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function toEntity(row: Row): MappingTemplateEntity {
  return Object.assign(new MappingTemplateEntity(), {
    id: row.id,
    tenantId: row.tenant_id,
    connectionId: row.connection_id,
    operation: row.operation,
    template: row.template,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** The only writer of `mapping_templates`. Every read and write is scoped to the tenant. */
@Injectable()
export class MappingTemplatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private table(): string {
    return this.dataSource.getMetadata(MappingTemplateEntity).tablePath.split('.').map(quoteIdent).join('.');
  }

  /** The saved template of the connection's operation, or null (the default applies). */
  find(tenantId: string, connectionId: string, operation: string): Promise<MappingTemplateEntity | null> {
    return this.dataSource.getRepository(MappingTemplateEntity).findOneBy({ tenantId, connectionId, operation });
  }

  /**
   * Saves the template as the next version in one statement (concurrent saves each get their own
   * version). With `expectedVersion`, returns null instead of writing when the saved version is
   * another one (somebody saved or deleted in between).
   */
  async save(input: SaveTemplateInput): Promise<MappingTemplateEntity | null> {
    const table = this.table();
    const values = [uuidv7(), input.tenantId, input.connectionId, input.operation, JSON.stringify(input.template)];
    const insert = `INSERT INTO ${table} (id, tenant_id, connection_id, operation, template, version) VALUES ($1, $2, $3, $4, $5::jsonb, 1)`;
    let rows: Row[];
    if (input.expectedVersion === undefined) {
      rows = (await this.dataSource.query(
        `${insert} ON CONFLICT (connection_id, operation) DO UPDATE SET template = EXCLUDED.template, version = ${table}.version + 1, updated_at = now()
         WHERE ${table}.tenant_id = EXCLUDED.tenant_id RETURNING *`,
        values,
      )) as Row[];
    } else if (input.expectedVersion === 0) {
      rows = (await this.dataSource.query(`${insert} ON CONFLICT (connection_id, operation) DO NOTHING RETURNING *`, values)) as Row[];
    } else {
      const [result] = (await this.dataSource.query(
        `UPDATE ${table} SET template = $4::jsonb, version = version + 1, updated_at = now()
         WHERE tenant_id = $1 AND connection_id = $2 AND operation = $3 AND version = $5 RETURNING *`,
        [input.tenantId, input.connectionId, input.operation, JSON.stringify(input.template), input.expectedVersion],
      )) as [Row[], number];
      rows = result;
    }
    const row = rows[0];
    return row ? toEntity(row) : null;
  }

  /** Deletes the saved template (the default applies again); true when there was one. */
  async remove(tenantId: string, connectionId: string, operation: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(MappingTemplateEntity).delete({ tenantId, connectionId, operation });
    return (result.affected ?? 0) > 0;
  }
}
