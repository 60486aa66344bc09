import { createLoggerModule, CorrelationMiddleware } from '@amazon-channel/platform-observability';
import { serviceDataSourceOptions } from '@amazon-channel/platform-persistence';
import { Logger, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
import { DataSource } from 'typeorm';
import { HealthController } from './health.controller';
import { JobsRepository } from './jobs/jobs.repository';
import { InputValidationInterceptor } from './http/input-validation.interceptor';
import { MetricsController } from './metrics.controller';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import type { PlatformConfig } from './platform.config';
import { createTransport, PlatformRuntime } from './platform-runtime';
import { MESSAGE_TRANSPORT, PLATFORM_CONFIG, SERVICE_DEFINITION, type ServiceDefinition } from './service-definition';

/**
 * Everything a service gets from the platform: JSON logs, `/metrics`, `/health/*`, its DataSource
 * (own schema, not yet connected), the bus transport, the outbox relay, and the input checks every
 * route passes first (no NUL bytes, UUID ids; see {@link InputValidationInterceptor}).
 * @example imports: [PlatformModule.forService(ORDERS_SERVICE, config)]
 */
@Module({})
export class PlatformModule implements NestModule {
  static forService(service: ServiceDefinition, config: PlatformConfig, logDestination?: NodeJS.WritableStream): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        createLoggerModule(service.name, config.LOG_LEVEL, logDestination),
        TerminusModule.forRoot({ errorLogStyle: 'json', logger: false }),
        PrometheusModule.register({
          controller: MetricsController,
          path: '/metrics',
          // Several services can share one process (the embedded default): default metrics register once.
          defaultMetrics: { enabled: !register.getSingleMetric('process_cpu_user_seconds_total') },
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_DEFINITION, useValue: service },
        { provide: PLATFORM_CONFIG, useValue: config },
        {
          provide: DataSource,
          useFactory: () =>
            new DataSource(
              serviceDataSourceOptions({
                url: config.DATABASE_URL,
                schema: service.schema,
                entities: service.entities,
                migrations: service.migrations,
                poolSize: config.DATABASE_POOL_SIZE,
              }),
            ),
        },
        { provide: MESSAGE_TRANSPORT, useFactory: () => createTransport(config, service.name, new Logger('Bus')) },
        PlatformRuntime,
        // The platform's `jobs` table has one writer, shared by the runner, its consumer and a service's own job routes.
        JobsRepository,
        { provide: APP_INTERCEPTOR, useClass: InputValidationInterceptor },
      ],
      exports: [DataSource, MESSAGE_TRANSPORT, PlatformRuntime, JobsRepository, SERVICE_DEFINITION, PLATFORM_CONFIG],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware, CorrelationMiddleware).forRoutes('*path');
  }
}
