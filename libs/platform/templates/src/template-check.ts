import { validateTemplate, type MappingOperation, type MappingTemplate, type TemplateIssue } from '@amazon-channel/mapping';
import type { TemplateFieldIssue } from './templates.error';

/** Outcome of {@link checkTemplate}: the template to save, or its faults. */
export type TemplateCheck =
  { ok: true; template: MappingTemplate; warnings: TemplateFieldIssue[] } | { ok: false; issues: TemplateFieldIssue[]; warnings: TemplateFieldIssue[] };

/**
 * Moves a libs/mapping issue under `at` (`$` for a template sent as the body, `$.template` for one
 * inside a preview request), keeping its code.
 */
export function toFieldIssue(issue: TemplateIssue, at = '$'): TemplateFieldIssue {
  return { field: at === '$' ? issue.path : `${at}${issue.path.slice(1)}`, reason: issue.message, code: issue.code };
}

/**
 * Validates a template sent for `operation`. `operation` and `schemaVersion` may be left out (the
 * route names the operation; 1 is the only version); a template for another operation is refused
 * at `$.operation`. Pure: no I/O.
 *
 * @example checkTemplate({ fields: { price: { kind: 'dont-map' } } }, 'sync') // { ok: true, template: {...}, warnings: [] }
 */
export function checkTemplate(input: unknown, operation: MappingOperation, at = '$'): TemplateCheck {
  const body = input && typeof input === 'object' && !Array.isArray(input) ? { schemaVersion: 1, operation, ...(input as Record<string, unknown>) } : input;
  if (body && typeof body === 'object' && 'operation' in body && body.operation !== operation) {
    return {
      ok: false,
      issues: [
        { field: `${at}.operation`, reason: `this route takes a ${operation} template; this one is for ${String(body.operation)}`, code: 'OPERATION_MISMATCH' },
      ],
      warnings: [],
    };
  }
  const result = validateTemplate(body);
  const warnings = result.warnings.map((w) => toFieldIssue(w, at));
  if (!result.ok) return { ok: false, issues: result.issues.map((i) => toFieldIssue(i, at)), warnings };
  return { ok: true, template: body as MappingTemplate, warnings };
}
