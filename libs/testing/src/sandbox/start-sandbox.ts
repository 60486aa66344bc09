import { spawn } from 'node:child_process';
import { forgetChildProcess, recordChildProcess, signalProcessGroup } from '../processes/child-processes';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../repo-root';
import { SandboxAdminClient } from './sandbox-admin';
import { SandboxHarnessError, SandboxHarnessErrorCode } from './sandbox-harness.error';

const REPO_ROOT = repoRoot();

/** Options of {@link startSandbox}; all optional. */
export interface StartSandboxOptions {
  /** Port to listen on (default 0: a free port chosen by the OS). */
  port?: number;
  /** LWA access-token lifetime in seconds (default 3600, as Amazon). */
  tokenTtlSeconds?: number;
  /** Seed of all generated data (default 'sandbox'). */
  seed?: string;
  /** Listings and orders of the demo seller (defaults 50 and 20). */
  demoListingCount?: number;
  demoOrderCount?: number;
  /** IN_QUEUE and IN_PROGRESS durations of reports and feeds in ms (defaults 1000 and 2000). */
  queueMs?: number;
  processingMs?: number;
  /** How long to wait for `/_sandbox/health` (default 180 s; the first start compiles TypeScript). */
  startTimeoutMs?: number;
  /** Receives the child's stderr lines (default: kept for the error message only). */
  onStderr?: (line: string) => void;
}

/** The documented default app of the sandbox (obvious fakes). */
export interface SandboxAppIdentity {
  clientId: string;
  clientSecret: string;
  applicationId: string;
}

/** The documented demo seller, authorised for the default app. */
export interface SandboxDemoSeller {
  sellingPartnerId: string;
  region: 'NA';
  marketplaceIds: string[];
  refreshToken: string;
}

/** A running sandbox process. */
export interface SandboxHandle {
  /** Base URL of every SP-API path (use it as the regional endpoint), the consent page and the admin API. */
  baseUrl: string;
  /** Login with Amazon token endpoint (`${baseUrl}/auth/o2/token`). */
  lwaTokenUrl: string;
  /** Consent page (`${baseUrl}/apps/authorize/consent`). */
  consentUrl: string;
  app: SandboxAppIdentity;
  demoSeller: SandboxDemoSeller;
  /** Typed admin API client. */
  admin: SandboxAdminClient;
  /** Process id of the sandbox (e.g. for memory measurements in benchmarks). */
  pid: number;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s). Safe to call twice. */
  stop(): Promise<void>;
}

/** The documented defaults; kept here (not imported from the app) because libs talk to apps over HTTP. */
export const SANDBOX_DEFAULTS = {
  app: { clientId: 'amzn1.application-oa2-client.sandboxdemo', clientSecret: 'sandbox-demo-client-secret', applicationId: 'amzn1.sp.solution.sandboxdemo' },
  demoSeller: {
    sellingPartnerId: 'A1DEMOSELLER00',
    region: 'NA' as const,
    marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
    refreshToken: 'Atzr|demo-seller-1',
  },
};

function envOf(options: StartSandboxOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(options.port ?? 0), SANDBOX_HOST: '127.0.0.1' };
  const set = (name: string, value: number | string | undefined) => {
    if (value !== undefined) env[name] = String(value);
  };
  set('SANDBOX_TOKEN_TTL_SECONDS', options.tokenTtlSeconds);
  set('SANDBOX_SEED', options.seed);
  set('SANDBOX_DEMO_LISTINGS', options.demoListingCount);
  set('SANDBOX_DEMO_ORDERS', options.demoOrderCount);
  set('SANDBOX_QUEUE_MS', options.queueMs);
  set('SANDBOX_PROCESSING_MS', options.processingMs);
  return env;
}

function waitForAddress(child: ChildProcess, timeoutMs: number, stderr: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => fail(`no address announced within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new SandboxHarnessError(SandboxHarnessErrorCode.StartFailed, `sp-api-sandbox did not start: ${why}\n${stderr.join('\n')}`));
    };
    child.once('exit', (code, signal) => fail(`process exited (code ${code ?? 'none'}, signal ${signal ?? 'none'})`));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (const line of buffer.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const msg = JSON.parse(line) as { msg?: string; baseUrl?: string };
          if (msg.msg === 'sp-api-sandbox listening' && msg.baseUrl) {
            clearTimeout(timer);
            resolve(msg.baseUrl);
            return;
          }
        } catch {
          // a partial line: wait for the rest
        }
      }
    });
  });
}

async function waitHealthy(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/_sandbox/health`)).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new SandboxHarnessError(SandboxHarnessErrorCode.NotHealthy, `${baseUrl}/_sandbox/health did not answer 200 within ${timeoutMs} ms`);
}

/**
 * Starts the SP-API sandbox (`apps/sp-api-sandbox`) as a child process on a free port and waits
 * until `/_sandbox/health` answers. Use it wherever a test needs "Amazon": SP-API client
 * integration tests, service tests, end-to-end flows. Always `stop()` it (e.g. in `afterAll`).
 *
 * @example
 * const sandbox = await startSandbox({ tokenTtlSeconds: 60 });
 * const client = createSpApiClient({ endpoint: sandbox.baseUrl, lwaTokenUrl: sandbox.lwaTokenUrl,
 *   clientId: sandbox.app.clientId, clientSecret: sandbox.app.clientSecret, refreshToken: sandbox.demoSeller.refreshToken });
 * afterAll(() => sandbox.stop());
 */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<SandboxHandle> {
  // Generous: under swc-node the sandbox compiles on start, which takes long on a busy 2-core machine.
  const timeoutMs = options.startTimeoutMs ?? 180_000;
  const stderr: string[] = [];
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'tools', 'run-ts.js'), path.join(REPO_ROOT, 'apps', 'sp-api-sandbox', 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env: envOf(options),
    // Its own process group (stopped as a group), and an IPC channel: the sandbox exits when the
    // channel closes, so it never outlives this process however this process ends (even SIGKILL).
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  recordChildProcess(child.pid, 'sp-api-sandbox');
  child.once('exit', () => forgetChildProcess(child.pid));
  // Neither the channel nor the group may keep a test process alive on their own.
  child.channel?.unref();
  child.unref();
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      stderr.push(line);
      if (stderr.length > 50) stderr.shift();
      options.onStderr?.(line);
    }
  });
  // Never leave the sandbox behind if the test process ends without calling stop().
  const killOnExit = () => signalProcessGroup(child.pid, 'SIGKILL');
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((resolve) => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => signalProcessGroup(child.pid, 'SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      signalProcessGroup(child.pid, 'SIGTERM');
    });
    return stopped;
  };

  try {
    const baseUrl = await waitForAddress(child, timeoutMs, stderr);
    await waitHealthy(baseUrl, timeoutMs);
    return {
      baseUrl,
      lwaTokenUrl: `${baseUrl}/auth/o2/token`,
      consentUrl: `${baseUrl}/apps/authorize/consent`,
      app: { ...SANDBOX_DEFAULTS.app },
      demoSeller: { ...SANDBOX_DEFAULTS.demoSeller, marketplaceIds: [...SANDBOX_DEFAULTS.demoSeller.marketplaceIds] },
      admin: new SandboxAdminClient(baseUrl),
      pid: child.pid as number,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
