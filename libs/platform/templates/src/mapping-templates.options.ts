import type { TemplateOperation } from './template-operations';

/** Injection token of {@link MappingTemplatesOptions}. */
export const MAPPING_TEMPLATES_OPTIONS = Symbol('MAPPING_TEMPLATES_OPTIONS');

/** What a service gives {@link MappingTemplatesModule}. */
export interface MappingTemplatesOptions {
  /** The operations the service runs; the routes answer 404 TEMPLATE_OPERATION_NOT_FOUND for any other. */
  operations: readonly TemplateOperation[];
}
