import { existsSync } from 'node:fs';
import path from 'node:path';

/** The monorepo root (the folder holding nx.json), found from this file. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('nx.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

/** `../shared` next to the repo (Amazon's models and our reference); absent outside CI/dev machines. */
export function sharedDir(): string {
  return path.resolve(repoRoot(), '../shared');
}
