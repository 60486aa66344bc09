import { Injectable } from '@nestjs/common';
import { ConnectionNotFoundError } from './connection-not-found.error';
import type { ConnectionProjectionEntity } from './connection-projection.entity';
import { ConnectionsProjectionRepository } from './connections-projection.repository';

/**
 * The tenant check of every route and consumer that names a connection, against the service's
 * own projection of auth-connections' connections.
 * @example const connection = await this.ownership.ownedConnection(tenantId, body.connectionId);
 */
@Injectable()
export class ConnectionOwnership {
  constructor(private readonly projection: ConnectionsProjectionRepository) {}

  /** The tenant's connection; {@link ConnectionNotFoundError} (404) for an unknown, deleted or foreign one. */
  async ownedConnection(tenantId: string, connectionId: string): Promise<ConnectionProjectionEntity> {
    const row = await this.owned(tenantId, connectionId);
    if (!row) throw new ConnectionNotFoundError(connectionId);
    return row;
  }

  /**
   * For consumers, which cannot answer 404: `OWNED`; `NOT_OWNED` (another tenant's, or deleted: refuse
   * for good); `UNKNOWN` (not projected yet: the ConnectionChanged may still be on its way, retry).
   */
  async verdict(tenantId: string | null | undefined, connectionId: string): Promise<'OWNED' | 'NOT_OWNED' | 'UNKNOWN'> {
    const row = connectionId ? await this.projection.findAny(connectionId) : null;
    if (!row) return 'UNKNOWN';
    return tenantId && row.tenantId === tenantId && row.status !== 'DELETED' ? 'OWNED' : 'NOT_OWNED';
  }

  /** The tenant's connection or null: for consumers, which record a refusal instead of throwing HTTP errors. */
  async owned(tenantId: string | null | undefined, connectionId: string): Promise<ConnectionProjectionEntity | null> {
    if (!tenantId || !connectionId) return null;
    return this.projection.findOwned(tenantId, connectionId);
  }
}
