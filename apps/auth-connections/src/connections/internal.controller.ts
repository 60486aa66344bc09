import { Internal } from '@amazon-channel/platform-auth';
import type { ConnectionSnapshot } from '@amazon-channel/contracts';
import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AccessTokenService } from './access-token.service';
import { ConnectionErrorFilter } from './connection-error.filter';
import { ConnectionError } from './connections.error';
import { ConnectionsRepository } from './connections.repository';
import { connectionSnapshot } from './domain/connection-snapshot';
import { LifecycleService, type LwaAppStatus } from './lifecycle.service';

/**
 * JSON twin of the gRPC `AccessToken`: `expiresAt` ISO 8601, plus `expiresAtEpochSeconds` as in
 * the proto, and the connection's `tenantId` (not in the proto yet) for the callers' tenant check.
 */
export interface AccessTokenBody {
  connectionId: string;
  accessToken: string;
  expiresAt: string;
  expiresAtEpochSeconds: number;
  endpoint: string;
  region: string;
  marketplaceId: string;
  sellingPartnerId: string;
  tenantId: string;
}

/** Service-to-service routes (`x-internal-token`); never exposed to the platform's users. */
@ApiTags('internal')
@ApiHeader({ name: 'x-internal-token', required: true })
@Internal()
@UseFilters(ConnectionErrorFilter)
@Controller('internal')
export class InternalController {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly lifecycle: LifecycleService,
    private readonly connections: ConnectionsRepository,
  ) {}

  /**
   * Every connection of every tenant as the snapshot ConnectionChanged carries, a page at a time by
   * id: what another service needs to rebuild its projection when it starts late.
   */
  @Get('connections')
  @ApiQuery({ name: 'after', required: false, description: 'the last id of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: '1..1000, default 500' })
  async connectionsPage(@Query('after') after?: string, @Query('limit') limit?: string): Promise<{ items: ConnectionSnapshot[]; nextAfter: string | null }> {
    const size = limit === undefined ? 500 : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > 1000)
      throw new ConnectionError('INVALID_REQUEST', 'limit must be an integer from 1 to 1000', { field: 'limit' });
    if (after && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(after))
      throw new ConnectionError('INVALID_REQUEST', 'after must be a connection id', { field: 'after' });
    const rows = await this.connections.page(after || null, size);
    return { items: rows.map((row) => connectionSnapshot(row)), nextAfter: rows.length === size ? (rows[rows.length - 1]?.id ?? null) : null };
  }

  @Get('connections/:id/access-token')
  async accessToken(@Param('id') id: string): Promise<AccessTokenBody> {
    const grant = await this.tokens.get(id);
    return { ...grant, expiresAt: grant.expiresAt.toISOString(), expiresAtEpochSeconds: Math.floor(grant.expiresAt.getTime() / 1000) };
  }

  /** The LWA apps and their client secrets' age (never the secrets). */
  @Get('lwa-apps')
  apps(): LwaAppStatus[] {
    return this.lifecycle.appStatus();
  }
}
