import { MappingIssueCode } from '../errors/mapping-issue';
import type { MappingSet } from '../template/template.types';
import type { TemplateScalar } from '../targets/target-field.types';
import type { EvalContext } from './eval-context';
import { isEmptyValue, scalarText } from './values';

/** A mapping set compiled into a hash lookup. */
export interface CompiledMappingSet {
  readonly name: string;
  /** Looks `input` up; records the outcome on the context and warns when nothing applies. */
  lookup(input: unknown, ctx: EvalContext, sourcePath: string): unknown;
}

/** Keys of the set that collide (index of the later row and of the row it repeats). */
export function findDuplicateEntries(set: MappingSet): { index: number; firstIndex: number }[] {
  const seen = new Map<string, number>();
  const dups: { index: number; firstIndex: number }[] = [];
  set.entries.forEach((e, i) => {
    const key = set.ignoreCase ? e.from.toLowerCase() : e.from;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else dups.push({ index: i, firstIndex: first });
  });
  return dups;
}

/** Compiles a validated mapping set. */
export function compileMappingSet(name: string, set: MappingSet): CompiledMappingSet {
  const ignoreCase = set.ignoreCase === true;
  const table = new Map<string, TemplateScalar>();
  let longest = 0;
  for (const e of set.entries) {
    const key = ignoreCase ? e.from.toLowerCase() : e.from;
    if (!table.has(key)) table.set(key, e.to);
    longest = Math.max(longest, key.length);
  }
  const hasDefault = set.default !== undefined;
  const fallback = set.default;
  const passThrough = set.passThrough === true;
  return {
    name,
    lookup(input, ctx, sourcePath) {
      // No input is not a lookup miss: the default is for values the table does not know.
      if (isEmptyValue(input)) {
        ctx.setOutcome = 'no-input';
        return undefined;
      }
      const t = scalarText(input);
      const key = t === undefined || t.length > longest ? undefined : ignoreCase ? t.toLowerCase() : t;
      const hit = key === undefined ? undefined : table.get(key);
      if (hit !== undefined) {
        ctx.setOutcome = 'matched';
        return hit;
      }
      if (hasDefault) {
        ctx.setOutcome = 'default';
        return fallback;
      }
      if (passThrough) {
        ctx.setOutcome = 'pass-through';
        return input;
      }
      ctx.setOutcome = 'no-match';
      const shown = t === undefined ? 'a non-text value' : JSON.stringify(t.length > 60 ? `${t.slice(0, 57)}...` : t);
      ctx.report(
        'warning',
        MappingIssueCode.MAPPING_SET_NO_MATCH,
        `Mapping set "${name}" has no row for ${shown} (from "${sourcePath}") and no default; ${ctx.field?.name ?? 'the field'} got no value`,
        sourcePath,
      );
      return undefined;
    },
  };
}
