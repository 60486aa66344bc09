import { AmazonModule, type ConnectionGrants } from '@amazon-channel/platform-amazon';
import { JOB_HANDLERS, PLATFORM_CONFIG } from '@amazon-channel/platform-service';
import { FieldCipher } from '@amazon-channel/platform-persistence';
import { MappingTemplatesModule } from '@amazon-channel/platform-templates';
import type { SpApiObserver } from '@amazon-channel/sp-api';
import { ORDERS_SERVICE } from '../service';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CLOCK, systemClock, type Clock } from '../clock/clock';
import type { OrdersConfig } from '../config/orders.config';
import { ORDERS_OPTIONS } from '../orders-options';
import { ADDRESS_FINGERPRINT, AddressFingerprint } from '../pii/address-fingerprint';
import { FIELD_CIPHER } from '../pii/pii-cipher';
import { PiiRedactionJobHandler } from '../pii/pii-redaction.job-handler';
import { PiiRedactionRepository } from '../pii/pii-redaction.repository';
import { PiiMetrics } from '../pii/pii-metrics';
import { PiiService } from '../pii/pii.service';
import { HELD_ORDERS_RELEASE } from '../shipping-mappings/held-orders.port';
import { ShippingMappingsRepository } from '../shipping-mappings/shipping-mappings.repository';
import { ShippingMappingsService } from '../shipping-mappings/shipping-mappings.service';
import { SourcesController } from '../sources/sources.controller';
import { SourcesRepository } from '../sources/sources.repository';
import { SourcesService } from '../sources/sources.service';
import { ConnectionSettingsController } from './connection-settings.controller';
import { getOrdersTemplateChecks } from './get-orders-template-checks';
import { GetOrdersJobHandler } from './get-orders/get-orders.job-handler';
import { ImportOrdersUseCase } from './get-orders/import-orders.use-case';
import { OrderSettingsRepository } from './order-settings.repository';
import { OrderSettingsService } from './order-settings.service';
import { OrdersErrorFilter } from './orders-error.filter';
import { OrdersQueryService } from './orders-query.service';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { ReleaseHeldOrders } from './release-held-orders';

/** Ports a test or the embedded launcher may replace. */
export interface OrdersPorts {
  /** Replaces auth-connections (tests and the benchmark pass LwaGrants against the sandbox). */
  grants?: ConnectionGrants;
  clock?: Clock;
  /** Sees every SP-API call (metrics, benchmarks). */
  spApiObserver?: SpApiObserver;
}

/** Orders: get orders and PII redaction jobs, shipping mappings, sources, diagnostics, audited PII. */
@Module({})
export class OrdersModule {
  static register(config: OrdersConfig, ports: OrdersPorts = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: CLOCK, useValue: ports.clock ?? systemClock },
      { provide: ORDERS_OPTIONS, useValue: { overlapMinutes: config.ORDERS_OVERLAP_MINUTES, piiRetentionDays: config.PII_RETENTION_DAYS } },
      { provide: FIELD_CIPHER, useValue: FieldCipher.fromConfig(config.FIELD_ENCRYPTION_KEYS, config.FIELD_ENCRYPTION_ACTIVE_KEY_ID) },
      { provide: ADDRESS_FINGERPRINT, useValue: AddressFingerprint.fromConfig(config.FIELD_ENCRYPTION_KEYS, config.FIELD_ENCRYPTION_ACTIVE_KEY_ID) },
      { provide: APP_FILTER, useClass: OrdersErrorFilter },
      OrdersRepository,
      OrderSettingsRepository,
      ShippingMappingsRepository,
      SourcesRepository,
      ImportOrdersUseCase,
      ReleaseHeldOrders,
      // Shipping mappings release held orders through this port, so they never import orders.
      { provide: HELD_ORDERS_RELEASE, useExisting: ReleaseHeldOrders },
      OrderSettingsService,
      OrdersQueryService,
      ShippingMappingsService,
      PiiService,
      SourcesService,
      GetOrdersJobHandler,
      PiiRedactionRepository,
      PiiRedactionJobHandler,
      PiiMetrics,
      { provide: JOB_HANDLERS, useFactory: (...handlers: unknown[]) => handlers, inject: [GetOrdersJobHandler, PiiRedactionJobHandler] },
    ];
    return {
      module: OrdersModule,
      // Buckets in the service's schema: every replica spends one seller budget (searchOrders ≈ 1 call / 3 min).
      imports: [
        AmazonModule.register(PLATFORM_CONFIG, { schema: ORDERS_SERVICE.schema, grants: ports.grants, observer: ports.spApiObserver }),
        // The get-orders template (GET/PUT/DELETE /connections/:connectionId/templates/get-orders, preview); the job reads it through OrderSettingsService.
        MappingTemplatesModule.forService({ operations: ['get-orders'], checks: { 'get-orders': getOrdersTemplateChecks } }),
      ],
      controllers: [OrdersController, ConnectionSettingsController, SourcesController],
      providers,
      exports: [JOB_HANDLERS, GetOrdersJobHandler, PiiRedactionJobHandler, ShippingMappingsService, CLOCK],
    };
  }
}
