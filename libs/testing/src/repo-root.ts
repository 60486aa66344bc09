import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository root: the nearest directory above this file holding `nx.json`. Searched rather
 * than counted in `../` steps so the harness works from the sources and from a compiled copy
 * (benchmarks run compiled under dist/).
 */
export function repoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No nx.json above ${from}: not inside the amazon-channel repository`);
  }
}
