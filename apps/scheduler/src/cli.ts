import 'reflect-metadata';
import { jobOperationSchema, SYSTEM_RUN, SYSTEM_RUN_OPERATIONS, type JobOperation } from '@amazon-channel/contracts';
import { createServiceDataSource } from '@amazon-channel/platform-persistence';
import { parseArgs } from 'node:util';
import { backoffDelay, sleep } from '@amazon-channel/platform-messaging';
import { loadMigrationConfig, loadTickConfig } from './config/scheduler.config';
import { JobRunsRepository } from './job-runs/job-runs.repository';
import { SCHEDULER_SERVICE } from './service';
import { runTick } from './tick/tick';
import { TickRepository } from './tick/tick.repository';

const USAGE = [
  'usage: cli tick   (request every due run of every schedule; the CronJob runs it every minute)',
  '       cli run <operation> --tenant <tenantId> --connection <connectionId> [--settings <json>]',
  `       cli run <${SYSTEM_RUN_OPERATIONS.join('|')}> --all [--settings <json>]   (every tenant and connection)`,
].join('\n');

/**
 * The scheduler's command line, for Kubernetes CronJobs: `tick` requests every due run of every
 * schedule (the tick CronJob, every minute); `run` requests a job run exactly as the
 * HTTP API does (job run + JobRequested in one transaction); the running scheduler's relay publishes it.
 * `--all` requests the system run of an operation that spans every tenant and connection (PII
 * retention): only this command line can, the HTTP API refuses its connection id.
 */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { tenant: { type: 'string' }, connection: { type: 'string' }, all: { type: 'boolean' }, settings: { type: 'string' } },
  });
  const [command, operation] = positionals;
  if (command === 'tick' && positionals.length === 1) return tick();
  const parsedOperation = jobOperationSchema.safeParse(operation);
  const target = targetOf(values, parsedOperation.success ? parsedOperation.data : undefined);
  if (command !== 'run' || !parsedOperation.success || !target) {
    process.stderr.write(`${USAGE}\noperations: ${jobOperationSchema.options.join(', ')}\n`);
    return 2;
  }
  const dataSource = createServiceDataSource({ url: loadMigrationConfig().DATABASE_URL, ...SCHEDULER_SERVICE });
  await dataSource.initialize();
  try {
    const { run, created } = await new JobRunsRepository(dataSource).request(target.tenantId, {
      operation: parsedOperation.data,
      connectionId: target.connectionId,
      trigger: 'CRONJOB',
      settings: values.settings ? (JSON.parse(values.settings) as Record<string, unknown>) : {},
    });
    process.stdout.write(`${created ? 'requested' : 'already open'}: ${run.operation} ${run.id} (${run.status})\n`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

/**
 * One tick, as the in-process ticker runs it. Connecting and each step are retried with bounded
 * backoff, so a tick started while the database restarts still does its work; when the retries are
 * spent it exits 1 and the CronJob's run shows failed.
 */
async function tick(): Promise<number> {
  const config = loadTickConfig();
  const dataSource = createServiceDataSource({ url: config.DATABASE_URL, ...SCHEDULER_SERVICE });
  const warn = (step: string, attempt: number, error: unknown) =>
    process.stderr.write(`tick: ${step} failed (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}\n`);
  for (let attempt = 1; !dataSource.isInitialized; attempt++) {
    try {
      await dataSource.initialize();
    } catch (error) {
      if (attempt >= 8) throw error;
      warn('connect', attempt, error);
      await sleep(backoffDelay(attempt, { initialMs: 500, maxMs: 15_000 }));
    }
  }
  try {
    const outcome = await runTick(new TickRepository(dataSource), config, { onRetry: warn });
    process.stdout.write(
      `tick: requested ${outcome.requested}, skipped ${outcome.skipped}, seeded ${outcome.seeded}, not started ${outcome.notStarted}, expired ${outcome.expired}\n`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

/** Whose run the arguments ask for: one tenant's connection, or (`--all`) the system run; null when they do not say. */
function targetOf(
  values: { tenant?: string; connection?: string; all?: boolean },
  operation: JobOperation | undefined,
): { tenantId: string; connectionId: string } | null {
  if (values.all) {
    const spansAll = operation !== undefined && SYSTEM_RUN_OPERATIONS.includes(operation);
    return spansAll && !values.tenant && !values.connection ? SYSTEM_RUN : null;
  }
  if (!values.tenant || !values.connection || values.connection === SYSTEM_RUN.connectionId) return null;
  return { tenantId: values.tenant, connectionId: values.connection };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`scheduler cli failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
