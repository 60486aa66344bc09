import { AmazonModule, type ConnectionGrants } from '@amazon-channel/platform-amazon';
import { JOB_HANDLERS, PLATFORM_CONFIG } from '@amazon-channel/platform-service';
import type { SpApiObserver } from '@amazon-channel/sp-api';
import { Module, type DynamicModule } from '@nestjs/common';
import type { FulfillmentConfig } from '../config/fulfillment.config';
import { FULFILLMENT_SCHEMA } from '../database/tables';
import { CarrierSettingsRepository } from './carrier-settings.repository';
import { KnownOrdersRepository } from './known-orders.repository';
import { MappingTemplates } from '@amazon-channel/platform-templates';
import { ShipmentIntakeService, SYNC_ORDERS_TEMPLATES, type SyncOrdersTemplates } from './shipment-intake.service';
import { ShipmentsConsumer } from './shipments.consumer';
import { ShipmentsController } from './shipments.controller';
import { ShipmentsRepository } from './shipments.repository';
import { SYNC_ORDERS_OPTIONS, SyncOrdersJobHandler } from './sync-orders.job-handler';
import { SyncOrdersRequests } from './sync-orders-requests.repository';

/** Ports a test, the benchmark or the embedded launcher may replace. */
export interface FulfillmentPorts {
  /** Replaces auth-connections (tests and the benchmark pass LwaGrants against the sandbox). */
  grants?: ConnectionGrants;
  /** Sees every SP-API call (metrics, benchmarks). */
  spApiObserver?: SpApiObserver;
}

/** Shipments: intake (HTTP and ShipmentReady), the order-lines projection, and the sync-orders job. */
@Module({})
export class ShipmentsModule {
  static register(config: FulfillmentConfig, ports: FulfillmentPorts = {}): DynamicModule {
    return {
      module: ShipmentsModule,
      imports: [AmazonModule.register(PLATFORM_CONFIG, { schema: FULFILLMENT_SCHEMA, grants: ports.grants, observer: ports.spApiObserver })],
      controllers: [ShipmentsController, ShipmentsConsumer],
      providers: [
        {
          provide: SYNC_ORDERS_OPTIONS,
          useValue: {
            maxAttempts: config.SHIPMENT_MAX_ATTEMPTS,
            retryBaseSeconds: config.SHIPMENT_RETRY_BASE_SECONDS,
            concurrency: config.SYNC_ORDERS_CONCURRENCY,
          },
        },
        {
          provide: SYNC_ORDERS_TEMPLATES,
          useFactory: (templates: MappingTemplates): SyncOrdersTemplates => ({
            forConnection: async (tenantId, connectionId) => (await templates.compiled(tenantId, connectionId, 'sync-orders')).compiled,
          }),
          inject: [MappingTemplates],
        },
        KnownOrdersRepository,
        ShipmentsRepository,
        CarrierSettingsRepository,
        SyncOrdersRequests,
        ShipmentIntakeService,
        SyncOrdersJobHandler,
        { provide: JOB_HANDLERS, useFactory: (...handlers: unknown[]) => handlers, inject: [SyncOrdersJobHandler] },
      ],
      exports: [JOB_HANDLERS, SyncOrdersJobHandler, ShipmentIntakeService],
    };
  }
}
