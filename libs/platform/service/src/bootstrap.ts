import { EventBusServer, RethrowRpcErrorsFilter } from '@amazon-channel/platform-messaging';
import { runAsService } from '@amazon-channel/platform-observability';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { ApplicationConfig, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { bodyParserErrors } from './http/body-parser-errors';
import { PlatformExceptionFilter } from './http/platform-exception.filter';
import { setupOpenApi } from './http/openapi';
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
 * Starts a service: HTTP first (health, metrics, OpenAPI at `/docs`, its JSON at `/docs-json`), then
 * database and bus in the background with retries, then consumers (role `consumer`) and the outbox
 * relay (role `worker`). Every HTTP error leaves as a coded body `{ code, message, details }`.
 */
export function bootstrapService(appModule: Type<unknown> | DynamicModule, config: PlatformConfig): Promise<RunningService> {
  // Everything the service starts (HTTP server, consumers, job loop, timers) inherits its name:
  // logs and metrics stay its own when services share a process (npm start).
  const name = serviceNameOf(appModule);
  return name ? runAsService(name, () => startService(appModule, config)) : startService(appModule, config);
}

/** The name in the ServiceDefinition given to `PlatformModule.forService` somewhere in the module tree. */
function serviceNameOf(module: unknown, seen = new Set<unknown>()): string | undefined {
  if (!module || typeof module !== 'object' || seen.has(module)) return undefined;
  seen.add(module);
  const dynamic = module as DynamicModule;
  for (const provider of dynamic.providers ?? []) {
    const p = provider as { provide?: unknown; useValue?: ServiceDefinition };
    if (p.provide === SERVICE_DEFINITION && p.useValue?.name) return p.useValue.name;
  }
  for (const imported of dynamic.imports ?? []) {
    const found = serviceNameOf(imported, seen);
    if (found) return found;
  }
  return undefined;
}

async function startService(appModule: Type<unknown> | DynamicModule, config: PlatformConfig): Promise<RunningService> {
  const app = await NestFactory.create<NestExpressApplication>(appModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const service = app.get<ServiceDefinition>(SERVICE_DEFINITION);
  // The parsers Nest would add at init, registered here so that the error mapper right behind them
  // sees their errors first (Nest turns a JSON SyntaxError into an anonymous BadRequestException).
  // 16 MB: listings' bulk platform-listings route takes 10,000 rows (≈ 3–5 MB of JSON).
  app.useBodyParser('json', { limit: '16mb' });
  app.useBodyParser('urlencoded', { extended: true });
  app.use(bodyParserErrors);
  // Nest asks global filters last-registered first, and the modules' APP_FILTERs were registered
  // during create: the catch-all goes to the front of the list so that it is asked last, after
  // every module's own filter (AuthErrorFilter, OrdersErrorFilter, controller-scoped ones).
  app.get(ApplicationConfig).getGlobalFilters().unshift(new PlatformExceptionFilter());
  setupOpenApi(app, service);
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
        // The inbox group is the service itself (not the bus group): @OncePerEvent handlers apply an event once per service.
        inbox: { group: service.name, dataSource: runtime.dataSource },
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
