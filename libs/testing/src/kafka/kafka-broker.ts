import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, copyFileSync, openSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { freePorts } from '../ports';
import { ensureKafkaJars, kafkaDistribution } from './kafka-distribution';
import { KafkaHarnessError, KafkaHarnessErrorCode } from './kafka-harness.error';
import { renderKafkaServerProperties } from './kafka-server-properties';
import type { KafkaPropertyValue } from './kafka-server-properties';

/**
 * Options of {@link startKafkaBroker}.
 */
export interface StartKafkaBrokerOptions {
  /**
   * Folder for the broker's log file, kept after the broker stops (CI keeps it as an artefact).
   * Default: the broker's temporary folder, removed by `stop()` unless the start failed.
   */
  readonly logDir?: string;
  /** How long the broker may take to accept clients, from the storage format on. Default 60 000 ms. */
  readonly startTimeoutMs?: number;
  /** Extra or replacing server.properties settings, e.g. `{ 'auto.create.topics.enable': false }`. */
  readonly serverProperties?: Readonly<Record<string, KafkaPropertyValue>>;
  /** Receives one line per step (fetching jars, formatting, started); silent by default. */
  readonly log?: (line: string) => void;
}

/**
 * A running harness broker.
 */
export interface KafkaBrokerHandle {
  /** Bootstrap servers for clients, e.g. `127.0.0.1:40123` (the form `KAFKA_BROKERS` takes). */
  readonly brokers: string;
  /** Apache Kafka version that runs. */
  readonly version: string;
  /** The broker's log (log4j output, JVM errors and the storage formatter's output). */
  readonly logFile: string;
  /** Milliseconds from the storage format to the first accepted admin request. */
  readonly startupMs: number;
  /** Stops the broker (SIGTERM, then SIGKILL after 15 s) and removes its data. Safe to call twice. */
  stop(): Promise<void>;
}

const DEFAULT_START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;
const LOG_TAIL_LINES = 80;
/** A port taken between freePorts() and the broker's bind is retried on fresh ports this often. */
const BIND_ATTEMPTS = 3;

// Console appender: the process's stdout and stderr go to the log file, so log4j lines and any JVM
// crash message end up in one file, in order.
const LOG4J2_PROPERTIES = `status = warn
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = out
logger.request.name = kafka.request.logger
logger.request.level = WARN
`;

// The storage formatter would print every broker setting at INFO; its warnings and result are enough.
const FORMAT_LOG4J2_PROPERTIES = LOG4J2_PROPERTIES.replace('rootLogger.level = INFO', 'rootLogger.level = WARN');

// Runs the broker in place of the shell (exec keeps the pid) next to a watchdog that holds the read
// end of a pipe from the harness: if the harness process dies in any way, even SIGKILL, the pipe
// closes and the watchdog stops the broker and, once it is gone, removes its folder, so no orphaned
// JVM or data outlives a test run. (The explicit `<&0` matters: bash gives background jobs /dev/null
// as stdin otherwise.)
const WATCHDOG_SCRIPT = `{
  cat >/dev/null
  kill -TERM $$ 2>/dev/null
  while kill -0 $$ 2>/dev/null; do sleep 0.2; done
  rm -rf "$KAFKA_HARNESS_WORK_DIR"
} <&0 &
exec "$@" </dev/null`;

let brokerCount = 0;

/**
 * Starts a single-node KRaft Apache Kafka broker (broker and controller in one JVM) on free ports,
 * from the official jars that tools/kafka/fetch.sh caches, and resolves once it accepts a kafkajs
 * admin connection and its group coordinator answers.
 *
 * Why: integration tests must run against the real broker without Docker. If the broker does not come
 * up within the timeout the promise rejects with a {@link KafkaHarnessError} whose message ends with
 * the tail of the broker's log: the run fails loudly instead of skipping.
 *
 * The broker is also killed when the Node process exits without calling `stop()`.
 *
 * @example
 * const broker = await startKafkaBroker();
 * const kafka = new Kafka({ brokers: broker.brokers.split(',') });
 * // ...
 * await broker.stop();
 */
