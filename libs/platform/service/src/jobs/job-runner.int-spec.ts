import { JobCompletedV1, JobStartedV1 } from '@amazon-channel/contracts';
import { PLATFORM_ENTITIES, SnakeNamingStrategy } from '@amazon-channel/platform-persistence';
import { createTestDatabase, type TestDatabase } from '@amazon-channel/testing';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { PlatformConfig } from '../platform.config';
import type { PlatformRuntime } from '../platform-runtime';
import type { ServiceDefinition } from '../service-definition';
import type { JobContext, JobHandler, JobResult } from './job-handler';
import { JobEntity } from './job.entity';
import { JobRunner, jobHeartbeatMs } from './job-runner';
import { JobsRepository, writeJobCheckpoint } from './jobs.repository';

const SERVICE = { name: 'runner-test', schema: 'runner_test' } as ServiceDefinition;
const CONFIG = { APP_ROLES: ['worker'], JOBS_CONCURRENCY: 2, JOBS_POLL_MS: 50, JOBS_STALE_AFTER_SECONDS: 60 } as unknown as PlatformConfig;
const RUNTIME = { status: { database: true } } as PlatformRuntime;

/** A job handler that imports "rows" in batches of 10, checkpointing after each. */
class CountingHandler implements JobHandler {
  readonly operation = 'import-listings' as const;
  readonly seenCursors: Array<unknown> = [];
  failWith?: string;
  stopAfterBatches?: number;
  /** Runs for this connection wait here before their first batch (a long, live job). */
  hold?: { connectionId: string; until: Promise<void> };

  async run(context: JobContext): Promise<JobResult> {
    const cursor = context.job.cursor as { row: number } | null;
    this.seenCursors.push(cursor);
    if (this.failWith) throw new Error(this.failWith);
    if (this.hold?.connectionId === context.job.connectionId) await this.hold.until;
    let batches = 0;
    for (let row = cursor?.row ?? 0; row < 50; row += 10) {
      await context.checkpoint({ step: 'rows-applied', cursor: { row: row + 10 }, counts: { rows: row + 10 }, done: row + 10, total: 50 });
      if (this.stopAfterBatches !== undefined && ++batches >= this.stopAfterBatches) throw new Error('worker died');
    }
    return { outcome: 'SUCCEEDED', counts: { rows: 50 }, summary: '50 rows' };
  }
}

