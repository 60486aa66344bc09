import { z } from 'zod';
import type { MappingOperation } from '../targets/target-field.types';
import { MAPPING_LIMITS as L } from './template-limits';
import type { ConditionNode, FieldMapping, MappingTemplate, RuleAction } from './template.types';

const text = z.string().max(L.maxStringLength);
const scalar = z.union([text, z.number(), z.boolean()]);
const sourcePath = z.string().min(1).max(L.maxPathLength);
/** Mapping set names: short identifiers so they read well in messages and JSON paths. */
const setName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1-64 letters, digits, "_", "." or "-"');

const leafConditions = [
  z.strictObject({ op: z.enum(['equals', 'not_equals']), path: sourcePath, value: scalar, ignoreCase: z.boolean().optional() }),
  z.strictObject({ op: z.enum(['is_empty', 'is_not_empty']), path: sourcePath }),
  z.strictObject({
    op: z.enum(['starts_with', 'ends_with', 'contains']),
    path: sourcePath,
    value: text.min(1),
    ignoreCase: z.boolean().optional(),
  }),
  z.strictObject({
    op: z.literal('matches'),
    path: sourcePath,
    pattern: z.string().min(1).max(L.maxRegexLength),
    // g and y make RegExp.test stateful (lastIndex), which would make evaluation order-dependent.
    flags: z
      .string()
      .regex(/^[imsu]*$/, 'only the flags i, m, s and u are allowed')
      .optional(),
  }),
  z.strictObject({ op: z.literal('length_is'), path: sourcePath, length: z.number().int().min(0).max(1_000_000) }),
  z.strictObject({ op: z.enum(['greater_than', 'less_than']), path: sourcePath, value: z.number() }),
  z.strictObject({
    op: z.literal('in_list'),
    path: sourcePath,
    values: z.array(scalar).max(L.maxListValues),
    ignoreCase: z.boolean().optional(),
  }),
] as const;

/** Zod schema of a condition tree (leaf or all/any group). */
export const conditionNodeSchema: z.ZodType<ConditionNode> = z.discriminatedUnion('op', [
  ...leafConditions,
  z.strictObject({
    op: z.enum(['all', 'any']),
    get conditions(): z.ZodArray<z.ZodType<ConditionNode>> {
      return z.array(conditionNodeSchema).max(L.maxConditionsPerRule);
    },
  }),
]);

const actionOptions = [
  z.strictObject({ kind: z.literal('dont-map') }),
  z.strictObject({ kind: z.literal('set-empty') }),
  z.strictObject({
    kind: z.literal('field'),
    path: sourcePath,
    adjust: z.strictObject({ subtract: z.number().min(0).max(1_000_000_000).optional(), maximum: z.number().min(0).max(1_000_000_000).optional() }).optional(),
  }),
  z.strictObject({ kind: z.literal('value'), value: scalar }),
  z.strictObject({ kind: z.literal('option'), option: text }),
  z.strictObject({ kind: z.literal('mapping-set'), set: setName, path: sourcePath }),
] as const;

/** Zod schema of a rule action / else branch. */
export const ruleActionSchema: z.ZodType<RuleAction> = z.discriminatedUnion('kind', [...actionOptions]);

const ruleSchema = z.strictObject({
  name: z.string().max(L.maxNameLength).optional(),
  when: conditionNodeSchema,
  then: ruleActionSchema,
});

/** Zod schema of one target field's source. */
export const fieldMappingSchema: z.ZodType<FieldMapping> = z.discriminatedUnion('kind', [
  ...actionOptions,
  z.strictObject({
    kind: z.literal('rules'),
    rules: z.array(ruleSchema).max(L.maxRulesPerField),
    else: ruleActionSchema.optional(),
  }),
]);

const mappingSetSchema = z.strictObject({
  description: z.string().max(L.maxNameLength).optional(),
  entries: z.array(z.strictObject({ from: text, to: scalar })).max(L.maxMappingSetEntries),
  default: scalar.optional(),
  passThrough: z.boolean().optional(),
  ignoreCase: z.boolean().optional(),
});

/**
 * Zod schema of a whole mapping template (structure and per-node limits). Cross-references
 * (target fields, mapping sets, regexes, contradictions) are checked by {@link validateTemplate}.
 */
export const mappingTemplateSchema: z.ZodType<MappingTemplate> = z.strictObject({
  schemaVersion: z.literal(1),
  operation: z.enum(['publish', 'sync', 'get-orders', 'sync-orders'] satisfies readonly MappingOperation[]),
  name: z.string().max(L.maxNameLength).optional(),
  description: z.string().max(L.maxStringLength).optional(),
  mappingSets: z.record(setName, mappingSetSchema).optional(),
  fields: z.record(z.string().max(100), fieldMappingSchema),
  lines: z.strictObject({ path: sourcePath }).optional(),
});
