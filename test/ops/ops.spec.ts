import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dump as toYaml } from 'js-yaml';
import { ALERTS_FILE, ALERTS_TEST_FILE, dashboardExpressions, dashboardFiles, referencedMetrics, ruleExpressions, withGrafanaVariables } from './ops-files';

/** Runs promtool; `.ci/run` installs Debian's prometheus package when it is missing. */
function promtool(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync('promtool', args, { encoding: 'utf8' });
  if (run.error) throw new Error(`promtool could not run (install Debian's prometheus package): ${run.error.message}`);
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/**
 * Checks PromQL with promtool's own parser: the expressions become recording rules of a scratch
 * rule file, which `promtool check rules` parses (and names the one that does not).
 */
function checkExpressions(exprs: string[]): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-promql-'));
  const file = path.join(dir, 'dashboards.rules.yml');
  try {
    fs.writeFileSync(file, toYaml({ groups: [{ name: 'dashboards', rules: exprs.map((expr, i) => ({ record: `dashboard:expr_${i}`, expr })) }] }));
    return promtool('check', 'rules', file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('ops: Prometheus rules and Grafana dashboards', () => {
  it('alert rules pass promtool check rules', () => {
    const result = promtool('check', 'rules', ALERTS_FILE);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('alert rules pass their promtool unit tests, and every alert has one', () => {
    const result = promtool('test', 'rules', ALERTS_TEST_FILE);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
    const tests = fs.readFileSync(ALERTS_TEST_FILE, 'utf8');
    const untested = ruleExpressions()
      .map((r) => r.alert)
      .filter((alert): alert is string => !!alert && !tests.includes(`alertname: ${alert}\n`));
    expect(untested).toEqual([]);
  });

  it('names the alerts the issue asks for', () => {
    expect(ruleExpressions().map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'DeadLetters',
        'OutboxLag',
        'SpApiThrottling',
        'JobFailedRunsInARow',
        'ConnectionsAuthFailed',
        'ReauthorizationDueSoon',
        'PiiErasureOverdue',
      ]),
    );
  });

  it('has the five dashboards, each valid JSON with a uid and panels', () => {
    const names = dashboardFiles().map((f) => path.basename(f, '.json'));
    expect(names.sort()).toEqual(['amazon', 'bus', 'data-protection', 'jobs', 'overview']);
    for (const file of dashboardFiles()) {
      const dashboard = JSON.parse(fs.readFileSync(file, 'utf8')) as { uid?: string; panels?: unknown[] };
      expect(dashboard.uid).toMatch(/^ac-/);
      expect(dashboard.panels?.length).toBeGreaterThan(0);
    }
  });

  it('every PromQL expression in the dashboards parses', () => {
    const exprs = dashboardExpressions();
    expect(exprs.length).toBeGreaterThan(20);
    const result = checkExpressions(exprs.map((e) => withGrafanaVariables(e.expr)));
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('the expression check fails on an expression that does not parse', () => {
    const result = checkExpressions(['sum(rate(amazon_channel_http_requests_total[5m])']);
    expect(result.status).not.toBe(0);
  });

  it('panels and rules name only metrics of ours (the system test checks each is exported)', () => {
    const names = [...referencedMetrics().keys()];
    expect(names).toEqual(
      expect.arrayContaining([
        'amazon_channel_http_requests_total',
        'amazon_channel_job_runs_total',
        'amazon_channel_sp_api_throttled_total',
        'amazon_channel_outbox_lag_seconds',
        'amazon_channel_pii_erasure_overdue_seconds',
        'auth_connections_reauthorization_due',
      ]),
    );
  });
});
