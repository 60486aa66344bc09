import { findMarketplace, SpApiClientFactory, SpApiError, type MarketplaceParticipation, type SpApiRegion } from '@amazon-channel/sp-api';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { AccessTokenService } from './access-token.service';
import { ConnectionError } from './connections.error';
import { ConnectionsRepository } from './connections.repository';
import { ConnectionsService } from './connections.service';
import { assertSameRegion, marketplaceOrFail } from './domain/marketplace-rules';
import type { ConnectionEntity } from './entities/connection.entity';

/** Result of "Test connection". */
export interface ConnectionTestResult {
  outcome: 'PASSED' | 'FAILED';
  testedAt: string;
  message: string;
  participatingMarketplaceIds: string[];
}

/** A marketplace the seller participates in, and whether this tenant already has a connection there. */
export interface ParticipationView {
  marketplaceId: string;
  name: string;
  countryCode: string;
  participating: boolean;
  connectionId: string | null;
}

/**
 * Talks to the seller's SP-API on behalf of a connection: "Test connection" and the seller's
 * marketplace participations (one authorization → connections for many marketplaces).
 */
@Injectable()
export class ConnectionTestService {
  constructor(
    private readonly repository: ConnectionsRepository,
    private readonly connections: ConnectionsService,
    private readonly tokens: AccessTokenService,
    private readonly factory: SpApiClientFactory,
  ) {}

  /** Refreshes a token, reads the participations, checks the connection's marketplace, records the outcome. */
  async test(tenantId: string, id: string): Promise<ConnectionTestResult> {
    const connection = await this.connections.get(tenantId, id);
    const testedAt = new Date();
    let outcome: ConnectionTestResult['outcome'] = 'FAILED';
    let message: string;
    let participating: string[] = [];
    try {
      participating = (await this.participations(connection)).filter((p) => p.participation.isParticipating).map((p) => p.marketplace.id);
      if (participating.includes(connection.marketplaceId)) {
        outcome = 'PASSED';
        message = `Connected to ${connection.sellingPartnerId ?? ''} in ${connection.marketplaceId}`;
      } else {
        message = `The seller does not participate in marketplace ${connection.marketplaceId}`;
      }
    } catch (error) {
      if (!(error instanceof ConnectionError)) throw error;
      message = `${error.code}: ${error.message}`;
    }
    await this.repository.update(connection.id, { lastTestedAt: testedAt, lastTestOutcome: outcome, lastTestMessage: message.slice(0, 500) });
    return { outcome, testedAt: testedAt.toISOString(), message, participatingMarketplaceIds: participating };
  }

  /** The seller's marketplaces of this region (known ids only), with this tenant's connections on them. */
  async marketplaces(tenantId: string, id: string): Promise<ParticipationView[]> {
    const connection = await this.connections.get(tenantId, id);
    const rows = await this.participations(connection);
    const siblings = (await this.repository.list(tenantId)).filter((c) => c.credentialId === connection.credentialId);
    return rows
      .filter((p) => findMarketplace(p.marketplace.id)?.region === connection.region)
      .map((p) => ({
        marketplaceId: p.marketplace.id,
        name: p.marketplace.name,
        countryCode: p.marketplace.countryCode,
        participating: p.participation.isParticipating,
        connectionId: siblings.find((c) => c.marketplaceId === p.marketplace.id)?.id ?? null,
      }));
  }

  /** A connection for another marketplace on the same authorization: no second consent. */
  async addMarketplace(tenantId: string, id: string, body: { marketplaceId: string; name?: string }): Promise<ConnectionEntity> {
    const source = await this.connections.get(tenantId, id);
    const marketplace = marketplaceOrFail(body.marketplaceId);
    assertSameRegion(marketplace, source.region);
    if (source.status !== 'ACTIVE' || !source.credentialId)
      throw new ConnectionError('CONNECTION_NOT_ACTIVE', `Connection ${id} is ${source.status}; authorize it first`);
    const existing = (await this.repository.list(tenantId)).find((c) => c.credentialId === source.credentialId && c.marketplaceId === marketplace.id);
    if (existing)
      throw new ConnectionError('CONNECTION_EXISTS', `Connection ${existing.id} already serves ${marketplace.id} for this seller`, {
        connectionId: existing.id,
      });
    const participating = (await this.participations(source)).some((p) => p.marketplace.id === marketplace.id && p.participation.isParticipating);
    if (!participating)
      throw new ConnectionError('MARKETPLACE_NOT_PARTICIPATING', `Seller ${source.sellingPartnerId ?? ''} does not sell in ${marketplace.id}`, {
        marketplaceId: marketplace.id,
      });
    const credential = await this.repository.findCredential(source.credentialId);
    return this.repository.createShared({
      id: uuidv7(),
      tenantId,
      name: body.name ?? `${source.name} ${marketplace.countryCode}`,
      marketplaceId: marketplace.id,
      region: marketplace.region,
      sellingPartnerId: source.sellingPartnerId,
      status: 'ACTIVE',
      statusReason: null,
      credentialId: source.credentialId,
      authorizedAt: credential?.authorizedAt ?? source.authorizedAt,
      reauthorizationDueAt: source.reauthorizationDueAt,
      reauthorizationNotifiedAt: source.reauthorizationNotifiedAt,
      lastTestedAt: null,
      lastTestOutcome: null,
      lastTestMessage: null,
    });
  }

  private async participations(connection: ConnectionEntity): Promise<MarketplaceParticipation[]> {
    const first = await this.tokens.get(connection.id);
    const client = this.factory.forSeller({
      sellingPartnerId: first.sellingPartnerId,
      region: first.region as SpApiRegion,
      accessTokens: {
        getAccessToken: async () => (await this.tokens.get(connection.id)).accessToken,
        invalidate: (token: string) => this.tokens.invalidate(connection.id, token),
      },
    });
    try {
      return (await client.sellers.getMarketplaceParticipations()).data;
    } catch (error) {
      if (error instanceof SpApiError)
        throw new ConnectionError('AMAZON_UNAVAILABLE', `getMarketplaceParticipations failed: ${error.message}`, {
          status: error.status ?? null,
          requestId: error.requestId ?? null,
        });
      throw error;
    }
  }
}
