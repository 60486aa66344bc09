#!/usr/bin/env node
// Compiles one service for deployment: `node tools/build.js <app> [--out dist]`; or one entry
// file with what it imports: `node tools/build.js --entry bench/x.bench.ts --out dist` (benchmarks
// run compiled, as services do, so swc's in-process compiler is not in their memory figures).
//
// Output is dist/<app>/ mirroring the repository tree (apps/<app>/src/... and libs/<lib>/src/...),
// so the entry is dist/<app>/apps/<app>/src/main.js, with migrate.js / cli.js beside it when the
// app has them. Only the libs the app reaches through `@amazon-channel/<lib>` imports (followed
// transitively) are compiled. The aliases become relative requires, so the output runs with plain
// `node` and needs no tsconfig-paths or swc at run time.
//
// Why swc and not tsc: tsc does not rewrite path aliases in its output. Type-checking is a
// separate step (`npx tsc -p tsconfig.json --noEmit`, run by CI and the Dockerfile before this).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const repoRoot = path.resolve(__dirname, '..');
const ALIAS_SCOPE = '@amazon-channel/';
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;
const ASSET_FILE = /\.(proto|json)$/;
const ENTRY_NAMES = ['main', 'migrate', 'cli'];

function fail(message) {
  process.stderr.write(`build: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { app: undefined, entry: undefined, out: 'dist' };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--out') args.out = argv[++i];
    else if (arg.startsWith('--out=')) args.out = arg.slice('--out='.length);
    else if (arg === '--entry') args.entry = argv[++i];
    else if (!args.app && !arg.startsWith('-')) args.app = arg;
    else fail(`unexpected argument ${arg}`);
  }
  if (!args.app && !args.entry) fail('usage: node tools/build.js <app> [--out dist] | --entry <file.ts> [--out dir]');
  if (args.app && !/^[a-z0-9][a-z0-9-]*$/.test(args.app)) fail(`not an app name: ${args.app}`);
  return args;
}

/** Reads tsconfig.base.json (plain JSON, no comments) and returns alias -> src dir (repo-relative). */
function readAliases() {
  const tsconfig = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tsconfig.base.json'), 'utf8'));
  const paths = tsconfig.compilerOptions?.paths ?? {};
  const aliases = new Map();
  for (const [alias, targets] of Object.entries(paths)) {
    if (!alias.startsWith(ALIAS_SCOPE) || alias.includes('*')) continue;
    const target = targets[0];
    aliases.set(alias, { target, srcDir: path.posix.dirname(target) });
  }
  return { paths, aliases };
}

/** Recursively lists files under dir (absolute paths), skipping node_modules; a file lists itself. */
function walk(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  if (fs.statSync(dir).isFile()) return [dir];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function isCompiled(file) {
  return file.endsWith('.ts') && !file.endsWith('.d.ts') && !TEST_FILE.test(file);
}

/** Every `@amazon-channel/<lib>` specifier in a source file (import, export-from, require, import()). */
function aliasImports(source) {
  const found = new Set();
  const re = /['"](@amazon-channel\/[a-z0-9-]+)['"]/g;
  let m;
  while ((m = re.exec(source)) !== null) found.add(m[1]);
  return found;
}

/** The given dirs plus the src dirs of every lib they reach, following lib-to-lib imports. */
function collectSourceDirs(startDirs, aliases) {
  const dirs = [...startDirs];
  const seenAliases = new Set();
  const queue = [...startDirs];
  while (queue.length > 0) {
    const dir = queue.shift();
    for (const file of walk(path.join(repoRoot, dir))) {
      if (!isCompiled(file)) continue;
      for (const alias of aliasImports(fs.readFileSync(file, 'utf8'))) {
        if (seenAliases.has(alias)) continue;
        seenAliases.add(alias);
        const lib = aliases.get(alias);
        // An unmapped alias (say, quoted in a comment) is ignored here; if code really requires it,
        // checkRequires below reports it because swc leaves it unrewritten.
        if (!lib) continue;
        if (!dirs.includes(lib.srcDir)) {
          dirs.push(lib.srcDir);
          queue.push(lib.srcDir);
        }
      }
    }
  }
  return dirs;
}

/** The repository's .swcrc (what Jest and run-ts use), so the build compiles code the same way. */
function readSwcrc() {
  const swcrc = JSON.parse(fs.readFileSync(path.join(repoRoot, '.swcrc'), 'utf8'));
  delete swcrc.$schema;
  return swcrc;
}

/** swc options for one file: .swcrc plus the alias rewrite (jsc.baseUrl must be absolute). */
function swcOptions(swcrc, paths, filename, outFile) {
  return {
    ...swcrc,
    filename,
    sourceMaps: true,
    sourceFileName: path.relative(path.dirname(outFile), filename),
    swcrc: false,
    configFile: false,
    jsc: { ...swcrc.jsc, baseUrl: repoRoot, paths },
    module: { ...swcrc.module, type: 'commonjs' },
  };
}

/** Fails the build when an emitted require still names an alias or points at a missing file. */
function checkRequires(outFile, code, outRoot) {
  const problems = [];
  const re = /require\(["']([^"']+)["']\)/g;
  let m;
  while ((m = re.exec(code)) !== null) {
    const spec = m[1];
    if (spec.startsWith(ALIAS_SCOPE)) {
      problems.push(`${path.relative(outRoot, outFile)}: alias ${spec} was not rewritten`);
      continue;
    }
    if (!spec.startsWith('.')) continue;
    const base = path.resolve(path.dirname(outFile), spec);
    const candidates = [base, `${base}.js`, `${base}.json`, path.join(base, 'index.js')];
    if (!candidates.some((c) => fs.existsSync(c) && fs.statSync(c).isFile())) {
      problems.push(`${path.relative(outRoot, outFile)}: require('${spec}') resolves to nothing`);
    }
  }
  return problems;
}

/**
 * What to compile: an app's src dir, or for `--entry` (a benchmark, say) the entry file and the
 * src dir of every app it imports relatively.
 */
function startDirs(args) {
  if (args.app) {
    if (!fs.existsSync(path.join(repoRoot, 'apps', args.app, 'src', 'main.ts'))) fail(`apps/${args.app}/src/main.ts does not exist`);
    return [`apps/${args.app}/src`];
  }
  const entry = path.resolve(args.entry);
  if (!fs.existsSync(entry)) fail(`${args.entry} does not exist`);
  const apps = new Set([...fs.readFileSync(entry, 'utf8').matchAll(/apps\/([a-z0-9-]+)\/src\//g)].map((m) => `apps/${m[1]}/src`));
  return [path.relative(repoRoot, entry), ...apps];
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { app, out } = args;
  const { paths, aliases } = readAliases();
  const swcrc = readSwcrc();
  const sourceDirs = collectSourceDirs(startDirs(args), aliases);
  const outRoot = path.resolve(repoRoot, out, app ?? path.basename(args.entry, '.ts'));
  fs.rmSync(outRoot, { recursive: true, force: true });

  const started = Date.now();
  const emitted = [];
  let assets = 0;
  for (const dir of sourceDirs) {
    for (const file of walk(path.join(repoRoot, dir))) {
      const rel = path.relative(repoRoot, file);
      if (isCompiled(file)) {
        const outFile = path.join(outRoot, rel.replace(/\.ts$/, '.js'));
        fs.mkdirSync(path.dirname(outFile), { recursive: true });
        emitted.push(
          swc.transformFile(file, swcOptions(swcrc, paths, file, outFile)).then((result) => {
            const mapName = `${path.basename(outFile)}.map`;
            fs.writeFileSync(outFile, `${result.code}\n//# sourceMappingURL=${mapName}\n`);
            if (result.map) fs.writeFileSync(`${outFile}.map`, result.map);
            return { outFile, code: result.code };
          }),
        );
      } else if (ASSET_FILE.test(file)) {
        const outFile = path.join(outRoot, rel);
        fs.mkdirSync(path.dirname(outFile), { recursive: true });
        fs.copyFileSync(file, outFile);
        assets += 1;
      }
    }
  }
  const results = await Promise.all(emitted);

  const problems = results.flatMap((r) => checkRequires(r.outFile, r.code, outRoot));
  if (problems.length > 0) fail(`unresolved requires in the output:\n  ${problems.join('\n  ')}`);

  const entries = app
    ? ENTRY_NAMES.map((name) => path.join(outRoot, 'apps', app, 'src', `${name}.js`)).filter((file) => fs.existsSync(file))
    : [path.join(outRoot, path.relative(repoRoot, path.resolve(args.entry)).replace(/\.ts$/, '.js'))];
  process.stdout.write(
    `build: ${app ?? args.entry}: ${results.length} files compiled, ${assets} assets copied from ${sourceDirs.join(', ')} ` +
      `in ${Date.now() - started} ms\n` +
      entries.map((file) => `  ${path.relative(process.cwd(), file)}\n`).join(''),
  );
}

main().catch((err) => fail(err && err.stack ? err.stack : String(err)));
