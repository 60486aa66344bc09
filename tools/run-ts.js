#!/usr/bin/env node
// Runs a TypeScript entry point with swc (decorator metadata and the @amazon-channel/* aliases
// come from tsconfig.base.json): `node tools/run-ts.js bench/x.bench.ts [args...]`.
const path = require('node:path');

process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node tools/run-ts.js <file.ts> [args...]\n');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...rest];
require(path.resolve(entry));
