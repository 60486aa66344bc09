import { ApiZodBody } from '@amazon-channel/platform-service';
import { ConnectionOwnership, CurrentTenant } from '@amazon-channel/platform-auth';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PiiService } from './order-pii.service';
import { CurrentSubject } from './current-caller.decorator';
import { listOrdersQuery, piiQuery, routeBody } from './dto/orders.dto';
import { parseInput } from '../errors/parse-input';
import { OrdersQueryService } from './orders-query.service';
import { OrdersError } from '../errors/orders.error';

/** Orders of the caller's tenant: list and filter, one order, diagnostics, routing, audited buyer data. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersQueryService,
    private readonly pii: PiiService,
    private readonly ownership: ConnectionOwnership,
  ) {}

  @Get()
  @ApiQuery({ name: 'connectionId', required: false })
  @ApiOkResponse({ description: 'Orders (no buyer data), newest purchase first' })
  async list(@CurrentTenant() tenantId: string, @Query() query: unknown) {
    const input = parseInput(listOrdersQuery, query);
    if (input.connectionId !== undefined) await this.ownership.ownedConnection(tenantId, input.connectionId);
    return this.orders.list(tenantId, input);
  }

  /** "My order is not importing": why an Amazon order is (not) in the platform. */
  @Get('diagnostics/:amazonOrderId')
  @ApiQuery({ name: 'connectionId', required: true })
  async diagnose(@CurrentTenant() tenantId: string, @Param('amazonOrderId') amazonOrderId: string, @Query('connectionId') connectionId?: string) {
    if (!connectionId) throw new OrdersError('INVALID_REQUEST', 'connectionId is required');
    await this.ownership.ownedConnection(tenantId, connectionId);
    return this.orders.diagnose(tenantId, connectionId, amazonOrderId);
  }

  @Get(':id')
  get(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.orders.get(tenantId, id);
  }

  /** The buyer data, while retained; every read is audited with the caller and its purpose. */
  @Get(':id/pii')
  readPii(@CurrentTenant() tenantId: string, @CurrentSubject() subject: string, @Param('id', new ParseUUIDPipe()) id: string, @Query() query: unknown) {
    return this.pii.read(tenantId, id, subject, parseInput(piiQuery, query).purpose);
  }

  @Get(':id/pii-audit')
  async piiAudit(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string) {
    // 404 for an order the tenant does not have, rather than an empty audit.
    await this.orders.get(tenantId, id);
    return this.pii.audit(tenantId, id);
  }

  /** Routes the order to a source; 409 SOURCE_NOT_COMPLIANT when the source lacks Amazon's compliance flag. */
  @Post(':id/route')
  @ApiZodBody(routeBody)
  @HttpCode(200)
  async route(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown) {
    // Another tenant's order is 404 whatever the body: the lookup comes before validation.
    await this.orders.get(tenantId, id);
    return this.orders.route(tenantId, id, parseInput(routeBody, body).sourceId);
  }
}
