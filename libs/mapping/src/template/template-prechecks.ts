import type { z } from 'zod';
import type { TemplateIssue } from '../errors/template-issue';
import { TemplateIssueCode } from '../errors/template-issue';
import type { JsonPathSegment } from './json-path';
import { toJsonPath } from './json-path';
import { MAPPING_LIMITS } from './template-limits';

/**
 * Walks the raw document before schema validation and stops at the first node past the size or
 * depth limit. Why: zod would otherwise traverse a multi-megabyte paste (or a cyclic object
 * handed in by code) in full before reporting anything.
 */
export function precheckTemplateSize(input: unknown): TemplateIssue | undefined {
  let nodes = 0;
  const visit = (v: unknown, at: JsonPathSegment[]): TemplateIssue | undefined => {
    nodes++;
    if (nodes > MAPPING_LIMITS.maxTemplateNodes) {
      return {
        code: TemplateIssueCode.LIMIT_EXCEEDED,
        path: toJsonPath(at),
        message: `the template has more than ${MAPPING_LIMITS.maxTemplateNodes} JSON nodes`,
      };
    }
    if (at.length > MAPPING_LIMITS.maxTemplateDepth) {
      return {
        code: TemplateIssueCode.LIMIT_EXCEEDED,
        path: toJsonPath(at),
        message: `the template nests deeper than ${MAPPING_LIMITS.maxTemplateDepth} levels (or refers to itself)`,
      };
    }
    if (v === null || typeof v !== 'object') return undefined;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const issue = visit(v[i], [...at, i]);
        if (issue) return issue;
      }
      return undefined;
    }
    for (const k of Object.keys(v)) {
      // A JSON "__proto__" key becomes the prototype when copied into a plain object; refuse it.
      if (k === '__proto__') return { code: TemplateIssueCode.SCHEMA_INVALID, path: toJsonPath([...at, k]), message: '"__proto__" is a reserved key' };
      const issue = visit((v as Record<string, unknown>)[k], [...at, k]);
      if (issue) return issue;
    }
    return undefined;
  };
  return visit(input, []);
}

/** Converts zod issues to template issues (size violations become LIMIT_EXCEEDED). */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): TemplateIssue[] {
  return issues.map((i) => ({
    code: i.code === 'too_big' ? TemplateIssueCode.LIMIT_EXCEEDED : TemplateIssueCode.SCHEMA_INVALID,
    path: toJsonPath(i.path as JsonPathSegment[]),
    message: i.message,
  }));
}
