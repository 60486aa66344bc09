import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { forgetChildProcess, killLeftoverProcesses, recordChildProcess, RUN_PROCESSES_ENV } from './child-processes';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

describe('processes a test run leaves behind', () => {
  const saved = process.env[RUN_PROCESSES_ENV];
  afterEach(() => {
    process.env[RUN_PROCESSES_ENV] = saved;
  });

  it('are named and killed with their process group by the teardown; stopped ones are not', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'processes-spec-'));
    process.env[RUN_PROCESSES_ENV] = dir;
    // A leader that starts a grandchild of its own: both must go.
    const script =
      "const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); console.log(c.pid); setInterval(() => {}, 1000)";
    const leftover = spawn(process.execPath, ['-e', script], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    const grandchild = await new Promise<number>((resolve) => leftover.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
    const stopped = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
    leftover.unref();
    recordChildProcess(leftover.pid, 'leftover');
    recordChildProcess(stopped.pid, 'stopped');
    const stoppedExit = new Promise((resolve) => stopped.once('exit', resolve));
    stopped.kill('SIGKILL');
    await stoppedExit;
    forgetChildProcess(stopped.pid);

    const killed = killLeftoverProcesses(dir);

    expect(killed.map((p) => [p.what, p.pid])).toEqual([['leftover', leftover.pid]]);
    expect(killed[0]?.startedBy).toContain('child-processes.int-spec.ts');
    expect(await until(() => !alive(leftover.pid as number) && !alive(grandchild), 30_000)).toBe(true);
  }, 60_000);
});
