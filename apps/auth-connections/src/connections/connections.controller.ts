import { CurrentTenant } from '@amazon-channel/platform-auth';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthorizationService } from './authorization.service';
import { ConnectionErrorFilter } from './connection-error.filter';
import { ConnectionTestService, type ConnectionTestResult, type ParticipationView } from './connection-test.service';
import { ConnectionError } from './connections.error';
import { ConnectionsService } from './connections.service';
import { marketplacesByRegion, type MarketplaceGroup } from './domain/marketplace-rules';
import {
  AddMarketplaceDto,
  addMarketplaceSchema,
  ClaimAuthorizationDto,
  claimAuthorizationSchema,
  CreateConnectionDto,
  createConnectionSchema,
  parseBody,
  UpdateConnectionDto,
  updateConnectionSchema,
  type ConnectionView,
} from './dto/connection.dto';

const invalid = (field: string, message: string) => new ConnectionError('INVALID_REQUEST', message, { field });
/** Ids are UUIDs; anything else is a bad request with the module's code. */
const uuid = new ParseUUIDPipe({ exceptionFactory: () => new ConnectionError('INVALID_REQUEST', 'id must be a UUID', { field: 'id' }) });

/** The platform's connection API, scoped to the tenant of the caller's JWT. */
@ApiTags('connections')
@ApiBearerAuth()
@UseFilters(ConnectionErrorFilter)
@Controller()
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly authorization: AuthorizationService,
    private readonly tests: ConnectionTestService,
  ) {}

  /** Every Amazon marketplace, grouped by region (for the marketplace dropdown). */
  @Get('marketplaces')
  marketplaces(): MarketplaceGroup[] {
    return marketplacesByRegion();
  }

  @Post('connections')
  @ApiBody({ type: CreateConnectionDto })
  async create(@CurrentTenant() tenantId: string, @Body() body: unknown): Promise<ConnectionView> {
    return this.connections.view(await this.connections.create(tenantId, parseBody(createConnectionSchema, body, invalid)));
  }

  @Get('connections')
  async list(@CurrentTenant() tenantId: string): Promise<ConnectionView[]> {
    return (await this.connections.list(tenantId)).map((c) => this.connections.view(c));
  }

  /** Takes over an authorization that started in the Appstore, with the claim code the seller was shown. */
  @Post('connections/claim')
  @ApiBody({ type: ClaimAuthorizationDto })
  async claim(@CurrentTenant() tenantId: string, @Body() body: unknown): Promise<ConnectionView> {
    return this.connections.view(await this.connections.claim(tenantId, parseBody(claimAuthorizationSchema, body, invalid)));
  }

  @Get('connections/:id')
  async get(@CurrentTenant() tenantId: string, @Param('id', uuid) id: string): Promise<ConnectionView> {
    return this.connections.view(await this.connections.get(tenantId, id));
  }

  @Patch('connections/:id')
  @ApiBody({ type: UpdateConnectionDto })
  async update(@CurrentTenant() tenantId: string, @Param('id', uuid) id: string, @Body() body: unknown): Promise<ConnectionView> {
    // Another tenant's connection is 404 whatever the body: the lookup comes before validation.
    await this.connections.get(tenantId, id);
    return this.connections.view(await this.connections.update(tenantId, id, parseBody(updateConnectionSchema, body, invalid)));
  }

  @Delete('connections/:id')
  @HttpCode(204)
  async delete(@CurrentTenant() tenantId: string, @Param('id', uuid) id: string): Promise<void> {
    await this.connections.delete(tenantId, id);
  }

  @Post('connections/:id/disable')
  @HttpCode(200)
  async disable(@CurrentTenant() tenantId: string, @Param('id', uuid) id: string): Promise<ConnectionView> {
    return this.connections.view(await this.connections.disable(tenantId, id));
  }

  @Post('connections/:id/enable')
  @HttpCode(200)
  async enable(@CurrentTenant() tenantId: string, @Param('id', uuid) id: string): Promise<ConnectionView> {
    return this.connections.view(await this.connections.enable(tenantId, id));
  }

  /** Disconnects from Amazon: the stored refresh token is wiped and ConnectionRevoked is emitted. */
  @Post('connections/:id/revoke')
  @HttpCode(200)
  async revoke(@CurrentTenant() tenantId: string, @Param('id', uuid) id: string): Promise<ConnectionView> {
    return this.connections.view(await this.connections.revoke(tenantId, id));
  }

  /** The Seller Central consent URL, with a single-use state valid for 10 minutes. */
  @Post('connections/:id/authorize')
  @HttpCode(200)
  authorize(@CurrentTenant() tenantId: string, @Param('id', uuid) id: string): Promise<{ consentUrl: string; expiresAt: string }> {
    return this.authorization.startWebsite(tenantId, id);
  }

  /** A signed link the Amazon account owner can open without a platform login. */
  @Post('connections/:id/setup-link')
  @HttpCode(200)
  setupLink(@CurrentTenant() tenantId: string, @Param('id', uuid) id: string): Promise<{ url: string; expiresAt: string }> {
    return this.authorization.setupLink(tenantId, id);
  }

  @Post('connections/:id/test')
  @HttpCode(200)
  test(@CurrentTenant() tenantId: string, @Param('id', uuid) id: string): Promise<ConnectionTestResult> {
    return this.tests.test(tenantId, id);
  }

  /** The marketplaces the authorized seller participates in (same region), and which have a connection. */
  @Get('connections/:id/marketplaces')
  participations(@CurrentTenant() tenantId: string, @Param('id', uuid) id: string): Promise<ParticipationView[]> {
    return this.tests.marketplaces(tenantId, id);
  }

  /** Creates a connection for another marketplace sharing this one's authorization. */
  @Post('connections/:id/marketplaces')
  @ApiBody({ type: AddMarketplaceDto })
  async addMarketplace(@CurrentTenant() tenantId: string, @Param('id', uuid) id: string, @Body() body: unknown): Promise<ConnectionView> {
    return this.connections.view(await this.tests.addMarketplace(tenantId, id, parseBody(addMarketplaceSchema, body, invalid)));
  }
}
