/**
 * @packageDocumentation
 * The mapping-template engine: sellers' templates (JSON) shape what goes to Amazon (publish,
 * sync, sync orders) and what comes back (get orders). Pure TypeScript, no framework, no I/O.
 *
 * Typical use: `validateTemplate(json)` when a template is saved; `compileTemplateFor(op, json)`
 * once per job; `compiled.evaluate(record)` per record; `compiled.explain(record)` for previews.
 */

// Templates as data
export type {
  ConditionGroup,
  ConditionNode,
  ConditionOperator,
  DontMapSource,
  EmptinessCondition,
  EqualityCondition,
  FieldMapping,
  FieldSource,
  LeafCondition,
  LengthCondition,
  ListCondition,
  MappingRule,
  MappingSet,
  MappingSetEntry,
  MappingSetSource,
  MappingTemplate,
  NumericAdjustment,
  NumericCondition,
  OptionSource,
  RegexCondition,
  RuleAction,
  RulesSource,
  SetEmptySource,
  TextCondition,
  ValueSource,
} from './template/template.types';
export { CONDITION_OPERATORS } from './template/template.types';
export { conditionNodeSchema, fieldMappingSchema, mappingTemplateSchema, ruleActionSchema } from './template/template-schema';
export { MAPPING_LIMITS } from './template/template-limits';
export type { MappingLimits } from './template/template-limits';
export { toJsonPath } from './template/json-path';
export type { JsonPathSegment } from './template/json-path';

// Target fields per operation
export type {
  MappingOperation,
  OperationDefinition,
  SourceKind,
  TargetFieldDefinition,
  TargetFieldScope,
  TargetFieldType,
  TemplateScalar,
} from './targets/target-field.types';
export { MAPPING_OPERATIONS, SOURCE_KINDS } from './targets/target-field.types';
export type { FieldValue, MappedFields } from './targets/define-fields';
export { CONDITION_TYPES, FULFILLMENT_CHANNEL_CODES, PRODUCT_ID_TYPES, PUBLISH_FIELDS } from './targets/publish-fields';
export { SYNC_FIELDS } from './targets/sync-fields';
export { GET_ORDERS_FIELDS } from './targets/get-orders-fields';
export { SYNC_ORDERS_FIELDS } from './targets/sync-orders-fields';
export { findTargetField, OPERATION_DEFINITIONS } from './targets/operations';
export type {
  GetOrdersMappedLine,
  GetOrdersMappedRecord,
  MappedRecordByOperation,
  PublishMappedRecord,
  SyncMappedRecord,
  SyncOrdersMappedRecord,
} from './targets/operations';

// Compile, evaluate, explain
export { compileTemplate, compileTemplateFor, validateTemplate } from './engine/compile-template';
export type { TemplateValidation } from './engine/compile-template';
export type { CompiledTemplate } from './engine/compiled-template';
export type { FieldExplanation, FieldOutcome, MappingExplanation, MappingResult } from './engine/mapping-result.types';
export type { MappingSetOutcome } from './engine/eval-context';

// Errors and issue codes
export { MappingTemplateError, TemplateIssueCode } from './errors/template-issue';
export type { TemplateIssue } from './errors/template-issue';
export { MappingIssueCode } from './errors/mapping-issue';
export type { MappingIssue, MappingIssueSeverity } from './errors/mapping-issue';

// Default templates
export { DEFAULT_TEMPLATES, defaultTemplate } from './defaults/default-templates';
export { DEFAULT_PUBLISH_TEMPLATE, DEFAULT_SYNC_TEMPLATE } from './defaults/listing-defaults';
export { DEFAULT_GET_ORDERS_TEMPLATE, DEFAULT_SYNC_ORDERS_TEMPLATE } from './defaults/order-defaults';
export type { DefaultListingSource, DefaultShipmentSource } from './defaults/default-sources.types';

// Product identifiers (check digits, ISBN-10/13, ASIN shape)
export {
  gs1CheckDigit,
  gtin14Key,
  hasValidGs1CheckDigit,
  isbn10CheckCharacter,
  isbn10To13,
  validateProductIdentifier,
} from './identifiers/product-identifiers';
export type { IdentifierProblemCode, InvalidIdentifier, ProductIdentifierType, ValidIdentifier } from './identifiers/product-identifiers';

// Carriers: tracking-number detection, check digits, Amazon carrier resolution (sync orders)
export * from './carriers';