export async function startKafkaBroker(options: StartKafkaBrokerOptions = {}): Promise<KafkaBrokerHandle> {
  const log = options.log ?? (() => undefined);
  const distribution = kafkaDistribution();
  log(`fetching Apache Kafka ${distribution.version} jars (skipped when cached)`);
  const libsDir = await ensureKafkaJars(distribution);

  brokerCount += 1;
  const workDir = await mkdtemp(path.join(tmpdir(), 'kafka-harness-'));
  const logDir = options.logDir ?? workDir;
  await mkdir(logDir, { recursive: true });
  const logFile = path.join(logDir, `kafka-broker-${process.pid}-${brokerCount}.log`);
  const log4jFile = path.join(workDir, 'log4j2.properties');
  await writeFile(log4jFile, LOG4J2_PROPERTIES);
  const formatLog4jFile = path.join(workDir, 'log4j2-format.properties');
  await writeFile(formatLog4jFile, FORMAT_LOG4J2_PROPERTIES);

  const java = javaExecutable();
  const classPath = `${libsDir}${path.sep}*`;
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const startedAt = Date.now();

  for (let attempt = 1; ; attempt += 1) {
    const [brokerPort, controllerPort] = await freePorts(2);
    const host = '127.0.0.1';
    const dataDir = path.join(workDir, `data-${attempt}`);
    const propertiesFile = path.join(workDir, `server-${attempt}.properties`);
    await writeFile(propertiesFile, renderKafkaServerProperties({ host, brokerPort, controllerPort, dataDir, overrides: options.serverProperties }));

    log(`formatting KRaft storage in ${dataDir}`);
    try {
      await formatStorage(java, classPath, formatLog4jFile, propertiesFile, logFile, startedAt + timeoutMs - Date.now());
    } catch (error) {
      await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
      throw error;
    }

    const brokers = `${host}:${brokerPort}`;
    const child = spawnBroker(java, classPath, log4jFile, propertiesFile, logFile, workDir);
    const killOnExit = (): void => {
      signalGroup(child, 'SIGKILL');
      rmSync(workDir, { recursive: true, force: true });
    };
    process.once('exit', killOnExit);

    const outcome = await waitUntilReady(child, brokers, startedAt + timeoutMs);
    if (outcome === 'ready') {
      const startupMs = Date.now() - startedAt;
      log(`Apache Kafka ${distribution.version} broker accepts clients at ${brokers} after ${startupMs} ms`);
      let stopping: Promise<void> | undefined;
      return {
        brokers,
        version: distribution.version,
        logFile,
        startupMs,
        stop: () => {
          stopping ??= stopBroker(child).then(async () => {
            process.removeListener('exit', killOnExit);
            await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
          });
          return stopping;
        },
      };
    }

    await stopBroker(child);
    process.removeListener('exit', killOnExit);
    const tail = logTail(logFile);
    if (outcome === 'exited' && /Address already in use|BindException/.test(tail) && attempt < BIND_ATTEMPTS) {
      log(`port ${brokerPort} or ${controllerPort} was taken before the broker bound it; retrying`);
      continue;
    }
    const keptLog = options.logDir ? logFile : preserveLog(logFile);
    await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
    throw outcome === 'exited'
      ? new KafkaHarnessError(
          KafkaHarnessErrorCode.BrokerExited,
          `Apache Kafka ${distribution.version} broker exited before accepting clients. Log: ${keptLog}\n${tail}`,
        )
      : new KafkaHarnessError(
          KafkaHarnessErrorCode.StartTimeout,
          `Apache Kafka ${distribution.version} broker did not accept clients at ${brokers} within ${timeoutMs} ms. Log: ${keptLog}\n${tail}`,
        );
  }
}

function javaExecutable(): string {
  const javaHome = process.env['JAVA_HOME']?.trim();
  return javaHome ? path.join(javaHome, 'bin', 'java') : 'java';
}

/** JVM flags for a broker that shares 2 cores with the tests. */
function brokerJvmFlags(log4jFile: string): string[] {
  return ['-Xms256m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:+ExitOnOutOfMemoryError', '-Djava.awt.headless=true', `-Dlog4j2.configurationFile=${log4jFile}`];
}

/** The least time the storage formatter is given (see formatStorage). */
const FORMAT_MIN_TIMEOUT_MS = 60_000;

