import {
  ConnectionAuthFailedV1,
  ConnectionChangedV1,
  ConnectionAuthorizedV1,
  ConnectionReauthorizationDueV1,
  ConnectionRevokedV1,
  type EventDefinition,
} from '@amazon-channel/contracts';
import { currentCorrelationId } from '@amazon-channel/platform-observability';
import { appendToOutbox, FieldCipher } from '@amazon-channel/platform-persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, LessThan, MoreThan, Not, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { changeOfTransition, connectionChangedEvent, type ConnectionChange } from './domain/connection-snapshot';
import { reauthorizationDueAt } from './domain/connection-status';
import { ConnectionEntity, type ConnectionStatus } from './entities/connection.entity';
import { CredentialEntity } from './entities/credential.entity';
import { OAuthStateEntity } from './entities/oauth-state.entity';
import { PendingAuthorizationEntity } from './entities/pending-authorization.entity';

/** DI token of the service's {@link FieldCipher}. */
export const FIELD_CIPHER = Symbol('FIELD_CIPHER');

/** A new connection row: the database fills the timestamps and the first revision. */
type NewConnection = Omit<ConnectionEntity, 'createdAt' | 'updatedAt' | 'revision'>;

/** Changes that other services' projections must hear about (the rest is auth-connections' own). */
const PROJECTED: ReadonlyArray<keyof ConnectionEntity> = ['marketplaceId', 'region', 'sellingPartnerId', 'status', 'tenantId'];

type ConnectionEvent = typeof ConnectionAuthorizedV1 | typeof ConnectionAuthFailedV1 | typeof ConnectionRevokedV1 | typeof ConnectionReauthorizationDueV1;

/** A credential in clear, for the token service only. Never serialised. */
export interface OpenCredential {
  id: string;
  sellingPartnerId: string;
  region: string;
  lwaClientId: string;
  refreshToken: string;
}

/** What an authorization stores: the seller, the region and the new refresh token. */
export interface GrantedAuthorization {
  sellingPartnerId: string;
  region: string;
  lwaClientId: string;
  refreshToken: string;
  at: Date;
}

/** Outcome of consuming a single-use state. */
export type ConsumedState = { outcome: 'OK'; state: OAuthStateEntity } | { outcome: 'UNKNOWN' | 'REPLAYED' | 'EXPIRED'; state: OAuthStateEntity | null };

/**
 * Connections, credentials, states and the events announcing their changes, written together:
 * a state change and its event commit in one transaction or not at all. Refresh tokens are
 * encrypted here, with the active key, before they reach the database.
 */
