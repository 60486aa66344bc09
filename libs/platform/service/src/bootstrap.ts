import { EventBusServer, RethrowRpcErrorsFilter } from '@amazon-channel/platform-messaging';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { PlatformRuntime } from './platform-runtime';
import type { PlatformConfig } from './platform.config';
import { SERVICE_DEFINITION, type ServiceDefinition } from './service-definition';

/** A started service and a way to stop it. */
export interface RunningService {
  app: INestApplication;
  url: string;
  /** Resolves when database, bus and consumers are up. */
  connected: Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a service: HTTP first (health, metrics, OpenAPI at `/docs`), then database and bus in the
 * background with retries, then consumers (role `consumer`) and the outbox relay (role `worker`).
 */
export async function bootstrapService(appModule: Type<unknown> | DynamicModule, config: PlatformConfig): Promise<RunningService> {
  const app = await NestFactory.create(appModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const service = app.get<ServiceDefinition>(SERVICE_DEFINITION);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(service.title).setDescription(service.description).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document);
  const runtime = app.get(PlatformRuntime);
  // Registered before the app initialises (global filters cannot be added later); consumers only
  // start listening once the database and the bus are connected.
  const microservice = app.connectMicroservice(
    {
      strategy: new EventBusServer({
        group: `${config.CONSUMER_GROUP_PREFIX}${service.name}`,
        transport: runtime.transport,
        maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
        backoff: { initialMs: config.CONSUMER_BACKOFF_MS, maxMs: config.CONSUMER_BACKOFF_MAX_MS },
        log: (level, message, extra) => app.get(Logger)[level](`${message} ${JSON.stringify(extra)}`),
      }),
    },
    { inheritAppConfig: false, deferInitialization: true },
  );
  microservice.useGlobalFilters(new RethrowRpcErrorsFilter());
  // The application runs the lifecycle hooks; the deferred microservice must not run them again.
  (microservice as unknown as { setIsInitHookCalled(value: boolean): void }).setIsInitHookCalled(true);
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address() as { port: number };
  const connected = runtime.connect(async () => {
    await app.startAllMicroservices();
  });
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    connected,
    close: () => app.close(),
  };
}
