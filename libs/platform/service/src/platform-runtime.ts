import { backoffDelay, InProcessTransport, KafkaTransport, OutboxRelay, sleep, type MessageTransport } from '@amazon-channel/platform-messaging';
import { allTopics } from '@amazon-channel/contracts';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MESSAGE_TRANSPORT, PLATFORM_CONFIG, SERVICE_DEFINITION, type ServiceDefinition } from './service-definition';
import type { PlatformConfig } from './platform.config';

/** Creates the bus transport the configuration names; an unknown driver cannot get here (config fails first). */
export function createTransport(config: PlatformConfig, service: string, log: Logger): MessageTransport {
  switch (config.BUS_DRIVER) {
    case 'in-process':
      return InProcessTransport.shared();
    case 'kafka':
      return new KafkaTransport({
        brokers: config.KAFKA_BROKERS.split(','),
        clientId: config.KAFKA_CLIENT_ID ?? `amazon-channel-${service}`,
        requestTimeoutMs: config.KAFKA_REQUEST_TIMEOUT_MS,
        connectionTimeoutMs: config.KAFKA_CONNECTION_TIMEOUT_MS,
        topics: allTopics(),
        sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
        log: (level, message, extra) => log[level === 'info' ? 'log' : level](`${message} ${JSON.stringify(extra)}`),
      });
  }
}

/**
 * Connects the service's database and bus in the background with bounded backoff, so the HTTP
 * listener (health, metrics) is up from the first second and readiness tells the truth while a
 * dependency is missing. Starts the outbox relay (role `worker`) once both are there.
 */
@Injectable()
export class PlatformRuntime implements OnApplicationShutdown {
  private readonly log = new Logger('PlatformRuntime');
  private readonly stopping = new AbortController();
  readonly relay: OutboxRelay;
  private databaseUp = false;
  private busUp = false;
  private consumersUp = false;

  constructor(
    readonly dataSource: DataSource,
    @Inject(MESSAGE_TRANSPORT) readonly transport: MessageTransport,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(SERVICE_DEFINITION) private readonly service: ServiceDefinition,
  ) {
    this.relay = new OutboxRelay(dataSource, transport, {
      service: service.name,
      schema: service.schema,
      batchSize: config.OUTBOX_BATCH_SIZE,
      pollMs: config.OUTBOX_POLL_MS,
      backoff: { initialMs: 200, maxMs: 30000 },
      retainPublishedHours: config.OUTBOX_RETAIN_PUBLISHED_HOURS,
      log: (level, message, extra) => this.log[level === 'info' ? 'log' : level](`${message} ${JSON.stringify(extra)}`),
    });
  }

  /** Database and bus are connected, and consumers run when this replica has the role. */
  get ready(): boolean {
    return this.databaseUp && this.busUp && (this.consumersUp || !this.config.APP_ROLES.includes('consumer'));
  }

  get status(): { database: boolean; bus: boolean; consumers: boolean } {
    return { database: this.databaseUp, bus: this.busUp, consumers: this.consumersUp };
  }

  /**
   * Connects everything, then calls `startConsumers` (role `consumer`) and starts the relay
   * (role `worker`). Resolves when all is up; never gives up while the process lives.
   */
  async connect(startConsumers: () => Promise<void>): Promise<void> {
    await this.retry('database', async () => {
      if (!this.dataSource.isInitialized) await this.dataSource.initialize();
      await this.dataSource.query('SELECT 1');
      this.databaseUp = true;
    });
    await this.retry('bus', async () => {
      await this.transport.connect();
      this.busUp = true;
    });
    if (this.config.APP_ROLES.includes('consumer')) {
      await this.retry('consumers', async () => {
        await startConsumers();
        this.consumersUp = true;
      });
    }
    if (this.config.APP_ROLES.includes('worker')) this.relay.start();
    this.log.log(`${this.service.name} connected: database, ${this.transport.driver} bus, roles ${this.config.APP_ROLES.join(',')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.relay.stop();
    if (this.transport.driver === 'kafka') await this.transport.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  private async retry(what: string, step: () => Promise<void>): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      try {
        await step();
        return;
      } catch (error) {
        const delay = backoffDelay(attempt, { initialMs: 250, maxMs: 10000 });
        this.log.warn(`${what} not reachable (attempt ${attempt}), retrying in ${delay} ms: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(delay, this.stopping.signal);
      }
    }
  }
}