@Injectable()
export class ConnectionsRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
  ) {}

  private get connections() {
    return this.dataSource.getRepository(ConnectionEntity);
  }

  async create(row: NewConnection): Promise<ConnectionEntity> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ConnectionEntity, row);
      await this.announce(manager, row.id, 'CREATED');
    });
    return this.connections.findOneByOrFail({ id: row.id });
  }

  /** One page of every connection, by id, for the other services' projection rebuild. */
  page(after: string | null, limit: number): Promise<ConnectionEntity[]> {
    return this.connections.find({ where: after ? { id: MoreThan(after) } : {}, order: { id: 'ASC' }, take: limit });
  }

  list(tenantId: string): Promise<ConnectionEntity[]> {
    return this.connections.find({ where: { tenantId }, order: { createdAt: 'ASC' } });
  }

  find(tenantId: string, id: string): Promise<ConnectionEntity | null> {
    return this.connections.findOneBy({ tenantId, id });
  }

  /** Internal callers (token service) know the id only. */
  findById(id: string): Promise<ConnectionEntity | null> {
    return this.connections.findOneBy({ id });
  }

  async update(id: string, change: Partial<ConnectionEntity>): Promise<ConnectionEntity> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(ConnectionEntity, { id }, change);
      if (PROJECTED.some((key) => key in change)) await this.announce(manager, id, 'MARKETPLACE_CHANGED');
    });
    return this.connections.findOneByOrFail({ id });
  }

  /** Changes status and emits the matching event in one transaction. */
  async transition(
    connection: ConnectionEntity,
    change: Partial<ConnectionEntity> & { status: ConnectionStatus },
    event: ConnectionEvent | null,
    reason: string | null,
  ): Promise<ConnectionEntity> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(ConnectionEntity, { id: connection.id }, change);
      if (event) await this.emit(manager, event, { ...connection, ...change }, reason);
      await this.announce(manager, connection.id, changeOfTransition(connection.status, change.status));
    });
    return this.connections.findOneByOrFail({ id: connection.id });
  }

  /**
   * Deletes a connection (and its credential when no other connection shares it), emitting
   * ConnectionRevoked: other services stop using it.
   */
  async delete(connection: ConnectionEntity): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // Announced before the row goes: the tombstone carries the row's last revision + 1.
      await this.announce(manager, connection.id, 'DELETED');
      await manager.delete(ConnectionEntity, { id: connection.id });
      if (connection.credentialId) await this.dropCredentialIfUnused(manager, connection.credentialId);
      await this.emit(manager, ConnectionRevokedV1, connection, 'deleted');
    });
  }

  /** Revokes: the connection keeps its settings, loses its credential (wiped when unused). */
  async revoke(connection: ConnectionEntity, reason: string): Promise<ConnectionEntity> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(ConnectionEntity, { id: connection.id }, { status: 'REVOKED', statusReason: reason, credentialId: null });
      if (connection.credentialId) await this.dropCredentialIfUnused(manager, connection.credentialId);
      await this.emit(manager, ConnectionRevokedV1, connection, reason);
      await this.announce(manager, connection.id, 'REVOKED');
    });
    return this.connections.findOneByOrFail({ id: connection.id });
  }

  private async dropCredentialIfUnused(manager: EntityManager, credentialId: string): Promise<void> {
    const users = await manager.count(ConnectionEntity, { where: { credentialId } });
    if (users === 0) await manager.delete(CredentialEntity, { id: credentialId });
  }

  /** The connection's credential, decrypted. */
  async openCredential(credentialId: string): Promise<OpenCredential | null> {
    const row = await this.dataSource.getRepository(CredentialEntity).findOneBy({ id: credentialId });
    if (!row) return null;
    return {
      id: row.id,
      sellingPartnerId: row.sellingPartnerId,
      region: row.region,
      lwaClientId: row.lwaClientId,
      refreshToken: this.cipher.decrypt(row.refreshTokenCiphertext),
    };
  }

  findCredential(credentialId: string): Promise<CredentialEntity | null> {
    return this.dataSource.getRepository(CredentialEntity).findOneBy({ id: credentialId });
  }

  /**
   * Stores the authorization and activates `connection` (plus any connection of the same
   * credential that had failed), emitting ConnectionAuthorized for each, in one transaction.
   * `precheck` runs inside the transaction on the locked connection row; throwing aborts all.
   */
  async activate(connectionId: string, grant: GrantedAuthorization, precheck: (locked: ConnectionEntity) => void): Promise<ConnectionEntity> {
    await this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOne(ConnectionEntity, { where: { id: connectionId }, lock: { mode: 'pessimistic_write' } });
      if (!locked) throw new Error(`connection ${connectionId} vanished`);
      precheck(locked);
      const credentialId = await this.upsertCredential(manager, locked.tenantId, grant);
      const change = {
        status: 'ACTIVE' as const,
        statusReason: null,
        credentialId,
        sellingPartnerId: grant.sellingPartnerId,
        authorizedAt: grant.at,
        reauthorizationDueAt: reauthorizationDueAt(grant.at),
        reauthorizationNotifiedAt: null,
      };
      const siblings = await manager.find(ConnectionEntity, { where: { credentialId, status: 'AUTH_FAILED', id: Not(connectionId) } });
      for (const row of [locked, ...siblings]) {
        await manager.update(ConnectionEntity, { id: row.id }, change);
        await this.emit(manager, ConnectionAuthorizedV1, { ...row, ...change }, row.id === locked.id ? null : 'shared credential re-authorized');
        await this.announce(manager, row.id, 'AUTHORIZED');
      }
    });
    return this.connections.findOneByOrFail({ id: connectionId });
  }

  /** Creates an ACTIVE connection that shares an existing credential (one authorization, many marketplaces). */
  async createShared(row: NewConnection): Promise<ConnectionEntity> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ConnectionEntity, row);
      await this.emit(manager, ConnectionAuthorizedV1, row, 'shares an existing authorization');
      await this.announce(manager, row.id, 'AUTHORIZED');
    });
    return this.connections.findOneByOrFail({ id: row.id });
  }

  /** Creates a connection from a claimed Appstore authorization and deletes the pending record. */
  async claim(
    pending: PendingAuthorizationEntity,
    row: Omit<
      ConnectionEntity,
      'createdAt' | 'updatedAt' | 'revision' | 'credentialId' | 'status' | 'authorizedAt' | 'reauthorizationDueAt' | 'sellingPartnerId'
    >,
  ): Promise<ConnectionEntity> {
    await this.dataSource.transaction(async (manager) => {
      const deleted = await manager.delete(PendingAuthorizationEntity, { id: pending.id });
      // Two claims racing for one code: only the one that deleted the row goes on.
      if (!deleted.affected) throw new Error('pending authorization already claimed');
      const credentialId = await this.upsertCredential(manager, row.tenantId, {
        sellingPartnerId: pending.sellingPartnerId,
        region: pending.region,
        lwaClientId: pending.lwaClientId,
        refreshToken: this.cipher.decrypt(pending.refreshTokenCiphertext),
        at: pending.authorizedAt,
      });
      const full = {
        ...row,
        status: 'ACTIVE' as const,
        credentialId,
        sellingPartnerId: pending.sellingPartnerId,
        authorizedAt: pending.authorizedAt,
        reauthorizationDueAt: reauthorizationDueAt(pending.authorizedAt),
      };
      await manager.insert(ConnectionEntity, full);
      await this.emit(manager, ConnectionAuthorizedV1, full, 'claimed Appstore authorization');
      await this.announce(manager, full.id, 'AUTHORIZED');
    });
    return this.connections.findOneByOrFail({ id: row.id });
  }

  private async upsertCredential(manager: EntityManager, tenantId: string, grant: GrantedAuthorization): Promise<string> {
    const ciphertext = this.cipher.encrypt(grant.refreshToken);
    const existing = await manager.findOne(CredentialEntity, {
      where: { tenantId, sellingPartnerId: grant.sellingPartnerId, region: grant.region },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing) {
      await manager.update(
        CredentialEntity,
        { id: existing.id },
        { refreshTokenCiphertext: ciphertext, lwaClientId: grant.lwaClientId, authorizedAt: grant.at },
      );
      return existing.id;
    }
    const id = uuidv7();
    await manager.insert(CredentialEntity, {
      id,
      tenantId,
      sellingPartnerId: grant.sellingPartnerId,
      region: grant.region,
      lwaClientId: grant.lwaClientId,
      refreshTokenCiphertext: ciphertext,
      authorizedAt: grant.at,
    });
    return id;
  }

  /**
   * LWA refused the credential: every ACTIVE connection using it becomes AUTH_FAILED with one
   * ConnectionAuthFailed each. Concurrent callers race harmlessly: only rows still ACTIVE change.
   */
  async failCredential(credentialId: string, reason: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.find(ConnectionEntity, { where: { credentialId, status: 'ACTIVE' }, lock: { mode: 'pessimistic_write' } });
      for (const row of rows) {
        await manager.update(ConnectionEntity, { id: row.id }, { status: 'AUTH_FAILED', statusReason: reason });
        await this.emit(manager, ConnectionAuthFailedV1, row, reason);
        await this.announce(manager, row.id, 'AUTH_FAILED');
      }
      return rows.length;
    });
  }

  async saveState(row: Omit<OAuthStateEntity, 'createdAt' | 'updatedAt' | 'usedAt'>): Promise<void> {
    await this.dataSource.getRepository(OAuthStateEntity).insert({ ...row, usedAt: null });
  }

  /** Marks a state used, atomically: of two callbacks with one state, exactly one gets `OK`. */
  async consumeState(stateHash: string, now: Date): Promise<ConsumedState> {
    return this.dataSource.transaction(async (manager) => {
      const state = await manager.findOne(OAuthStateEntity, { where: { stateHash }, lock: { mode: 'pessimistic_write' } });
      if (!state) return { outcome: 'UNKNOWN', state: null };
      if (state.usedAt) return { outcome: 'REPLAYED', state };
      // Used even when expired: a late replay then reads REPLAYED, which is as true.
      await manager.update(OAuthStateEntity, { stateHash }, { usedAt: now });
      if (state.expiresAt.getTime() <= now.getTime()) return { outcome: 'EXPIRED', state };
      return { outcome: 'OK', state };
    });
  }

  /** Removes states that expired a day ago (they only matter for replay messages meanwhile). */
  async pruneStates(now: Date): Promise<void> {
    await this.dataSource.getRepository(OAuthStateEntity).delete({ expiresAt: LessThan(new Date(now.getTime() - 86_400_000)) });
    await this.dataSource.getRepository(PendingAuthorizationEntity).delete({ expiresAt: LessThan(now) });
  }

  async savePending(row: Omit<PendingAuthorizationEntity, 'createdAt' | 'updatedAt' | 'refreshTokenCiphertext'>, refreshToken: string): Promise<void> {
    await this.dataSource.getRepository(PendingAuthorizationEntity).insert({ ...row, refreshTokenCiphertext: this.cipher.encrypt(refreshToken) });
  }

  findPending(claimCodeHash: string): Promise<PendingAuthorizationEntity | null> {
    return this.dataSource.getRepository(PendingAuthorizationEntity).findOneBy({ claimCodeHash });
  }

  /** Connections whose re-authorization notice is due and not yet sent. */
  reauthorizationCandidates(noticeBefore: Date): Promise<ConnectionEntity[]> {
    return this.connections.find({
      where: { status: In(['ACTIVE']), reauthorizationNotifiedAt: IsNull(), reauthorizationDueAt: LessThan(noticeBefore) },
      take: 500,
    });
  }

  /** Emits ConnectionReauthorizationDue once per authorization. */
  async markReauthorizationNotified(connection: ConnectionEntity, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(ConnectionEntity, { id: connection.id, reauthorizationNotifiedAt: IsNull() }, { reauthorizationNotifiedAt: now });
      if (result.affected)
        await this.emit(manager, ConnectionReauthorizationDueV1, connection, `re-authorization due ${connection.reauthorizationDueAt?.toISOString() ?? ''}`);
    });
  }

  /** Counts by status, for the gauge. */
  /** Active connections whose re-authorization is due before `before` (notified or not). */
  countReauthorizationDueBefore(before: Date): Promise<number> {
    return this.connections.count({ where: { status: In(['ACTIVE']), reauthorizationDueAt: LessThan(before) } });
  }

  async countByStatus(): Promise<Array<{ status: string; count: number }>> {
    const rows = await this.connections
      .createQueryBuilder('c')
      .select('c.status', 'status')
      .addSelect('COUNT(*)::int', 'count')
      .groupBy('c.status')
      .getRawMany<{ status: string; count: number }>();
    return rows;
  }

  /**
   * Bumps the connection's revision and writes its ConnectionChanged snapshot to the outbox, in the
   * caller's transaction. The row lock taken by the increment orders concurrent changes, so
   * revisions follow commit order and consumers can keep the highest.
   */
  private async announce(manager: EntityManager, id: string, change: ConnectionChange): Promise<void> {
    await manager.increment(ConnectionEntity, { id }, 'revision', 1);
    const row = await manager.findOneByOrFail(ConnectionEntity, { id });
    await appendToOutbox(manager, [
      {
        definition: ConnectionChangedV1 as EventDefinition,
        data: connectionChangedEvent(row, change, new Date()),
        context: {
          producer: 'auth-connections',
          tenantId: row.tenantId,
          connectionId: row.id,
          correlationId: currentCorrelationId(),
          sellerId: row.sellingPartnerId ? `${row.sellingPartnerId}:${row.region}` : null,
        },
      },
    ]);
  }

  private async emit(
    manager: EntityManager,
    definition: ConnectionEvent,
    connection: Pick<ConnectionEntity, 'id' | 'tenantId' | 'sellingPartnerId' | 'marketplaceId' | 'region'>,
    reason: string | null,
  ): Promise<void> {
    await appendToOutbox(manager, [
      {
        definition: definition as EventDefinition,
        data: {
          connectionId: connection.id,
          sellingPartnerId: connection.sellingPartnerId,
          marketplaceId: connection.marketplaceId,
          region: connection.region,
          at: new Date().toISOString(),
          reason: reason?.slice(0, 500) ?? null,
        },
        context: {
          producer: 'auth-connections',
          tenantId: connection.tenantId,
          connectionId: connection.id,
          correlationId: currentCorrelationId(),
          sellerId: connection.sellingPartnerId ? `${connection.sellingPartnerId}:${connection.region}` : null,
        },
      },
    ]);
  }
}
