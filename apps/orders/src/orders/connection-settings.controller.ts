import { ApiZodBody } from '@amazon-channel/platform-service';
import { CurrentTenant } from '@amazon-channel/platform-auth';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MappingTemplate } from '@amazon-channel/mapping';
import { ShippingMappingsService } from '../shipping-mappings/shipping-mappings.service';
import { orderSettingsBody, shippingMappingBody } from './dto/orders.dto';
import { parseInput } from '../errors/parse-input';
import { OrderSettingsService } from './order-settings.service';

/** Per-connection order settings and shipping mappings. */
@ApiTags('connections')
@ApiBearerAuth()
@Controller('connections/:connectionId')
export class ConnectionSettingsController {
  constructor(
    private readonly settings: OrderSettingsService,
    private readonly mappings: ShippingMappingsService,
  ) {}

  @Get('order-settings')
  getSettings(@CurrentTenant() tenantId: string, @Param('connectionId') connectionId: string) {
    return this.settings.get(tenantId, connectionId);
  }

  @Put('order-settings')
  @ApiZodBody(orderSettingsBody)
  putSettings(@CurrentTenant() tenantId: string, @Param('connectionId') connectionId: string, @Body() body: unknown) {
    const input = parseInput(orderSettingsBody, body);
    return this.settings.put(tenantId, connectionId, { ...input, template: input.template as MappingTemplate | null | undefined });
  }

  @Get('shipping-mappings')
  listMappings(@CurrentTenant() tenantId: string, @Param('connectionId') connectionId: string) {
    return this.mappings.list(tenantId, connectionId);
  }

  /** Creates a mapping and imports the orders held for it; answers `{ mapping, released }`. */
  @Post('shipping-mappings')
  @ApiZodBody(shippingMappingBody)
  createMapping(@CurrentTenant() tenantId: string, @Param('connectionId') connectionId: string, @Body() body: unknown) {
    return this.mappings.create(tenantId, connectionId, parseInput(shippingMappingBody, body));
  }

  @Put('shipping-mappings/:id')
  @ApiZodBody(shippingMappingBody)
  updateMapping(
    @CurrentTenant() tenantId: string,
    @Param('connectionId') connectionId: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
  ) {
    return this.mappings.update(tenantId, connectionId, id, parseInput(shippingMappingBody, body));
  }

  @Delete('shipping-mappings/:id')
  @HttpCode(204)
  async deleteMapping(
    @CurrentTenant() tenantId: string,
    @Param('connectionId') connectionId: string,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    await this.mappings.remove(tenantId, connectionId, id);
  }
}
