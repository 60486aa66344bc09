import { AuthorizationRevokedError, isSpApiRegion, SpApiError, tokenCacheKey, type CachedAccessToken } from '@amazon-channel/sp-api';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CONNECTION_SETTINGS, type ConnectionSettings } from './connection-settings';
import { ConnectionError } from './connections.error';
import { ConnectionsRepository } from './connections.repository';
import { LwaApps } from './lwa/lwa-apps';
import { accessTokensCounter } from './lwa/lwa-metrics';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the token service hands out (gRPC `AccessToken` and its HTTP twin). */
export interface AccessTokenGrant {
  connectionId: string;
  accessToken: string;
  expiresAt: Date;
  endpoint: string;
  region: string;
  marketplaceId: string;
  sellingPartnerId: string;
  /** The connection's tenant: callers acting for a tenant refuse another tenant's connection. */
  tenantId: string;
}

/**
 * Access tokens for the other services. Tokens are cached per credential and renewed a minute
 * before expiry; concurrent requests share one LWA call (libs/sp-api's single-flight cache).
 * `invalid_grant` fails every connection of the credential and answers CONNECTION_AUTH_FAILED.
 */
@Injectable()
export class AccessTokenService {
  private readonly log = new Logger(AccessTokenService.name);
  /** Expiry of each cache entry's current token: the shared cache answers with the token only. */
  private readonly expiries = new Map<string, CachedAccessToken>();
  /** Cache key per connection, so a caller's 403 can invalidate the right entry. */
  private readonly keys = new Map<string, string>();

  constructor(
    private readonly repository: ConnectionsRepository,
    private readonly apps: LwaApps,
    @Inject(CONNECTION_SETTINGS) private readonly settings: ConnectionSettings,
  ) {}

  async get(connectionId: string): Promise<AccessTokenGrant> {
    try {
      const grant = await this.load(connectionId);
      accessTokensCounter.inc({ outcome: 'ok' });
      return grant;
    } catch (error) {
      accessTokensCounter.inc({ outcome: error instanceof ConnectionError ? error.code : 'error' });
      throw error;
    }
  }

  /** Drops a token a caller saw rejected (403), if it is still the cached one. */
  invalidate(connectionId: string, accessToken: string): void {
    const key = this.keys.get(connectionId);
    if (key) this.apps.cache.invalidate(key, accessToken);
  }

  private async load(connectionId: string): Promise<AccessTokenGrant> {
    const connection = UUID.test(connectionId) ? await this.repository.findById(connectionId) : null;
    if (!connection) throw new ConnectionError('CONNECTION_NOT_FOUND', `No connection ${connectionId}`, { connectionId });
    if (connection.status === 'AUTH_FAILED') {
      throw new ConnectionError('CONNECTION_AUTH_FAILED', `Amazon refused the authorization of connection ${connectionId}; the seller must authorize again`, {
        connectionId,
        status: connection.status,
      });
    }
    if (connection.status !== 'ACTIVE' || !connection.credentialId || !connection.sellingPartnerId) {
      throw new ConnectionError('CONNECTION_NOT_ACTIVE', `Connection ${connectionId} is ${connection.status}`, { connectionId, status: connection.status });
    }
    const credential = await this.repository.openCredential(connection.credentialId);
    if (!credential || !isSpApiRegion(credential.region))
      throw new ConnectionError('CONNECTION_NOT_ACTIVE', `Connection ${connectionId} has no stored authorization`, { connectionId });
    const lwa = this.apps.client(credential.region);
    const key = tokenCacheKey('refresh', lwa.clientId, credential.refreshToken);
    this.keys.set(connectionId, key);
    let accessToken: string;
    try {
      accessToken = await this.apps.cache.get(key, async () => {
        const res = await lwa.refresh(credential.refreshToken);
        const token = { accessToken: res.accessToken, expiresAt: Date.now() + res.expiresIn * 1000 };
        this.expiries.set(key, token);
        return token;
      });
    } catch (error) {
      if (error instanceof AuthorizationRevokedError) {
        const failed = await this.repository.failCredential(credential.id, 'Login with Amazon rejected the refresh token (invalid_grant)');
        if (failed) this.log.warn(`authorization ${credential.id} refused by LWA (invalid_grant): ${failed} connection(s) now AUTH_FAILED`);
        throw new ConnectionError(
          'CONNECTION_AUTH_FAILED',
          `Amazon refused the authorization of connection ${connectionId} (invalid_grant); the seller must authorize again`,
          { connectionId },
        );
      }
      if (error instanceof SpApiError) {
        throw new ConnectionError('AMAZON_UNAVAILABLE', `Login with Amazon did not issue a token: ${error.message}`, {
          connectionId,
          retryable: error.retryable,
        });
      }
      throw error;
    }
    const cached = this.expiries.get(key);
    const expiresAt = new Date(cached?.accessToken === accessToken ? cached.expiresAt : Date.now() + 60_000);
    return {
      connectionId,
      accessToken,
      expiresAt,
      endpoint: this.settings.endpoints[credential.region],
      region: credential.region,
      marketplaceId: connection.marketplaceId,
      sellingPartnerId: connection.sellingPartnerId,
      tenantId: connection.tenantId,
    };
  }
}
