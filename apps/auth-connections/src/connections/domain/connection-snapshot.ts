import type { ConnectionChangedV1, ConnectionSnapshot } from '@amazon-channel/contracts';
import type { ConnectionEntity, ConnectionStatus } from '../entities/connection.entity';

/** What a change did to a connection, as {@link ConnectionChangedV1} names it. */
export type ConnectionChange = ConnectionChangedV1['change'];

type SnapshotSource = Pick<ConnectionEntity, 'id' | 'tenantId' | 'sellingPartnerId' | 'region' | 'marketplaceId' | 'status' | 'revision'>;

/** The projection row other services keep of a connection (ids and status only: no secret, no PII). */
export function connectionSnapshot(connection: SnapshotSource, deleted = false): ConnectionSnapshot {
  return {
    connectionId: connection.id,
    tenantId: connection.tenantId,
    sellingPartnerId: connection.sellingPartnerId,
    region: connection.region as ConnectionSnapshot['region'],
    marketplaceId: connection.marketplaceId,
    status: deleted ? 'DELETED' : connection.status,
    revision: connection.revision,
  };
}

/** The data of the {@link ConnectionChangedV1} announcing `change`. */
export function connectionChangedEvent(connection: SnapshotSource, change: ConnectionChange, at: Date): ConnectionChangedV1 {
  return { ...connectionSnapshot(connection, change === 'DELETED'), change, at: at.toISOString() };
}

/** The change a status transition announces (disable/enable/other moves of `transition`). */
export function changeOfTransition(from: ConnectionStatus, to: ConnectionStatus): ConnectionChange {
  if (to === 'DISABLED') return 'DISABLED';
  if (from === 'DISABLED') return 'ENABLED';
  if (to === 'AUTH_FAILED') return 'AUTH_FAILED';
  if (to === 'REVOKED') return 'REVOKED';
  if (to === 'ACTIVE') return 'AUTHORIZED';
  return 'UPDATED';
}
