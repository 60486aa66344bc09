import { Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { checkEnum, ctx, queryDate, queryInt, queryList, queryString } from '../core/http';
import { SandboxError } from '../core/sandbox-error';
import { FULFILLMENT_STATUSES } from '../state/order-model';
import type { IncludedData } from './order-render';
import { INCLUDED_DATA } from './order-render';
import { OrdersService } from './orders.service';
import { ShipmentService } from './shipment.service';

function included(req: Request): Set<IncludedData> {
  const values = queryList(req, 'includedData');
  checkEnum('includedData', values, INCLUDED_DATA);
  return new Set(values as IncludedData[] | undefined);
}

/** Orders 2026-01-01 searchOrders / getOrder. */
@Controller('orders/2026-01-01')
export class OrdersController {
  constructor(@Inject(OrdersService) private readonly orders: OrdersService) {}

  @Get('orders')
  search(@Req() req: Request) {
    const fulfillmentStatuses = queryList(req, 'fulfillmentStatuses');
    const fulfilledBy = queryList(req, 'fulfilledBy');
    const marketplaceIds = queryList(req, 'marketplaceIds');
    checkEnum('fulfillmentStatuses', fulfillmentStatuses, FULFILLMENT_STATUSES);
    checkEnum('fulfilledBy', fulfilledBy, ['MERCHANT', 'AMAZON']);
    if (marketplaceIds && marketplaceIds.length > 50) throw SandboxError.invalid('marketplaceIds', 'marketplaceIds accepts at most 50 values.');
    return this.orders.search(
      ctx(req).seller,
      {
        createdAfter: queryDate(req, 'createdAfter'),
        createdBefore: queryDate(req, 'createdBefore'),
        lastUpdatedAfter: queryDate(req, 'lastUpdatedAfter'),
        lastUpdatedBefore: queryDate(req, 'lastUpdatedBefore'),
        fulfillmentStatuses,
        marketplaceIds,
        fulfilledBy,
      },
      included(req),
      queryInt(req, 'maxResultsPerPage', 1, 100) ?? 100,
      queryString(req, 'paginationToken'),
    );
  }

  @Get('orders/:orderId')
  get(@Req() req: Request) {
    const c = ctx(req);
    return this.orders.get(c.seller, c.params['orderId'] ?? '', included(req));
  }
}

/** Orders v0 write operations. */
@Controller('orders/v0/orders')
export class OrdersV0Controller {
  constructor(@Inject(ShipmentService) private readonly shipments: ShipmentService) {}

  @Post(':orderId/shipmentConfirmation')
  @HttpCode(204)
  confirm(@Req() req: Request): void {
    const c = ctx(req);
    this.shipments.confirm(c.seller, c.params['orderId'] ?? '', req.body);
  }

  @Post(':orderId/shipment')
  @HttpCode(204)
  updateStatus(@Req() req: Request): void {
    const c = ctx(req);
    this.shipments.updateStatus(c.seller, c.params['orderId'] ?? '', req.body);
  }
}
