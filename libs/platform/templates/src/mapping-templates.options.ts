import type { MappingTemplate } from '@amazon-channel/mapping';
import type { TemplateOperation } from './template-operations';
import type { TemplateFieldIssue } from './templates.error';

/** Injection token of {@link MappingTemplatesOptions}. */
export const MAPPING_TEMPLATES_OPTIONS = Symbol('MAPPING_TEMPLATES_OPTIONS');

/**
 * A service's own rules on a template that libs/mapping already accepted (e.g. orders refuses a
 * constant invoice currency that is not ISO 4217). Pure; each fault's `field` is a JSON path from
 * the template's root (`$.fields.invoice_currency.value`).
 */
export type TemplateRuleCheck = (template: MappingTemplate) => TemplateFieldIssue[];

/** What a service gives {@link MappingTemplatesModule}. */
export interface MappingTemplatesOptions {
  /** The operations the service runs; the routes answer 404 TEMPLATE_OPERATION_NOT_FOUND for any other. */
  operations: readonly TemplateOperation[];
  /** Extra checks per operation, run on save and on a preview's draft after libs/mapping's validation. */
  checks?: Partial<Record<TemplateOperation, TemplateRuleCheck>>;
}