describe('JobRunner', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const handler = new CountingHandler();
  let runner: JobRunner;

  const queue = async (connectionId: string) => {
    const id = uuidv7();
    await dataSource
      .getRepository(JobEntity)
      .insert({ id, tenantId: 't1', connectionId, operation: 'import-listings', trigger: 'API', settings: {}, requestedAt: new Date() });
    return id;
  };
  const job = (id: string) => dataSource.getRepository(JobEntity).findOneByOrFail({ id });
  const events = (jobRunId: string) =>
    dataSource.query(`SELECT topic FROM runner_test.outbox_events WHERE payload->'data'->>'jobRunId' = $1 ORDER BY sequence`, [jobRunId]);

  beforeAll(async () => {
    database = await createTestDatabase('job_runner');
    // A throwaway database: synchronize builds the platform tables without a service's migrations.
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      schema: SERVICE.schema,
      entities: [...PLATFORM_ENTITIES, JobEntity],
      synchronize: false,
      namingStrategy: new SnakeNamingStrategy(),
    });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA ${SERVICE.schema}`);
    await dataSource.synchronize();
    runner = new JobRunner(new JobsRepository(dataSource, SERVICE), RUNTIME, CONFIG, [handler]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  beforeEach(() => {
    handler.failWith = undefined;
    handler.stopAfterBatches = undefined;
    handler.seenCursors.length = 0;
    handler.hold = undefined;
  });

  it('runs a queued job to completion with JobStarted, progress and JobCompleted in the outbox', async () => {
    const id = await queue('conn-a');
    expect(await runner.runOnce()).toBe(id);
    const done = await job(id);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.counts).toEqual({ rows: 50 });
    expect(done.step).toBe('rows-applied');
    const topics = (await events(id)).map((e: { topic: string }) => e.topic);
    expect(topics[0]).toBe(JobStartedV1.topic);
    expect(topics).toContain('jobs.job.progressed.v1');
    expect(topics[topics.length - 1]).toBe(JobCompletedV1.topic);
  });

  it('ends a failing run FAILED with the reason a seller can read', async () => {
    handler.failWith = 'Amazon report ended FATAL: no listings';
    const id = await queue('conn-b');
    await runner.runOnce();
    const failed = await job(id);
    expect(failed.status).toBe('FAILED');
    expect(failed.failureReason).toBe('Amazon report ended FATAL: no listings');
  });

  it('never runs two jobs of one operation for one connection at once', async () => {
    const first = await queue('conn-c');
    await dataSource.getRepository(JobEntity).update({ id: first }, { status: 'RUNNING' });
    const second = await queue('conn-c');
    const other = await queue('conn-d');
    expect(await runner.runOnce()).toBe(other);
    expect((await job(second)).status).toBe('QUEUED');
    // Even written by hand, a second RUNNING row is refused by the database.
    await expect(dataSource.getRepository(JobEntity).update({ id: second }, { status: 'RUNNING' })).rejects.toThrow(/jobs_one_running_per_operation/);
    await dataSource.getRepository(JobEntity).update({ id: first }, { status: 'SUCCEEDED' });
    expect(await runner.runOnce()).toBe(second);
  });

  it('resumes a job whose worker died from its last checkpoint', async () => {
    const id = await queue('conn-e');
    handler.stopAfterBatches = 2;
    await runner.runOnce();
    // The failed attempt's record shows where it stopped; put it back as a dead worker would leave it.
    await dataSource.query(`UPDATE runner_test.jobs SET status = 'RUNNING', updated_at = now() - interval '5 minutes' WHERE id = $1`, [id]);
    handler.stopAfterBatches = undefined;
    handler.seenCursors.length = 0;
    await new JobsRepository(dataSource, SERVICE).requeueStale(['import-listings'], CONFIG.JOBS_STALE_AFTER_SECONDS);
    expect((await job(id)).status).toBe('QUEUED');
    await runner.runOnce();
    expect(handler.seenCursors).toEqual([{ row: 20 }]);
    expect((await job(id)).status).toBe('SUCCEEDED');
  });

  it("writeJobCheckpoint commits and rolls back with the caller's transaction", async () => {
    const id = await queue('conn-w');
    const running = await job(id);
    await dataSource.transaction((manager) =>
      writeJobCheckpoint(manager, running, { step: 'rows-applied', cursor: { row: 10 }, counts: { rows: 10 } }, { producer: SERVICE.name }),
    );
    expect(await job(id)).toMatchObject({ step: 'rows-applied', cursor: { row: 10 }, counts: { rows: 10 } });
    expect((await events(id)).map((e: { topic: string }) => e.topic)).toEqual(['jobs.job.progressed.v1']);

    const rolledBack = dataSource.transaction(async (manager) => {
      await writeJobCheckpoint(manager, running, { step: 'rows-applied', cursor: { row: 20 }, counts: { rows: 20 } }, { producer: SERVICE.name });
      throw new Error('the batch failed');
    });
    await expect(rolledBack).rejects.toThrow('the batch failed');
    expect(await job(id)).toMatchObject({ step: 'rows-applied', cursor: { row: 10 }, counts: { rows: 10 } });
    // No runner ran it: close it so the next tests' workers do not claim it.
    await dataSource.query(`UPDATE runner_test.jobs SET status = 'CANCELLED' WHERE id = $1`, [id]);
  });

  it('with JOBS_STALE_AFTER_SECONDS, requeues and resumes a job whose heartbeat stopped but leaves a live one running', async () => {
    const staleAfterSeconds = 3;
    const config = { ...CONFIG, JOBS_STALE_AFTER_SECONDS: staleAfterSeconds } as PlatformConfig;
    expect(jobHeartbeatMs(staleAfterSeconds)).toBe(1000);
    expect(jobHeartbeatMs(60)).toBe(10_000);

    // A live job, held by one worker for longer than the threshold: only its heartbeat keeps it.
    let release!: () => void;
    handler.hold = { connectionId: 'conn-live', until: new Promise<void>((resolve) => (release = resolve)) };
    const live = await queue('conn-live');
    const liveWorker = new JobRunner(new JobsRepository(dataSource, SERVICE), RUNTIME, config, [handler]);
    const liveStartedAt = Date.now();
    const liveRun = liveWorker.runOnce();
    await waitFor(async () => (await job(live)).status === 'RUNNING');

    // A job a crashed worker left RUNNING after two batches, its last heartbeat 10 s ago.
    const dead = await queue('conn-dead');
    await dataSource.query(
      `UPDATE runner_test.jobs SET status = 'RUNNING', started_at = now() - interval '1 minute', cursor = '{"row":20}', counts = '{"rows":20}', updated_at = now() - interval '10 seconds' WHERE id = $1`,
      [dead],
    );

    const otherWorker = new JobRunner(new JobsRepository(dataSource, SERVICE), RUNTIME, config, [handler]);
    otherWorker.onApplicationBootstrap();
    try {
      await waitFor(async () => (await job(dead)).status === 'SUCCEEDED');
      expect(handler.seenCursors).toContainEqual({ row: 20 });
      expect((await job(dead)).counts).toEqual({ rows: 50 });

      // Let the live job outlast the threshold by a second while the other worker keeps polling.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, liveStartedAt + (staleAfterSeconds + 1) * 1000 - Date.now())));
      expect((await job(live)).status).toBe('RUNNING');
      release();
      await liveRun;
    } finally {
      release();
      await otherWorker.onApplicationShutdown();
    }
    expect((await job(live)).status).toBe('SUCCEEDED');
    // Started once and never resumed: no second run of it saw a cursor.
    const liveStarts = (await events(live)).filter((e: { topic: string }) => e.topic === JobStartedV1.topic);
    expect(liveStarts).toHaveLength(1);
    expect(handler.seenCursors.filter((cursor) => cursor === null)).toHaveLength(1);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
