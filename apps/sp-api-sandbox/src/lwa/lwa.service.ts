import { Inject, Injectable } from '@nestjs/common';
import type { AppRecord } from '../state/auth-store';
import { SandboxState } from '../state/sandbox-state';
import { LwaError, LwaErrorCode } from './lwa-error';

/** Scopes the sandbox grants to `client_credentials` (grantless operations). */
export const GRANTLESS_SCOPES = ['sellingpartnerapi::notifications', 'sellingpartnerapi::client_credential:rotation'];

/** LWA's successful token response. */
export interface LwaTokenResponse {
  access_token: string;
  refresh_token?: string;
  token_type: 'bearer';
  expires_in: number;
  scope?: string;
}

/** The Login with Amazon token endpoint: the three grants SP-API apps use. */
@Injectable()
export class LwaService {
  constructor(@Inject(SandboxState) private readonly state: SandboxState) {}

  /** Exchanges a grant for tokens; throws {@link LwaError} in LWA's terms. */
  token(form: Record<string, string | undefined>): LwaTokenResponse {
    const grantType = form['grant_type'];
    if (!grantType) throw new LwaError(LwaErrorCode.InvalidRequest, 'The request is missing a required parameter : grant_type');
    if (!['refresh_token', 'authorization_code', 'client_credentials'].includes(grantType)) {
      throw new LwaError(LwaErrorCode.UnsupportedGrantType, `The authorization grant type is not supported by the authorization server: ${grantType}`);
    }
    if (!form['client_id']) throw new LwaError(LwaErrorCode.InvalidRequest, 'The request is missing a required parameter : client_id');
    const app = this.state.auth.apps.get(form['client_id']);
    if (!app || app.clientSecret !== form['client_secret']) {
      throw new LwaError(LwaErrorCode.InvalidClient, 'Client authentication failed');
    }
    switch (grantType) {
      case 'refresh_token':
        return this.refresh(app, form['refresh_token']);
      case 'authorization_code':
        return this.exchangeCode(app, form['code'], form['redirect_uri']);
      default:
        return this.grantless(app, form['scope']);
    }
  }

  private ttl(): number {
    return this.state.settings.tokenTtlSeconds;
  }

  private refresh(app: AppRecord, refreshToken: string | undefined): LwaTokenResponse {
    if (!refreshToken) throw new LwaError(LwaErrorCode.InvalidRequest, 'The request is missing a required parameter : refresh_token');
    const record = this.state.auth.refreshTokens.get(refreshToken);
    if (!record || record.revoked) throw new LwaError(LwaErrorCode.InvalidGrant, 'The request has an invalid grant parameter : refresh_token');
    if (record.clientId !== app.clientId) {
      throw new LwaError(LwaErrorCode.UnauthorizedClient, 'The refresh token was issued to another client');
    }
    const now = this.state.clock.now();
    const access = this.state.auth.issueAccessToken(
      { clientId: app.clientId, sellingPartnerId: record.sellingPartnerId, refreshToken, expiresMs: now + this.ttl() * 1000 },
      now,
    );
    return { access_token: access.token, refresh_token: refreshToken, token_type: 'bearer', expires_in: this.ttl() };
  }

  private exchangeCode(app: AppRecord, code: string | undefined, redirectUri: string | undefined): LwaTokenResponse {
    if (!code) throw new LwaError(LwaErrorCode.InvalidRequest, 'The request is missing a required parameter : code');
    const record = this.state.auth.codes.get(code);
    const now = this.state.clock.now();
    if (!record || record.used || record.expiresMs <= now) {
      throw new LwaError(LwaErrorCode.InvalidGrant, 'The request has an invalid grant parameter : code');
    }
    if (record.clientId !== app.clientId) throw new LwaError(LwaErrorCode.InvalidGrant, 'The authorization code was issued to another client');
    if (redirectUri !== undefined && redirectUri !== record.redirectUri) {
      throw new LwaError(LwaErrorCode.InvalidGrant, 'The redirect_uri does not match the one used for the authorization');
    }
    record.used = true;
    const refresh = this.state.auth.issueRefreshToken(record.sellingPartnerId, app.clientId);
    const access = this.state.auth.issueAccessToken(
      { clientId: app.clientId, sellingPartnerId: record.sellingPartnerId, refreshToken: refresh.token, expiresMs: now + this.ttl() * 1000 },
      now,
    );
    return { access_token: access.token, refresh_token: refresh.token, token_type: 'bearer', expires_in: this.ttl() };
  }

  private grantless(app: AppRecord, scope: string | undefined): LwaTokenResponse {
    if (!scope) throw new LwaError(LwaErrorCode.InvalidRequest, 'The request is missing a required parameter : scope');
    const scopes = scope.split(/\s+/).filter(Boolean);
    const unknown = scopes.find((s) => !GRANTLESS_SCOPES.includes(s));
    if (unknown) throw new LwaError(LwaErrorCode.InvalidScope, `An unknown scope was requested: ${unknown}`);
    const now = this.state.clock.now();
    const access = this.state.auth.issueAccessToken({ clientId: app.clientId, sellingPartnerId: null, scope, expiresMs: now + this.ttl() * 1000 }, now);
    return { access_token: access.token, token_type: 'bearer', expires_in: this.ttl(), scope };
  }
}
