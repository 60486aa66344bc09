import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The folder where this test run records the processes its tests start (set by the Jest global
 * setup, inherited by every worker). Unset outside a Jest run (benchmarks): then nothing is recorded.
 */
export const RUN_PROCESSES_ENV = 'AMAZON_CHANNEL_TEST_PROCESSES_DIR';

/** What the run's global teardown reads back for a process still alive at the end. */
export interface RecordedProcess {
  readonly pid: number;
  /** What it is, for the report: `sp-api-sandbox`, `orders (system test stack)`. */
  readonly what: string;
  /** Its command line as /proc shows it, so a reused pid is not taken for ours. */
  readonly cmdline: string;
  /** The test file that started it. */
  readonly startedBy: string;
}

function recordFile(pid: number): string | undefined {
  const dir = process.env[RUN_PROCESSES_ENV];
  return dir ? path.join(dir, `${pid}.json`) : undefined;
}

/** The test file running in this process, when it is a Jest worker (a child process may inherit its env, not its globals). */
function testPath(): string {
  return typeof expect === 'undefined' ? '' : (expect.getState().testPath ?? '');
}

function cmdlineOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

/**
 * Records a child process (spawned `detached`, so it leads its own process group) for the run's
 * teardown, which reports and kills any that are still alive. Why: a worker that ends without the
 * test's `afterAll` (a crash, Jest force-exiting it) leaves its children orphaned to PID 1.
 */
export function recordChildProcess(pid: number | undefined, what: string): void {
  const file = pid === undefined ? undefined : recordFile(pid);
  if (!file || pid === undefined) return;
  const record: RecordedProcess = { pid, what, cmdline: cmdlineOf(pid), startedBy: testPath() };
  fs.writeFileSync(file, JSON.stringify(record));
}

/** Forgets a child that has exited. */
export function forgetChildProcess(pid: number | undefined): void {
  const file = pid === undefined ? undefined : recordFile(pid);
  if (file) fs.rmSync(file, { force: true });
}

/** Sends `signal` to the process group a `detached` child leads (the child and anything it started). */
export function signalProcessGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * The recorded processes still alive (same pid and command line), killed with their process groups.
 * Called by the global teardown; returns what it killed, for its report.
 */
export function killLeftoverProcesses(dir: string): RecordedProcess[] {
  const leftovers: RecordedProcess[] = [];
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    let record: RecordedProcess;
    try {
      record = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as RecordedProcess;
    } catch {
      continue;
    }
    const now = cmdlineOf(record.pid);
    if (now && now === record.cmdline) {
      signalProcessGroup(record.pid, 'SIGKILL');
      leftovers.push(record);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return leftovers;
}
