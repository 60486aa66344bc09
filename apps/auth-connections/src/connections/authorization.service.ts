import { buildConsentUrl, isSpApiRegion, MARKETPLACES, SpApiError, type SpApiRegion } from '@amazon-channel/sp-api';
import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CONNECTION_SETTINGS, type ConnectionSettings } from './connection-settings';
import { ConnectionError } from './connections.error';
import { ConnectionsRepository } from './connections.repository';
import { ConnectionsService } from './connections.service';
import { canApply } from './domain/connection-status';
import { hashSecret, randomSecret, SetupLinkSigner } from './domain/secrets';
import type { ConnectionEntity } from './entities/connection.entity';
import type { OAuthStateEntity } from './entities/oauth-state.entity';
import { LwaApps } from './lwa/lwa-apps';

/** Query of Amazon's redirect to our OAuth redirect URI. */
export interface CallbackQuery {
  state?: string;
  selling_partner_id?: string;
  spapi_oauth_code?: string;
  error?: string;
  error_description?: string;
}

/** Query of the Appstore's call of our login URI. */
export interface LoginQuery {
  amazon_callback_uri?: string;
  amazon_state?: string;
  selling_partner_id?: string;
}

/** How a callback ended. */
export type CallbackResult =
  | { outcome: 'CONNECTED'; connectionId: string; sellingPartnerId: string; marketplaceId: string }
  | { outcome: 'PENDING_CLAIM'; claimCode: string; sellingPartnerId: string; region: string; expiresAt: string };

/** How long an unclaimed Appstore authorization is kept. */
const CLAIM_TTL_MS = 7 * 86_400_000;

/**
 * The OAuth flows: website authorization (consent URL → callback), the Appstore-initiated flow
 * (login URI → Amazon → callback) and setup links. The refresh token is stored only after every
 * check passed, in the transaction that activates the connection and emits ConnectionAuthorized.
 */
@Injectable()
export class AuthorizationService {
  constructor(
    private readonly repository: ConnectionsRepository,
    private readonly connections: ConnectionsService,
    private readonly apps: LwaApps,
    private readonly signer: SetupLinkSigner,
    @Inject(CONNECTION_SETTINGS) private readonly settings: ConnectionSettings,
  ) {}

  /** Creates a single-use state bound to tenant + connection and returns the consent URL. */
  async startWebsite(tenantId: string, connectionId: string): Promise<{ consentUrl: string; expiresAt: string }> {
    const connection = await this.connections.get(tenantId, connectionId);
    if (!canApply('authorize', connection.status)) {
      throw new ConnectionError('INVALID_STATUS_TRANSITION', `Cannot authorize a connection that is ${connection.status}; enable it first`, {
        status: connection.status,
      });
    }
    const region = connection.region as SpApiRegion;
    const state = randomSecret();
    const expiresAt = new Date(Date.now() + this.settings.stateTtlMs);
    await this.repository.saveState({
      stateHash: hashSecret(state),
      kind: 'WEBSITE',
      tenantId,
      connectionId,
      sellingPartnerId: connection.sellingPartnerId,
      region,
      redirectUri: this.settings.redirectUri,
      expiresAt,
    });
    const consentUrl = buildConsentUrl({
      marketplaceId: connection.marketplaceId,
      applicationId: this.apps.applicationId(region),
      state,
      beta: this.settings.appDraft,
      redirectUri: this.settings.redirectUri,
      sellerCentralUrl: this.settings.sellerCentralUrl ?? undefined,
    });
    return { consentUrl, expiresAt: expiresAt.toISOString() };
  }

