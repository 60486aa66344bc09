import fs from 'node:fs';
import path from 'node:path';
import { load as parseYaml } from 'js-yaml';

/** The repository's ops/ folder: Grafana dashboards and Prometheus rules. */
export const OPS_DIR = path.join(__dirname, '..', '..', 'ops');
export const ALERTS_FILE = path.join(OPS_DIR, 'prometheus', 'alerts.yml');
export const ALERTS_TEST_FILE = path.join(OPS_DIR, 'prometheus', 'alerts.test.yml');

/** One PromQL expression and where it comes from. */
export interface OpsExpression {
  source: string;
  expr: string;
}

interface Panel {
  title?: string;
  targets?: Array<{ expr?: string }>;
  panels?: Panel[];
}

/** Every dashboard file in ops/grafana. */
export function dashboardFiles(): string[] {
  const dir = path.join(OPS_DIR, 'grafana');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(dir, f));
}

/** Every panel target's expression (rows' nested panels included). */
export function dashboardExpressions(): OpsExpression[] {
  const found: OpsExpression[] = [];
  const walk = (file: string, panels: Panel[] | undefined) => {
    for (const panel of panels ?? []) {
      for (const target of panel.targets ?? []) if (target.expr) found.push({ source: `${path.basename(file)}: ${panel.title ?? '?'}`, expr: target.expr });
      walk(file, panel.panels);
    }
  };
  for (const file of dashboardFiles()) walk(file, (JSON.parse(fs.readFileSync(file, 'utf8')) as { panels?: Panel[] }).panels);
  return found;
}

/** The dashboard variables Grafana fills in, replaced by what Prometheus would receive. */
export function withGrafanaVariables(expr: string): string {
  return expr
    .replace(/\$__rate_interval|\$__interval|\$\{__rate_interval\}/g, '5m')
    .replace(/\$\{?service\}?/g, '.+')
    .replace(/\$\{?[a-z_]+\}?/g, '.+');
}

interface RuleFile {
  groups: Array<{ name: string; rules: Array<{ alert?: string; record?: string; expr: string }> }>;
}

/** Every alert and recording rule's expression. */
export function ruleExpressions(): Array<OpsExpression & { alert?: string }> {
  const rules = parseYaml(fs.readFileSync(ALERTS_FILE, 'utf8')) as RuleFile;
  return rules.groups.flatMap((g) => g.rules.map((r) => ({ source: `alerts.yml: ${r.alert ?? r.record ?? '?'}`, expr: r.expr, alert: r.alert })));
}

const METRIC = /\b((?:amazon_channel|auth_connections)_[a-z0-9_]+)\b/g;

/**
 * The metric names panels and rules read, as a service exports them (a histogram's `_bucket`
 * series belong to the histogram's name).
 */
export function referencedMetrics(): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const { source, expr } of [...dashboardExpressions(), ...ruleExpressions()]) {
    for (const match of expr.matchAll(METRIC)) {
      const name = (match[1] as string).replace(/_bucket$/, '');
      names.set(name, [...(names.get(name) ?? []), source]);
    }
  }
  return names;
}
