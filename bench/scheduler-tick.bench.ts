/**
 * The scheduler's tick at scale: 10,000 schedules over 2,000 connections (five operations each),
 * some due and some not. Measures one tick's time, checks that the runs requested equal the due
 * schedules, then resets and runs 10 ticks in parallel (each its own pool, as 10 processes would)
 * and counts doubled runs. Not a test: it prints figures. Needs PostgreSQL (DATABASE_URL or the local default).
 *
 *   node tools/bench.js bench/scheduler-tick.bench.ts [connections=2000] [dueShare=0.6]
 */
import 'reflect-metadata';
import { createServiceDataSource, runServiceMigrations } from '@amazon-channel/platform-persistence';
import { createTestDatabase } from '@amazon-channel/testing';
import * as os from 'node:os';
import type { DataSource } from 'typeorm';
import { SCHEDULER_SERVICE } from '../apps/scheduler/src/service';
import { runTick } from '../apps/scheduler/src/tick/tick';
import { TickRepository } from '../apps/scheduler/src/tick/tick.repository';

const CONNECTIONS = Number(process.argv[2] ?? 2000);
const DUE_SHARE = Number(process.argv[3] ?? 0.6);
const OPERATIONS: Array<[string, string]> = [
  ['get-orders', 'PT15M'],
  ['sync-orders', 'PT15M'],
  ['sync-listings', 'PT30M'],
  ['link-listings', 'P1D'],
  ['publish-listings', 'PT1H'],
];
const CONFIG = { SCHEDULER_TICK_BATCH: 2000, SCHEDULER_NOT_STARTED_AFTER_MINUTES: 60, JOB_RUNS_RETENTION_DAYS: 90 };

async function seed(dataSource: DataSource, now: Date): Promise<number> {
  const ids = Array.from({ length: CONNECTIONS }, (_, i) => `bench-conn-${i}`);
  await dataSource.query(
    "INSERT INTO scheduler.connections (id, tenant_id, region, marketplace_id, status, revision) SELECT c, 'tenant-' || (ord % 50), 'NA', 'ATVPDKIKX0DER', 'ACTIVE', 1 FROM unnest($1::text[]) WITH ORDINALITY AS t(c, ord)",
    [ids],
  );
  // Defaults already seeded: the tick measures due runs, not first-time seeding.
  await dataSource.query('INSERT INTO scheduler.schedule_seeds (connection_id) SELECT unnest($1::text[])', [ids]);
  await dataSource.query(
    "INSERT INTO scheduler.schedules (id, tenant_id, connection_id, operation, interval, time_zone, enabled, system, anchor_at, next_due_at) VALUES (gen_random_uuid(), 'system', '*', 'pii-redaction', 'P1D', 'UTC', false, true, $1, $1)",
    [now],
  );
  await dataSource.query(
    `INSERT INTO scheduler.schedules (id, tenant_id, connection_id, operation, interval, time_zone, enabled, system, anchor_at, next_due_at)
     SELECT gen_random_uuid(), c.tenant_id, c.id, o.operation, o.interval, 'UTC', true, false, $1::timestamptz - interval '3 days',
            CASE WHEN random() < $2 THEN $1::timestamptz - (random() * interval '2 hours') ELSE $1::timestamptz + interval '1 minute' + (random() * interval '10 minutes') END
       FROM scheduler.connections c CROSS JOIN unnest($3::text[], $4::text[]) AS o(operation, interval)`,
    [now, DUE_SHARE, OPERATIONS.map((o) => o[0]), OPERATIONS.map((o) => o[1])],
  );
  await dataSource.query('ANALYZE scheduler.schedules');
  return Number((await dataSource.query('SELECT COUNT(*)::int AS n FROM scheduler.schedules WHERE enabled AND next_due_at <= $1', [now]))[0].n);
}

async function counts(dataSource: DataSource): Promise<{ runs: number; doubled: number; events: number }> {
  const [row] = await dataSource.query(
    `SELECT COUNT(*)::int AS runs, (COUNT(*) - COUNT(DISTINCT (schedule_id, slot_at)))::int AS doubled,
            (SELECT COUNT(*)::int FROM scheduler.outbox_events) AS events FROM scheduler.job_runs`,
  );
  return row;
}

async function main(): Promise<void> {
  const database = await createTestDatabase('bench_scheduler_tick');
  const dataSource = createServiceDataSource({ url: database.url, ...SCHEDULER_SERVICE });
  await runServiceMigrations(dataSource);
  const now = new Date();
  const due = await seed(dataSource, now);
  const snapshot = await dataSource.query('SELECT id, next_due_at FROM scheduler.schedules');

  const started = performance.now();
  const outcome = await runTick(new TickRepository(dataSource), CONFIG, { now });
  const oneTickMs = performance.now() - started;
  const single = await counts(dataSource);

  // Same state again, then ten ticks at once, each with its own pool (as ten CronJob pods would).
  await dataSource.query('TRUNCATE scheduler.job_runs, scheduler.outbox_events');
  await dataSource.query(
    'UPDATE scheduler.schedules s SET next_due_at = v.next_due_at, last_slot_at = NULL, last_run_id = NULL FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, next_due_at) WHERE s.id = v.id',
    [snapshot.map((r: { id: string }) => r.id), snapshot.map((r: { next_due_at: Date }) => r.next_due_at)],
  );
  const pools = await Promise.all(
    Array.from({ length: 10 }, async () => {
      const ds = createServiceDataSource({ url: database.url, ...SCHEDULER_SERVICE, poolSize: 2 });
      await ds.initialize();
      return ds;
    }),
  );
  const parallelStarted = performance.now();
  const outcomes = await Promise.all(pools.map((ds) => runTick(new TickRepository(ds), CONFIG, { now })));
  const parallelMs = performance.now() - parallelStarted;
  const parallel = await counts(dataSource);

  const [load1, load5] = os.loadavg();
  process.stdout.write(
    [
      `scheduler tick: ${CONNECTIONS * OPERATIONS.length} schedules over ${CONNECTIONS} connections, ${due} due`,
      `  one tick:        ${oneTickMs.toFixed(0)} ms, requested ${outcome.requested} (due ${due}), runs ${single.runs}, doubled ${single.doubled}, JobRequested ${single.events}`,
      `  10 ticks at once: ${parallelMs.toFixed(0)} ms wall, requested ${outcomes.reduce((n, o) => n + o.requested, 0)} (per tick ${outcomes.map((o) => o.requested).join('/')}), runs ${parallel.runs}, doubled ${parallel.doubled}, JobRequested ${parallel.events}`,
      `  machine: ${os.cpus().length} cores, load ${load1.toFixed(2)} / ${load5.toFixed(2)}`,
    ].join('\n') + '\n',
  );
  await Promise.all(pools.map((ds) => ds.destroy()));
  await dataSource.destroy();
  await database.drop();
  if (single.runs !== due || parallel.runs !== due || single.doubled || parallel.doubled) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