  /** A signed, expiring link the account owner can open without a platform login. */
  async setupLink(tenantId: string, connectionId: string): Promise<{ url: string; expiresAt: string }> {
    const connection = await this.connections.get(tenantId, connectionId);
    if (!canApply('authorize', connection.status)) {
      throw new ConnectionError('INVALID_STATUS_TRANSITION', `Cannot authorize a connection that is ${connection.status}; enable it first`, {
        status: connection.status,
      });
    }
    const expiresAt = Date.now() + this.settings.setupLinkTtlMs;
    const token = this.signer.sign({ tenantId, connectionId, expiresAt });
    return { url: `${this.settings.publicUrl}/oauth/setup?token=${encodeURIComponent(token)}`, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Opens a setup link: verifies it, then starts the website flow for its connection. */
  async openSetupLink(token: string | undefined): Promise<string> {
    const claims = this.signer.verify(token ?? '', Date.now());
    if (claims === 'INVALID') throw new ConnectionError('SETUP_LINK_INVALID', 'This setup link is not valid');
    if (claims === 'EXPIRED') throw new ConnectionError('SETUP_LINK_EXPIRED', 'This setup link has expired; ask for a new one');
    const connection = await this.repository.find(claims.tenantId, claims.connectionId);
    if (!connection) throw new ConnectionError('SETUP_LINK_INVALID', 'The connection of this setup link no longer exists');
    return (await this.startWebsite(claims.tenantId, claims.connectionId)).consentUrl;
  }

  /**
   * Appstore-initiated flow, step 1: Amazon opened our login URI. We keep a state with the seller
   * Amazon named and send the browser back to Amazon's callback URI.
   */
  async appstoreLogin(query: LoginQuery): Promise<string> {
    const { amazon_callback_uri: callbackUri, amazon_state: amazonState, selling_partner_id: sellingPartnerId } = query;
    if (!callbackUri || !amazonState || !sellingPartnerId) {
      throw new ConnectionError('INVALID_REQUEST', 'amazon_callback_uri, amazon_state and selling_partner_id are required', {
        field: !callbackUri ? 'amazon_callback_uri' : !amazonState ? 'amazon_state' : 'selling_partner_id',
      });
    }
    if (!/^[A-Z0-9]{8,20}$/.test(sellingPartnerId))
      throw new ConnectionError('INVALID_REQUEST', 'selling_partner_id is malformed', { field: 'selling_partner_id' });
    const region = this.regionOfCallback(callbackUri);
    const state = randomSecret();
    await this.repository.saveState({
      stateHash: hashSecret(state),
      kind: 'APPSTORE',
      tenantId: null,
      connectionId: null,
      sellingPartnerId,
      region,
      redirectUri: this.settings.redirectUri,
      expiresAt: new Date(Date.now() + this.settings.stateTtlMs),
    });
    const url = new URL(callbackUri);
    url.searchParams.set('redirect_uri', this.settings.redirectUri);
    url.searchParams.set('amazon_state', amazonState);
    url.searchParams.set('state', state);
    if (this.settings.appDraft) url.searchParams.set('version', 'beta');
    return url.toString();
  }

  /**
   * Only Seller Central hosts (or the configured consent origin) may receive the browser: the
   * login URI must not become an open redirect. The host also tells the region.
   */
  private regionOfCallback(callbackUri: string): SpApiRegion {
    let url: URL;
    try {
      url = new URL(callbackUri);
    } catch {
      throw new ConnectionError('INVALID_REQUEST', 'amazon_callback_uri is not a URL', { field: 'amazon_callback_uri' });
    }
    if (this.settings.sellerCentralUrl && url.origin === new URL(this.settings.sellerCentralUrl).origin) return this.settings.appstoreDefaultRegion;
    const regions = new Set(MARKETPLACES.filter((m) => new URL(m.sellerCentralUrl).host === url.host).map((m) => m.region));
    if (url.protocol !== 'https:' || regions.size === 0) {
      throw new ConnectionError('INVALID_REQUEST', 'amazon_callback_uri is not a Seller Central address', { field: 'amazon_callback_uri' });
    }
    return regions.size === 1 ? ([...regions][0] as SpApiRegion) : this.settings.appstoreDefaultRegion;
  }

  /** Amazon's redirect after consent (both flows). */
  async callback(query: CallbackQuery): Promise<CallbackResult> {
    if (!query.state) throw new ConnectionError('OAUTH_STATE_MISSING', 'The state parameter is missing');
    const consumed = await this.repository.consumeState(hashSecret(query.state), new Date());
    switch (consumed.outcome) {
      case 'UNKNOWN':
        throw new ConnectionError('OAUTH_STATE_INVALID', 'This authorization was not started here (unknown state)');
      case 'REPLAYED':
        throw new ConnectionError('OAUTH_STATE_REPLAYED', 'This authorization response was already used; start again');
      case 'EXPIRED':
        throw new ConnectionError('OAUTH_STATE_EXPIRED', 'This authorization took too long (state expired); start again');
      case 'OK':
        break;
    }
    const state = consumed.state;
    if (query.error)
      throw new ConnectionError('OAUTH_DENIED', `Amazon did not authorize the app (${query.error.slice(0, 100)})`, { error: query.error.slice(0, 100) });
    if (!query.spapi_oauth_code) throw new ConnectionError('OAUTH_CODE_MISSING', 'The spapi_oauth_code parameter is missing');
    const sellingPartnerId = query.selling_partner_id ?? '';
    if (!/^[A-Z0-9]{8,20}$/.test(sellingPartnerId))
      throw new ConnectionError('INVALID_REQUEST', 'selling_partner_id is missing or malformed', { field: 'selling_partner_id' });
    if (!isSpApiRegion(state.region)) throw new ConnectionError('OAUTH_STATE_FOREIGN', 'The state names no region');
    return state.kind === 'WEBSITE'
      ? this.finishWebsite(state, state.region, sellingPartnerId, query.spapi_oauth_code)
      : this.finishAppstore(state, state.region, sellingPartnerId, query.spapi_oauth_code);
  }

  private async finishWebsite(state: OAuthStateEntity, region: SpApiRegion, sellingPartnerId: string, code: string): Promise<CallbackResult> {
    const connection = state.tenantId && state.connectionId ? await this.repository.find(state.tenantId, state.connectionId) : null;
    if (!connection || connection.region !== region || !canApply('authorize', connection.status)) {
      throw new ConnectionError('OAUTH_STATE_FOREIGN', 'The state was issued for a connection that no longer accepts this authorization');
    }
    this.assertSeller(connection, sellingPartnerId);
    const refreshToken = await this.exchange(region, code, state.redirectUri);
    const activated = await this.repository.activate(
      connection.id,
      { sellingPartnerId, region, lwaClientId: this.apps.client(region).clientId, refreshToken, at: new Date() },
      (locked) => {
        // Re-checked under the row lock: the connection may have changed while LWA answered.
        if (locked.tenantId !== state.tenantId || locked.region !== region || !canApply('authorize', locked.status)) {
          throw new ConnectionError('OAUTH_STATE_FOREIGN', 'The connection changed while it was being authorized; start again');
        }
        this.assertSeller(locked, sellingPartnerId);
      },
    );
    return { outcome: 'CONNECTED', connectionId: activated.id, sellingPartnerId, marketplaceId: activated.marketplaceId };
  }

  private async finishAppstore(state: OAuthStateEntity, region: SpApiRegion, sellingPartnerId: string, code: string): Promise<CallbackResult> {
    if (state.sellingPartnerId !== sellingPartnerId) {
      throw new ConnectionError(
        'SELLER_MISMATCH',
        `Amazon authorized ${sellingPartnerId}, but the Appstore started the flow for ${state.sellingPartnerId ?? 'another seller'}`,
        { sellingPartnerId },
      );
    }
    const refreshToken = await this.exchange(region, code, state.redirectUri);
    const at = new Date();
    // Never attached by matching the seller id: it is public, and any tenant can create a pending
    // connection naming it. The token waits for the tenant that proves itself with the claim code.
    const claimCode = randomSecret();
    const expiresAt = new Date(at.getTime() + CLAIM_TTL_MS);
    await this.repository.savePending(
      {
        id: uuidv7(),
        claimCodeHash: hashSecret(claimCode),
        sellingPartnerId,
        region,
        lwaClientId: this.apps.client(region).clientId,
        authorizedAt: at,
        expiresAt,
      },
      refreshToken,
    );
    return { outcome: 'PENDING_CLAIM', claimCode, sellingPartnerId, region, expiresAt: expiresAt.toISOString() };
  }

  private assertSeller(connection: ConnectionEntity, sellingPartnerId: string): void {
    if (connection.sellingPartnerId && connection.sellingPartnerId !== sellingPartnerId) {
      throw new ConnectionError(
        'SELLER_MISMATCH',
        `Amazon authorized selling account ${sellingPartnerId}, but connection ${connection.id} expects ${connection.sellingPartnerId}`,
        {
          expected: connection.sellingPartnerId,
          received: sellingPartnerId,
        },
      );
    }
  }

  /** Exchanges the one-time code; LWA refusals become CODE_EXCHANGE_FAILED, outages AMAZON_UNAVAILABLE. */
  private async exchange(region: SpApiRegion, code: string, redirectUri: string): Promise<string> {
    try {
      const res = await this.apps.client(region).exchangeAuthorizationCode(code, redirectUri);
      if (!res.refreshToken) throw new ConnectionError('CODE_EXCHANGE_FAILED', 'Login with Amazon returned no refresh token');
      return res.refreshToken;
    } catch (error) {
      if (error instanceof SpApiError) {
        if (error.retryable) throw new ConnectionError('AMAZON_UNAVAILABLE', `Login with Amazon is unavailable: ${error.message}`);
        throw new ConnectionError(
          'CODE_EXCHANGE_FAILED',
          `Login with Amazon refused the authorization code${error.amazonCode ? ` (${error.amazonCode})` : ''}; start again`,
          { amazonCode: error.amazonCode ?? null },
        );
      }
      throw error;
    }
  }
}
