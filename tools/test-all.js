#!/usr/bin/env node
// `npm test`: type-check, lint, migration drift, formatting, then every Jest project (unit and integration
// against real PostgreSQL and Kafka, then the system tests one file at a time). The last line is `N passed, N failed[, N skipped]`:
// Jest's totals plus one entry per static check.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(title, command, args) {
  process.stdout.write(`\n== ${title}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  const ok = result.status === 0;
  process.stdout.write(`== ${title}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return ok;
}

const checks = [
  run('type-check (tsc)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']),
  // The module-boundaries rule reads Nx's project graph; computing it first keeps the rule active.
  run('project graph', bin('nx'), ['show', 'projects']) && run('lint (eslint, module boundaries)', bin('eslint'), ['.', '--max-warnings=0']),
  run('migrations match entities', process.execPath, ['tools/run-ts.js', 'tools/migrations.ts', 'check']),
  run('formatting (prettier --check)', bin('prettier'), ['--check', '--log-level=warn', '.']),
];

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-report-'));
const extra = process.argv.slice(2);
// Two passes. Every service a test starts subscribes to the same topics on the run's one broker, so two
// system stacks alive at once would each take the other's job requests (and answer for them). System tests
// therefore run one file at a time, after the unit and integration specs.
const passes = [
  ['tests (jest: unit, integration)', 'unit-integration.json', ['--maxWorkers=2', '--ignoreProjects', 'system-tests']],
  ['tests (jest: system, one file at a time)', 'system.json', ['--runInBand', '--selectProjects', 'system-tests']],
];
for (const [title, file, args] of passes) {
  run(title, bin('jest'), ['--ci', '--passWithNoTests', ...args, '--json', `--outputFile=${path.join(reports, file)}`, ...extra]);
}

let passed = checks.filter(Boolean).length;
let failed = checks.length - passed;
let skipped = 0;
for (const [title, file] of passes) {
  const report = path.join(reports, file);
  if (fs.existsSync(report)) {
    const totals = JSON.parse(fs.readFileSync(report, 'utf8'));
    passed += totals.numPassedTests;
    failed += totals.numFailedTests + (totals.numRuntimeErrorTestSuites ?? 0);
    skipped += totals.numPendingTests + totals.numTodoTests;
  } else {
    failed += 1;
    process.stdout.write(`${title}: Jest wrote no report: counted as one failure\n`);
  }
}
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 ? 1 : 0);
