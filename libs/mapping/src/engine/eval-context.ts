import type { MappingIssue, MappingIssueCode, MappingIssueSeverity } from '../errors/mapping-issue';

/** Why a mapping-set lookup gave the value it gave (for explain). */
export type MappingSetOutcome = 'matched' | 'default' | 'pass-through' | 'no-match' | 'no-input';

/** The target field being evaluated, for issue messages raised deep inside sources. */
export interface FieldIdentity {
  readonly key: string;
  readonly name: string;
}

/**
 * Per-record scratch state. One is allocated per evaluate call (cheap: a few slots), which keeps
 * evaluation re-entrant and lets explain read what the last source did without a second pass.
 */
export class EvalContext {
  errors: MappingIssue[] | undefined = undefined;
  warnings: MappingIssue[] | undefined = undefined;
  /** Field being evaluated. */
  field: FieldIdentity | undefined = undefined;
  /** Line item index being evaluated, if any. */
  line: number | undefined = undefined;
  /** Index of the rule that produced the current value; -1 = else branch, -2 = no rule and no else. */
  rule = -2;
  /** Outcome of the last mapping-set lookup for the current field. */
  setOutcome: MappingSetOutcome | undefined = undefined;

  /** Records an issue about the current field (or the record when `field` is undefined). */
  report(severity: MappingIssueSeverity, code: MappingIssueCode, message: string, sourcePath?: string, field?: FieldIdentity): void {
    const f = field ?? this.field;
    const issue: MappingIssue = {
      code,
      severity,
      field: f ? f.name : 'record',
      ...(f ? { key: f.key } : {}),
      ...(this.line !== undefined ? { line: this.line } : {}),
      ...(sourcePath !== undefined ? { sourcePath } : {}),
      message,
    };
    if (severity === 'error') (this.errors ??= []).push(issue);
    else (this.warnings ??= []).push(issue);
  }

  /** True when an error was already reported for `key` (so cross-field checks do not pile on). */
  hasErrorFor(key: string): boolean {
    return this.errors !== undefined && this.errors.some((e) => e.key === key && e.line === undefined);
  }
}
