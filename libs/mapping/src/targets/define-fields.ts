import type { TargetFieldDefinition, TargetFieldScope } from './target-field.types';

/**
 * Declares an operation's target fields keeping their literal keys and allowed values, so the
 * mapped record type ({@link MappedFields}) can be derived from the same data the engine uses.
 */
export function defineFields<const T extends readonly TargetFieldDefinition[]>(fields: T): T {
  return fields;
}

/** The TypeScript value type one target field produces. */
export type FieldValue<D> = D extends { readonly allowedValues: readonly (infer V extends string)[] }
  ? V
  : D extends { readonly type: 'integer' | 'decimal' }
    ? number
    : D extends { readonly type: 'boolean' }
      ? boolean
      : string;

/**
 * The mapped record for the fields of one scope: every key optional (Don't Map leaves it out),
 * `null` when the template says Set To Empty.
 */
export type MappedFields<Fs extends readonly TargetFieldDefinition[], S extends TargetFieldScope> = {
  -readonly [D in Fs[number] as D extends { readonly scope: S } ? D['key'] : never]?: FieldValue<D> | null;
};

/** Source kinds every field accepts unless its definition narrows them. */
export const ANY_SOURCE = ['dont-map', 'set-empty', 'field', 'value', 'mapping-set', 'rules'] as const;

/** {@link ANY_SOURCE} plus Option, for fields with allowed values. */
export const ANY_SOURCE_WITH_OPTION = ['dont-map', 'set-empty', 'field', 'value', 'option', 'mapping-set', 'rules'] as const;
