import { Internal } from '@amazon-channel/platform-auth';
import { Controller, Get, Param, UseFilters } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { AccessTokenService } from './access-token.service';
import { ConnectionErrorFilter } from './connection-error.filter';
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
  ) {}

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
