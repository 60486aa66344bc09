import {
  compileTemplate,
  defaultTemplate,
  MappingTemplateError,
  OPERATION_DEFINITIONS,
  type CompiledTemplate,
  type MappedRecordByOperation,
  type MappingExplanation,
  type MappingTemplate,
  type TargetFieldDefinition,
} from '@amazon-channel/mapping';
import { Inject, Injectable } from '@nestjs/common';
import { MappingTemplatesRepository } from './mapping-templates.repository';
import { checkTemplate, toFieldIssue, type TemplateCheck } from './template-check';
import { mappingOperationOf, resolveTemplateOperation, TEMPLATE_OPERATIONS, type TemplateOperation } from './template-operations';
import { TemplatesError, type TemplateFieldIssue } from './templates.error';
import { MAPPING_TEMPLATES_OPTIONS, type MappingTemplatesOptions } from './mapping-templates.options';

/** Where the template in use comes from: the connection's saved one, the libs/mapping default, or a draft sent with a preview. */
export type TemplateSource = 'saved' | 'default' | 'draft';

/** The template a connection's operation runs with. */
export interface EffectiveTemplate {
  connectionId: string;
  operation: TemplateOperation;
  source: Exclude<TemplateSource, 'draft'>;
  /** The saved version; 0 for the default. */
  version: number;
  /** When it was last saved; null for the default. */
  updatedAt: Date | null;
  template: MappingTemplate;
}

/** {@link EffectiveTemplate} plus the operation's target fields (what an editor offers) and the template's advisories. */
export interface TemplateView extends EffectiveTemplate {
  targetFields: readonly TargetFieldDefinition[];
  warnings: TemplateFieldIssue[];
}

/** The compiled record type of a route operation (`sync-listings` → the mapped sync record). */
export type MappedRecordOf<Op extends TemplateOperation> = MappedRecordByOperation[(typeof TEMPLATE_OPERATIONS)[Op]];

/** A compiled template with where it came from, for a job to record which version it ran with. */
export interface CompiledEffectiveTemplate<Op extends TemplateOperation> {
  source: Exclude<TemplateSource, 'draft'>;
  version: number;
  compiled: CompiledTemplate<MappedRecordOf<Op>>;
}

/** Answer of {@link MappingTemplates.preview}: the mapped sample and, per target field, why it got its value. */
export interface TemplatePreview extends MappingExplanation {
  operation: TemplateOperation;
  template: { source: TemplateSource; version: number | null };
}

/** Compiled templates kept per connection, operation and version; an old version is never used again, so no invalidation is needed. */
const MAX_CACHED = 1_000;

/**
 * The per-connection mapping templates of the operations a service runs: the saved template or
 * libs/mapping's default, saving (validated; faults point at JSON paths), resetting and previews.
 * Jobs call {@link MappingTemplates.compiled} once per run; the HTTP routes come from
 * {@link MappingTemplatesModule}. Callers have checked that the tenant owns the connection
 * (routes: the platform's `:connectionId` check; jobs: the job's own tenant).
 *
 * @example
 * const { compiled, version } = await templates.compiled(job.tenantId, job.connectionId, 'get-orders');
 * const mapped = compiled.evaluate(order);
 */
@Injectable()
export class MappingTemplates {
  private readonly cache = new Map<string, CompiledTemplate>();

  constructor(
    private readonly rows: MappingTemplatesRepository,
    @Inject(MAPPING_TEMPLATES_OPTIONS) private readonly options: MappingTemplatesOptions,
  ) {}

  /** The operations this service keeps templates for. */
  get operations(): readonly TemplateOperation[] {
    return this.options.operations;
  }

  /** The served operation named `name` (route or libs/mapping spelling); 404 TEMPLATE_OPERATION_NOT_FOUND otherwise. */
  operation(name: string): TemplateOperation {
    const op = resolveTemplateOperation(name, this.options.operations);
    if (!op) {
      throw new TemplatesError(
        'TEMPLATE_OPERATION_NOT_FOUND',
        `This service keeps no template for "${name}"; it has: ${this.options.operations.join(', ')}`,
        [],
        {
          operations: this.options.operations,
        },
      );
    }
    return op;
  }

  /** The connection's saved template, or null when the default applies. */
  async saved(tenantId: string, connectionId: string, operation: TemplateOperation): Promise<EffectiveTemplate | null> {
    const row = await this.rows.find(tenantId, connectionId, this.operation(operation));
    if (!row) return null;
    return { connectionId, operation, source: 'saved', version: row.version, updatedAt: row.updatedAt, template: row.template as MappingTemplate };
  }

  /** The template the operation runs with: the saved one, else libs/mapping's default. */
  async effective(tenantId: string, connectionId: string, operation: TemplateOperation): Promise<EffectiveTemplate> {
    return (
      (await this.saved(tenantId, connectionId, operation)) ?? {
        connectionId,
        operation,
        source: 'default',
        version: 0,
        updatedAt: null,
        template: defaultTemplate(mappingOperationOf(operation)),
      }
    );
  }

