import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { AdminController } from './admin/admin.controller';
import { CatalogController } from './catalog/catalog.controller';
import { ConsentController } from './consent/consent.controller';
import { ConsentService } from './consent/consent.service';
import { DefinitionsController, ProductTypeSchemaController } from './definitions/definitions.controller';
import { FeedsController } from './feeds/feeds.controller';
import { FeedsService } from './feeds/feeds.service';
import { ListingsController } from './listings/listings.controller';
import { ListingsWriter } from './listings/listings.service';
import { RestrictionsController } from './listings/restrictions.controller';
import { TokensController } from './tokens/tokens.controller';
import { LwaController } from './lwa/lwa.controller';
import { LwaService } from './lwa/lwa.service';
import { OrderAdminService } from './orders/order-admin.service';
import { OrdersController, OrdersV0Controller } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { ShipmentService } from './orders/shipment.service';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { SellersController } from './sellers/sellers.controller';
import { SandboxState } from './state/sandbox-state';
import { StorageController } from './storage/storage.controller';

/** The sandbox's Nest module, bound to one {@link SandboxState}. */
@Module({})
export class SandboxModule {
  static forState(state: SandboxState): DynamicModule {
    return {
      module: SandboxModule,
      controllers: [
        AdminController,
        LwaController,
        SellersController,
        ReportsController,
        StorageController,
        OrdersController,
        OrdersV0Controller,
        ConsentController,
        FeedsController,
        ListingsController,
        RestrictionsController,
        CatalogController,
        DefinitionsController,
        ProductTypeSchemaController,
        TokensController,
      ],
      providers: [
        { provide: SandboxState, useValue: state },
        LwaService,
        ReportsService,
        OrdersService,
        ShipmentService,
        OrderAdminService,
        ConsentService,
        FeedsService,
        ListingsWriter,
      ],
    };
  }
}
