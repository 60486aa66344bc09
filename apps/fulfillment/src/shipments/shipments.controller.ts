import { ConnectionOwnership, CurrentTenant } from '@amazon-channel/platform-auth';
import { ApiZodBody } from '@amazon-channel/platform-service';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CarrierSettingsRepository } from './carrier-settings.repository';
import type { FulfillmentSettings } from './domain/intake-decision';
import type { PackageStatus } from './domain/package-status';
import { listShipmentsQuery, packageEditBody, parseInput, settingsBody, shipmentBody } from './dto/shipments.dto';
import { ShipmentIntakeService } from './shipment-intake.service';
import { ShipmentsErrorFilter } from './shipments-error.filter';
import { ShipmentsError } from './shipments.error';
import { ShipmentsRepository, type ShipmentView } from './shipments.repository';

/** Shipments from the platform, their packages' state at Amazon, edits of refused packages, carrier settings. */
@ApiTags('shipments')
@ApiBearerAuth()
@UseFilters(ShipmentsErrorFilter)
@Controller()
export class ShipmentsController {
  constructor(
    private readonly intake: ShipmentIntakeService,
    private readonly shipments: ShipmentsRepository,
    private readonly settings: CarrierSettingsRepository,
    private readonly ownership: ConnectionOwnership,
  ) {}

  @Post('connections/:connectionId/shipments')
  @ApiZodBody(shipmentBody, "The platform's shipment (same as ShipmentReady v2's data)")
  @ApiCreatedResponse({ description: 'Stored (201), or already stored under this shipment id (200): the shipment with its packages' })
  async receive(
    @CurrentTenant() tenantId: string,
    @Param('connectionId') connectionId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ShipmentView> {
    const input = parseInput(shipmentBody, body, 'body');
    if (input.connectionId !== undefined && input.connectionId !== connectionId)
      throw new ShipmentsError('CONNECTION_MISMATCH', 'The body names another connection than the path', [
        { field: 'body.connectionId', reason: 'must be the connection of the path' },
      ]);
    const { id, created } = await this.intake.receive(tenantId, { ...input, connectionId });
    res.status(created ? 201 : 200);
    return this.view(tenantId, id);
  }

  @Get('shipments')
  @ApiQuery({ name: 'connectionId', required: false })
  @ApiQuery({ name: 'status', required: false, description: 'Shipments with a package in this status (HELD: held shipments)' })
  @ApiQuery({ name: 'limit', required: false })
  async list(@CurrentTenant() tenantId: string, @Query() query: unknown): Promise<ShipmentView[]> {
    const q = parseInput(listShipmentsQuery, query, 'query');
    if (q.connectionId !== undefined) await this.ownership.ownedConnection(tenantId, q.connectionId);
    return this.shipments.list(tenantId, { connectionId: q.connectionId, status: q.status as PackageStatus | undefined, limit: q.limit });
  }

  @Get('shipments/:id')
  @ApiOkResponse({ description: 'The shipment with each package: status, what was sent, errors, Amazon’s answer and what to fix' })
  get(@CurrentTenant() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<ShipmentView> {
    return this.view(tenantId, id);
  }

  @Patch('shipments/:id/packages/:packageId')
  @ApiZodBody(packageEditBody, 'Corrected carrier, method or tracking number; the package is sent again')
  @ApiOkResponse({ description: 'The shipment after the edit' })
  async edit(
    @CurrentTenant() tenantId: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('packageId') packageId: string,
    @Body() body: unknown,
  ): Promise<ShipmentView> {
    // Another tenant's shipment is 404 before its body is judged: a 400 would confirm the id exists.
    await this.view(tenantId, id);
    return this.intake.edit(tenantId, id, packageId, parseInput(packageEditBody, body, 'body'));
  }

  @Get('connections/:connectionId/fulfillment-settings')
  @ApiOkResponse({ description: 'Carrier auto-detection and check-digit policy of the connection' })
  getSettings(@Param('connectionId') connectionId: string): Promise<FulfillmentSettings> {
    return this.settings.get(connectionId);
  }

  @Put('connections/:connectionId/fulfillment-settings')
  @HttpCode(200)
  @ApiZodBody(settingsBody)
  putSettings(@CurrentTenant() tenantId: string, @Param('connectionId') connectionId: string, @Body() body: unknown): Promise<FulfillmentSettings> {
    return this.settings.save(tenantId, connectionId, parseInput(settingsBody, body, 'body'));
  }

  private async view(tenantId: string, id: string): Promise<ShipmentView> {
    const view = await this.shipments.find(tenantId, id);
    if (!view) throw new ShipmentsError('SHIPMENT_NOT_FOUND', `No shipment ${id}`);
    return view;
  }
}