/** KRaft needs its storage formatted with a cluster id before the first start. */
async function formatStorage(java: string, classPath: string, log4jFile: string, propertiesFile: string, logFile: string, timeoutMs: number): Promise<void> {
  const args = [
    '-Xmx128m',
    '-XX:+UseSerialGC',
    // A short-lived tool: the quick C1 compiler starts it faster.
    '-XX:TieredStopAtLevel=1',
    `-Dlog4j2.configurationFile=${log4jFile}`,
    '-cp',
    classPath,
    'kafka.tools.StorageTool',
    'format',
    '--cluster-id',
    clusterId(),
    '--config',
    propertiesFile,
  ];
  await new Promise<void>((resolve, reject) => {
    // The formatter gets at least a minute whatever remains of the start budget: on a loaded 2-core machine a JVM
    // start alone can pass 5 s, and a slow format is not the broker failing to come up.
    execFile(java, args, { maxBuffer: 4 * 1024 * 1024, timeout: Math.max(timeoutMs, FORMAT_MIN_TIMEOUT_MS) }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      try {
        appendFileSync(logFile, `[harness] kafka.tools.StorageTool format\n${output}`);
      } catch {
        // The log is a courtesy here; the error below carries the output anyway.
      }
      if (!error) {
        resolve();
        return;
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(
          new KafkaHarnessError(
            KafkaHarnessErrorCode.JavaNotFound,
            `'${java}' not found: the harness Kafka broker needs Java 17 or newer (set JAVA_HOME or put java on PATH)`,
            { cause: error },
          ),
        );
        return;
      }
      reject(
        new KafkaHarnessError(KafkaHarnessErrorCode.FormatFailed, `storage format failed: ${output.trim()}`, {
          cause: error,
        }),
      );
    });
  });
}

/**
 * A KRaft cluster id is 16 random bytes in URL-safe base64 without padding (Kafka's Uuid); one that
 * starts with '-' would be read as a command-line option, so Kafka's own generator skips those too.
 */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function spawnBroker(java: string, classPath: string, log4jFile: string, propertiesFile: string, logFile: string, workDir: string): ChildProcess {
  const out = openSync(logFile, 'a');
  try {
    const child = spawn(
      'bash',
      ['-c', WATCHDOG_SCRIPT, 'kafka-broker', java, ...brokerJvmFlags(log4jFile), '-cp', classPath, 'kafka.Kafka', propertiesFile],
      // Its own process group, so stop() reaches the JVM and the watchdog with one signal.
      { stdio: ['pipe', out, out], detached: true, env: { ...process.env, KAFKA_HARNESS_WORK_DIR: workDir } },
    );
    // Neither the broker nor its pipe may keep a test process alive; the exit hook and the watchdog
    // stop the broker when this process ends.
    child.unref();
    child.stdin?.on('error', () => undefined);
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return child;
  } finally {
    closeSync(out);
  }
}

type ReadyOutcome = 'ready' | 'exited' | 'timeout';

async function waitUntilReady(child: ChildProcess, brokers: string, deadline: number): Promise<ReadyOutcome> {
  let exited = child.exitCode !== null || child.signalCode !== null;
  const onExit = (): void => {
    exited = true;
  };
  child.once('exit', onExit);
  const kafka = new Kafka({
    clientId: 'kafka-harness-readiness',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  });
  try {
    while (!exited && Date.now() < deadline) {
      if (await acceptsAdminRequests(kafka)) return 'ready';
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return exited ? 'exited' : 'timeout';
  } finally {
    child.removeListener('exit', onExit);
  }
}

/**
 * Ready means a client can connect and the group coordinator answers: asking for a group's coordinator
 * makes the broker create `__consumer_offsets`, which the first consumer group would otherwise wait for.
 */
async function acceptsAdminRequests(kafka: Kafka): Promise<boolean> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    await admin.describeGroups(['kafka-harness-readiness']);
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopBroker(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_GRACE_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
    child.stdin?.destroy();
  }
}

/** The last lines of the broker's log, for error messages. */
function logTail(logFile: string, lines = LOG_TAIL_LINES): string {
  try {
    const all = readFileSync(logFile, 'utf8').trimEnd().split('\n');
    return `--- last ${Math.min(lines, all.length)} lines of the broker log ---\n${all.slice(-lines).join('\n')}`;
  } catch (error) {
    return `(no broker log at ${logFile}: ${(error as Error).message})`;
  }
}

/** Copies a failed broker's log out of its temporary folder so it survives for inspection. */
function preserveLog(logFile: string): string {
  const kept = path.join(tmpdir(), `${path.basename(logFile, '.log')}-failed-${Date.now()}.log`);
  try {
    copyFileSync(logFile, kept);
    return kept;
  } catch {
    return logFile;
  }
}