  /** {@link effective} with the operation's target fields and the template's advisories (what GET answers). */
  async view(tenantId: string, connectionId: string, operation: TemplateOperation): Promise<TemplateView> {
    const effective = await this.effective(tenantId, connectionId, operation);
    const check = checkTemplate(effective.template, mappingOperationOf(operation));
    return { ...effective, targetFields: OPERATION_DEFINITIONS[mappingOperationOf(operation)].fields, warnings: check.warnings };
  }

  /**
   * The effective template compiled (cached per version). A saved template that no longer
   * validates is {@link TemplatesError} `SAVED_TEMPLATE_INVALID` with its faults, never a silent
   * fallback to the default: the seller chose that template.
   */
  async compiled<Op extends TemplateOperation>(tenantId: string, connectionId: string, operation: Op): Promise<CompiledEffectiveTemplate<Op>> {
    const effective = await this.effective(tenantId, connectionId, operation);
    const key = effective.source === 'default' ? `default|${operation}` : `${connectionId}|${operation}|${effective.version}`;
    let compiled = this.cache.get(key);
    if (!compiled) {
      try {
        compiled = compileTemplate(effective.template);
      } catch (error) {
        if (!(error instanceof MappingTemplateError)) throw error;
        throw new TemplatesError(
          'SAVED_TEMPLATE_INVALID',
          `The saved ${operation} template (version ${effective.version}) is no longer valid: ${error.message}; save it again`,
          error.issues.map((i) => toFieldIssue(i)),
        );
      }
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, compiled);
    }
    return { source: effective.source, version: effective.version, compiled: compiled as unknown as CompiledTemplate<MappedRecordOf<Op>> };
  }

  /**
   * Validates and saves the template as the next version. 400 INVALID_TEMPLATE lists every fault
   * with its JSON path; with `expectedVersion` (the `If-Match` of the route), 409
   * TEMPLATE_VERSION_CONFLICT when another version is saved by now.
   */
  async put(tenantId: string, connectionId: string, operation: TemplateOperation, body: unknown, expectedVersion?: number): Promise<TemplateView> {
    const op = this.operation(operation);
    const check = this.check(op, body, '$');
    if (!check.ok) {
      const count = check.issues.length;
      throw new TemplatesError(
        'INVALID_TEMPLATE',
        `The ${op} template has ${count} fault${count === 1 ? '' : 's'}; first at ${check.issues[0]?.field}: ${check.issues[0]?.reason}`,
        check.issues,
      );
    }
    const row = await this.rows.save({ tenantId, connectionId, operation: op, template: check.template, expectedVersion });
    if (!row) {
      const current = await this.rows.find(tenantId, connectionId, op);
      throw new TemplatesError(
        'TEMPLATE_VERSION_CONFLICT',
        `The ${op} template was changed meanwhile (version ${current?.version ?? 0} is saved now); reload it and save again`,
        [],
        {
          version: current?.version ?? 0,
        },
      );
    }
    return {
      connectionId,
      operation: op,
      source: 'saved',
      version: row.version,
      updatedAt: row.updatedAt,
      template: check.template,
      targetFields: OPERATION_DEFINITIONS[mappingOperationOf(op)].fields,
      warnings: check.warnings,
    };
  }

  /** libs/mapping's validation, then the service's own checks of the operation (faults under `at`). */
  private check(op: TemplateOperation, body: unknown, at: string): TemplateCheck {
    const check = checkTemplate(body, mappingOperationOf(op), at);
    const own = this.options.checks?.[op];
    if (!check.ok || !own) return check;
    const issues = own(check.template).map((issue) => ({ ...issue, field: at === '$' ? issue.field : `${at}${issue.field.slice(1)}` }));
    return issues.length ? { ok: false, issues, warnings: check.warnings } : check;
  }

  /** Deletes the saved template: the operation runs with the default again. True when one was saved. */
  remove(tenantId: string, connectionId: string, operation: TemplateOperation): Promise<boolean> {
    return this.rows.remove(tenantId, connectionId, this.operation(operation));
  }

  /**
   * Maps a sample record with the effective template, or with `draft` (a template not saved yet,
   * faults reported under `$.template`), and explains each target field (libs/mapping's explain).
   * Writes nothing.
   */
  async preview(
    tenantId: string,
    connectionId: string,
    operation: TemplateOperation,
    record: Record<string, unknown>,
    draft?: unknown,
  ): Promise<TemplatePreview> {
    const op = this.operation(operation);
    if (draft !== undefined) {
      const check = this.check(op, draft, '$.template');
      if (!check.ok)
        throw new TemplatesError(
          'INVALID_TEMPLATE',
          `The draft ${op} template has faults; first at ${check.issues[0]?.field}: ${check.issues[0]?.reason}`,
          check.issues,
        );
      return { operation: op, template: { source: 'draft', version: null }, ...compileTemplate(check.template).explain(record) };
    }
    const { source, version, compiled } = await this.compiled(tenantId, connectionId, op);
    return { operation: op, template: { source, version }, ...(compiled as CompiledTemplate).explain(record) };
  }
}
