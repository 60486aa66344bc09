import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CONNECTION_SETTINGS, type ConnectionSettings } from './connection-settings';
import { ConnectionError } from './connections.error';
import { ConnectionsRepository } from './connections.repository';
import { canApply, nextStatus, type ConnectionAction } from './domain/connection-status';
import { assertSameRegion, marketplaceOrFail } from './domain/marketplace-rules';
import { hashSecret } from './domain/secrets';
import { toView, type ConnectionView, type CreateConnection, type UpdateConnection } from './dto/connection.dto';
import type { ConnectionEntity } from './entities/connection.entity';

/** The tenant-facing use cases of connections: create, read, change, disable, delete, claim. */
@Injectable()
export class ConnectionsService {
  constructor(
    private readonly repository: ConnectionsRepository,
    @Inject(CONNECTION_SETTINGS) private readonly settings: ConnectionSettings,
  ) {}

  view(connection: ConnectionEntity): ConnectionView {
    return toView(connection, new Date(), this.settings.reauthorizationNoticeDays);
  }

  /** The tenant's connection, or CONNECTION_NOT_FOUND (also for another tenant's: no existence leak). */
  async get(tenantId: string, id: string): Promise<ConnectionEntity> {
    const connection = await this.repository.find(tenantId, id);
    if (!connection) throw new ConnectionError('CONNECTION_NOT_FOUND', `No connection ${id}`, { connectionId: id });
    return connection;
  }

  list(tenantId: string): Promise<ConnectionEntity[]> {
    return this.repository.list(tenantId);
  }

  async create(tenantId: string, body: CreateConnection): Promise<ConnectionEntity> {
    const marketplace = marketplaceOrFail(body.marketplaceId);
    if (body.region) assertSameRegion(marketplace, body.region);
    return this.repository.create({
      id: uuidv7(),
      tenantId,
      name: body.name,
      marketplaceId: marketplace.id,
      region: marketplace.region,
      sellingPartnerId: body.sellingPartnerId ?? null,
      status: 'PENDING_AUTHORIZATION',
      statusReason: null,
      credentialId: null,
      authorizedAt: null,
      reauthorizationDueAt: null,
      reauthorizationNotifiedAt: null,
      lastTestedAt: null,
      lastTestOutcome: null,
      lastTestMessage: null,
    });
  }

  /** Renames or moves to another marketplace; an authorized connection stays in its credential's region. */
  async update(tenantId: string, id: string, body: UpdateConnection): Promise<ConnectionEntity> {
    const connection = await this.get(tenantId, id);
    const change: Partial<ConnectionEntity> = {};
    if (body.name !== undefined) change.name = body.name;
    if (body.marketplaceId !== undefined) {
      const marketplace = marketplaceOrFail(body.marketplaceId);
      // Before authorization the region may still change; after it the refresh token pins it.
      if (connection.credentialId || connection.authorizedAt) assertSameRegion(marketplace, connection.region);
      change.marketplaceId = marketplace.id;
      change.region = marketplace.region;
    }
    return this.repository.update(connection.id, change);
  }

  async disable(tenantId: string, id: string): Promise<ConnectionEntity> {
    const connection = await this.get(tenantId, id);
    this.assertCan('disable', connection);
    return this.repository.transition(connection, { status: 'DISABLED', statusReason: 'disabled by the platform' }, null, null);
  }

  async enable(tenantId: string, id: string): Promise<ConnectionEntity> {
    const connection = await this.get(tenantId, id);
    this.assertCan('enable', connection);
    return this.repository.transition(connection, { status: nextStatus('enable', connection.credentialId !== null), statusReason: null }, null, null);
  }

  /** Disconnects: the stored refresh token is wiped (unless another connection shares it) and ConnectionRevoked goes out. */
  async revoke(tenantId: string, id: string): Promise<ConnectionEntity> {
    const connection = await this.get(tenantId, id);
    this.assertCan('revoke', connection);
    return this.repository.revoke(connection, 'disconnected by the platform');
  }

  async delete(tenantId: string, id: string): Promise<void> {
    await this.repository.delete(await this.get(tenantId, id));
  }

  /** Turns an Appstore-initiated authorization into a connection of this tenant. */
  async claim(tenantId: string, body: { claimCode: string; name: string; marketplaceId: string }): Promise<ConnectionEntity> {
    const pending = await this.repository.findPending(hashSecret(body.claimCode));
    if (!pending || pending.expiresAt.getTime() <= Date.now()) throw new ConnectionError('CLAIM_CODE_INVALID', 'The claim code is unknown, used or expired');
    const marketplace = marketplaceOrFail(body.marketplaceId);
    assertSameRegion(marketplace, pending.region);
    try {
      return await this.repository.claim(pending, {
        id: uuidv7(),
        tenantId,
        name: body.name,
        marketplaceId: marketplace.id,
        region: marketplace.region,
        statusReason: null,
        reauthorizationNotifiedAt: null,
        lastTestedAt: null,
        lastTestOutcome: null,
        lastTestMessage: null,
      });
    } catch (error) {
      if (error instanceof Error && /already claimed/.test(error.message))
        throw new ConnectionError('CLAIM_CODE_INVALID', 'The claim code is unknown, used or expired');
      throw error;
    }
  }

  private assertCan(action: ConnectionAction, connection: ConnectionEntity): void {
    if (!canApply(action, connection.status)) {
      throw new ConnectionError('INVALID_STATUS_TRANSITION', `Cannot ${action} a connection that is ${connection.status}`, {
        status: connection.status,
        action,
      });
    }
  }
}
