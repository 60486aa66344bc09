/**
 * @packageDocumentation
 * Per-connection mapping templates (publish-listings, sync-listings, get-orders, sync-orders) on
 * top of libs/mapping: storage in the owning service's schema, validation with JSON paths,
 * defaults, previews, and the HTTP routes. See {@link MappingTemplatesModule} and {@link MappingTemplates}.
 */
export * from './template-operations';
export * from './templates.error';
export * from './templates-error.filter';
export * from './template-check';
export * from './template-requests';
export * from './mapping-template.entity';
export * from './mapping-templates-v1';
export * from './mapping-templates.options';
export * from './mapping-templates.repository';
export * from './mapping-templates';
export * from './mapping-templates.controller';
export * from './mapping-templates.module';
