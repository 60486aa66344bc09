#!/usr/bin/env node
// Runs a benchmark compiled, as the services run in production:
//   node tools/bench.js bench/listings-import.bench.ts [args...]
// It builds the entry with tools/build.js into dist/bench/ and runs the output with plain `node`.
// Why not tools/run-ts.js: swc-node compiles in the measured process, and its compiler and
// source maps add about 90 MB of RSS that a deployed service does not have.
'use strict';

const { execFileSync, spawn } = require('node:child_process');
const path = require('node:path');

const [entry, ...args] = process.argv.slice(2);
if (!entry || !entry.endsWith('.ts')) {
  process.stderr.write('usage: node tools/bench.js bench/<name>.bench.ts [args...]\n');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
const out = path.join('dist', 'bench');
execFileSync(process.execPath, [path.join(__dirname, 'build.js'), '--entry', entry, '--out', out], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const name = path.basename(entry, '.ts');
const compiled = path.join(root, out, name, path.relative(root, path.resolve(entry)).replace(/\.ts$/, '.js'));
const child = spawn(process.execPath, [compiled, ...args], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
