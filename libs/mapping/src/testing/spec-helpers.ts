import { compileTemplate } from '../engine/compile-template';
import type { CompiledTemplate } from '../engine/compiled-template';
import type { FieldMapping, LeafCondition, MappingSet, MappingTemplate } from '../template/template.types';
import type { MappingOperation } from '../targets/target-field.types';
import { compileLeaf } from '../engine/conditions';
import { EvalContext } from '../engine/eval-context';
import { compilePathReader, parseSourcePath } from '../engine/source-path';

/** Test-only builders. Not exported from the library. */

/** A template for `operation` with the given field mappings and mapping sets. */
export function template(operation: MappingOperation, fields: Record<string, FieldMapping>, mappingSets?: Record<string, MappingSet>): MappingTemplate {
  return { schemaVersion: 1, operation, fields, ...(mappingSets ? { mappingSets } : {}) };
}

/** Compiles a template built by {@link template}. */
export function compile(operation: MappingOperation, fields: Record<string, FieldMapping>, mappingSets?: Record<string, MappingSet>): CompiledTemplate {
  return compileTemplate(template(operation, fields, mappingSets));
}

/** Evaluates one leaf condition against a record, as the engine does. */
export function testLeaf(leaf: LeafCondition, record: unknown): boolean {
  const parsed = parseSourcePath(leaf.path);
  if (!parsed.ok) throw new Error(parsed.reason);
  return compileLeaf(leaf, { read: compilePathReader(parsed.segments), path: leaf.path })(record, new EvalContext());
}

/** Sets a JSON-path-like location in a deep copy of `value` (for bad-template tables). */
export function withChange<T>(value: T, path: readonly (string | number)[], next: unknown): T {
  const copy = structuredClone(value) as unknown as Record<string | number, unknown>;
  let node = copy;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = next;
  return copy as unknown as T;
}
