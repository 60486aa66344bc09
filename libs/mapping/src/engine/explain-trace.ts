import type { MappingIssueCode } from '../errors/mapping-issue';
import type { ActionInfo, CompiledField } from './compiled-field';
import type { NumericAdjustment } from '../template/template.types';
import type { EvalContext } from './eval-context';
import type { FieldExplanation, FieldOutcome } from './mapping-result.types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function describeAdjustment(adjust: NumericAdjustment): string {
  const parts = [adjust.subtract !== undefined ? `minus ${adjust.subtract}` : '', adjust.maximum !== undefined ? `at most ${adjust.maximum}` : ''].filter(
    Boolean,
  );
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function describeAction(a: ActionInfo): string {
  switch (a.kind) {
    case 'field':
      return `field "${a.path}"${a.adjust ? describeAdjustment(a.adjust) : ''}`;
    case 'mapping-set':
      return `mapping set "${a.set}" on "${a.path}"`;
    case 'value':
      return 'constant value';
    case 'option':
      return 'option';
    case 'set-empty':
      return 'set to empty';
    case 'dont-map':
      return "don't map";
    case 'rules':
      return 'rules';
  }
}

const OUTCOME_TEXT: Record<FieldOutcome, string> = {
  mapped: '',
  empty: ' (cleared)',
  default: ' gave no value, so the field default was used',
  'not-mapped': ' (left out)',
  'no-value': ' gave no value',
  error: ' gave a value the field rejects',
  dropped: '',
};

/**
 * Collects explanations while the evaluator runs. Evaluation passes `undefined` instead, so the
 * hot path pays one comparison per field for explain support and both always agree.
 */
export class ExplainTrace {
  readonly entries: Mutable<FieldExplanation>[] = [];

  add(f: CompiledField, ctx: EvalContext, outcome: FieldOutcome, value: unknown, issuesBefore: { errors: number; warnings: number }): void {
    let action: ActionInfo | undefined = f.action;
    let rule: FieldExplanation['rule'];
    let branch: FieldExplanation['branch'];
    let head: string;
    if (f.rules) {
      if (ctx.rule >= 0) {
        const r = f.rules[ctx.rule];
        action = r?.action;
        rule = { index: ctx.rule, ...(r?.name !== undefined ? { name: r.name } : {}) };
        branch = 'rule';
        head = `rule ${ctx.rule + 1}${r?.name !== undefined ? ` "${r.name}"` : ''} matched: `;
      } else if (ctx.rule === -1) {
        action = f.elseAction;
        branch = 'else';
        head = 'no rule matched, else branch: ';
      } else {
        action = { kind: 'dont-map' };
        branch = 'none';
        head = 'no rule matched and there is no else branch';
      }
    } else {
      head = '';
    }
    const act = action ?? { kind: 'dont-map' };
    const actText = branch === 'none' ? '' : describeAction(act);
    const issues: MappingIssueCode[] = [
      ...(ctx.errors ?? []).slice(issuesBefore.errors).map((i) => i.code),
      ...(ctx.warnings ?? []).slice(issuesBefore.warnings).map((i) => i.code),
    ];
    const entry: Mutable<FieldExplanation> = {
      key: f.def.key,
      name: f.def.name,
      ...(ctx.line !== undefined ? { line: ctx.line } : {}),
      source: f.mapping.kind,
      ...(rule ? { rule } : {}),
      ...(branch ? { branch } : {}),
      action: act.kind,
      ...(act.path !== undefined && branch !== 'none' ? { inputPath: act.path } : {}),
      ...(act.set !== undefined && ctx.setOutcome !== undefined ? { mappingSet: { name: act.set, outcome: ctx.setOutcome } } : {}),
      outcome,
      ...(outcome === 'mapped' || outcome === 'empty' || outcome === 'default' ? { value } : {}),
      issues,
      summary: `${head}${actText}${ctx.setOutcome && act.set !== undefined ? ` (${ctx.setOutcome})` : ''}${OUTCOME_TEXT[outcome]}`,
    };
    this.entries.push(entry);
  }

  /** Marks a record-scoped field as dropped by an operation check. */
  dropped(key: string, code: MappingIssueCode, why: string): void {
    const e = this.entries.find((x) => x.key === key && x.line === undefined);
    if (!e) return;
    e.outcome = 'dropped';
    delete e.value;
    e.issues = [...e.issues, code];
    e.summary = `${e.summary}; left out: ${why}`;
  }

  /** Adds an issue code raised by an operation check to a field's explanation. */
  flagged(key: string, code: MappingIssueCode): void {
    const e = this.entries.find((x) => x.key === key && x.line === undefined);
    if (e) e.issues = [...e.issues, code];
  }
}
