import { createEnvelope, deadLetterTopic, JobProgressedV1, JobStartedV1, type Envelope } from '@amazon-channel/contracts';
import { PLATFORM_ENTITIES, SnakeNamingStrategy } from '@amazon-channel/platform-persistence';
import { createTestDatabase, type TestDatabase } from '@amazon-channel/testing';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { EventBusServer } from './event-bus.server';
import { InProcessTransport } from './in-process.transport';
import { InboxTransaction, OncePerEvent } from './once-per-event';

const SCHEMA = 'once_per_event';
const GROUP = 'bus-test';

/** What the test consumer does: records each applied event in a table, failing first where told to. */
const behaviour = { failFirstAttemptOf: new Set<string>(), attempts: new Map<string, number>(), progressed: [] as string[] };

@Controller()
class RecordingConsumer {
  @OncePerEvent(JobStartedV1)
  async onStarted(@Payload() event: Envelope<JobStartedV1>, @InboxTransaction() tx: EntityManager): Promise<void> {
    const attempt = (behaviour.attempts.get(event.id) ?? 0) + 1;
    behaviour.attempts.set(event.id, attempt);
    await tx.query(`INSERT INTO ${SCHEMA}.effects (event_id, job_run_id) VALUES ($1, $2)`, [event.id, event.data.jobRunId]);
    // Fails after writing: the write and the inbox row must both roll back.
    if (attempt === 1 && behaviour.failFirstAttemptOf.has(event.id)) throw new Error('transient failure after writing');
  }

  // A plain handler beside it: no inbox, no transaction.
  @EventPattern(JobProgressedV1.topic)
  onProgressed(@Payload() event: Envelope<JobProgressedV1>): void {
    behaviour.progressed.push(event.id);
  }
}

@Module({ controllers: [RecordingConsumer] })
class BusTestModule {}

describe('@OncePerEvent: the inbox in the event bus', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let transport: InProcessTransport;
  let app: INestMicroservice;

  const started = (id = uuidv7()) =>
    createEnvelope(
      JobStartedV1,
      { jobRunId: uuidv7(), operation: 'get-orders', connectionId: 'conn-1', startedAt: new Date().toISOString() },
      { id, producer: 'test', tenantId: 't1', correlationId: uuidv7() },
    );
  const publish = (envelope: Envelope, topic = JobStartedV1.topic) => transport.publish([{ topic, key: 'conn-1', value: JSON.stringify(envelope) }]);
  const effects = async (eventId: string): Promise<number> =>
    Number((await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.effects WHERE event_id = $1`, [eventId]))[0].n);
  const inboxRows = async (eventId: string): Promise<Array<{ consumer_group: string; topic: string }>> =>
    dataSource.query(`SELECT consumer_group, topic FROM ${SCHEMA}.inbox_messages WHERE event_id = $1`, [eventId]);

  beforeAll(async () => {
    database = await createTestDatabase('once_per_event');
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      schema: SCHEMA,
      entities: PLATFORM_ENTITIES,
      namingStrategy: new SnakeNamingStrategy(),
    });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA ${SCHEMA}`);
    await dataSource.synchronize();
    await dataSource.query(`CREATE TABLE ${SCHEMA}.effects (event_id text NOT NULL, job_run_id text NOT NULL)`);
    transport = new InProcessTransport();
    app = await NestFactory.createMicroservice(BusTestModule, {
      strategy: new EventBusServer({
        group: `prefix-${GROUP}`,
        transport,
        maxAttempts: 3,
        backoff: { initialMs: 5, maxMs: 20 },
        inbox: { group: GROUP, dataSource },
      }),
      logger: false,
    });
    await app.listen();
  });

  afterAll(async () => {
    await app?.close();
    await transport?.close();
    await dataSource?.destroy();
    await database?.drop();
  });

  it('applies an event delivered twice once, recording it in the inbox under the service group', async () => {
    const event = started();
    await publish(event);
    await publish(event);
    await transport.caughtUp(`prefix-${GROUP}`);
    expect(await effects(event.id)).toBe(1);
    expect(behaviour.attempts.get(event.id)).toBe(1);
    expect(await inboxRows(event.id)).toEqual([{ consumer_group: GROUP, topic: JobStartedV1.topic }]);
  });

  it("rolls back the handler's writes and the inbox row together when the handler fails, then applies the retry once", async () => {
    const event = started();
    behaviour.failFirstAttemptOf.add(event.id);
    await publish(event);
    await transport.caughtUp(`prefix-${GROUP}`);
    // Two attempts: the first wrote a row and failed (rolled back with its inbox row), the second applied.
    expect(behaviour.attempts.get(event.id)).toBe(2);
    expect(await effects(event.id)).toBe(1);
    expect(await inboxRows(event.id)).toHaveLength(1);
    expect(transport.messages(deadLetterTopic(JobStartedV1.topic))).toHaveLength(0);
  });

  it('leaves plain @EventPattern handlers outside the inbox', async () => {
    const event = createEnvelope(
      JobProgressedV1,
      { jobRunId: uuidv7(), phase: 'rows-applied', done: 1, total: null },
      { producer: 'test', tenantId: 't1', correlationId: uuidv7() },
    );
    await publish(event, JobProgressedV1.topic);
    await transport.caughtUp(`prefix-${GROUP}`);
    expect(behaviour.progressed).toContain(event.id);
    expect(await inboxRows(event.id)).toEqual([]);
  });
});
