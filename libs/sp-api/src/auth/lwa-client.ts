import { inspect } from 'node:util';
import { AuthorizationRevokedError, SpApiError, SpApiErrorCode } from '../errors/sp-api-error';
import type { HttpTransport } from '../transport/http-transport';

/** The app's LWA client credentials (from the developer console). Secret: never log. */
export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
}

/** A token answer from LWA. `refreshToken` is set for the authorization-code grant. */
export interface LwaTokenResponse {
  accessToken: string;
  /** Seconds until the access token expires (3600 at Amazon). */
  expiresIn: number;
  tokenType: string;
  refreshToken?: string;
}

/** Grantless scopes SP-API accepts with `client_credentials`. */
export type LwaGrantlessScope = 'sellingpartnerapi::notifications' | (string & Record<never, never>);

/**
 * Minimal Login with Amazon token client (refresh-token, authorization-code, client-credentials
 * grants) against a configurable token URL.
 *
 * Why our own: no public SP-API SDK lets the token URL be configured (needed for the sandbox).
 */
export class LwaClient {
  constructor(
    private readonly transport: HttpTransport,
    private readonly tokenUrl: string,
    private readonly credentials: LwaCredentials,
    private readonly timeoutMs = 15_000,
  ) {}

  /** The LWA client id (not secret; used to scope cache keys). */
  get clientId(): string {
    return this.credentials.clientId;
  }

  /** Logs-safe view: the client secret never reaches a logger. */
  toJSON(): Record<string, string> {
    return { tokenUrl: this.tokenUrl, clientId: this.credentials.clientId };
  }

  [inspect.custom](): string {
    return `LwaClient ${JSON.stringify(this.toJSON())}`;
  }

  /** Exchanges a refresh token for an access token; `invalid_grant` → {@link AuthorizationRevokedError}. */
  refresh(refreshToken: string): Promise<LwaTokenResponse> {
    return this.post({ grant_type: 'refresh_token', refresh_token: refreshToken }, 'refresh_token');
  }

  /**
   * Exchanges the `spapi_oauth_code` from the consent redirect (valid 5 minutes, single use) for a
   * refresh + access token pair.
   */
  exchangeAuthorizationCode(code: string, redirectUri?: string): Promise<LwaTokenResponse> {
    const form: Record<string, string> = { grant_type: 'authorization_code', code };
    if (redirectUri) form['redirect_uri'] = redirectUri;
    return this.post(form, 'authorization_code');
  }

  /** Grantless token for operations such as Notifications destinations. */
  clientCredentials(scope: LwaGrantlessScope): Promise<LwaTokenResponse> {
    return this.post({ grant_type: 'client_credentials', scope }, 'client_credentials');
  }

  private async post(form: Record<string, string>, grant: string): Promise<LwaTokenResponse> {
    const body = new URLSearchParams({
      ...form,
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
    }).toString();
    const res = await this.transport.send({
      method: 'POST',
      url: this.tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
      body,
      timeoutMs: this.timeoutMs,
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      json = {};
    }
    if (res.status >= 200 && res.status < 300 && typeof json['access_token'] === 'string') {
      return {
        accessToken: json['access_token'],
        expiresIn: Number(json['expires_in'] ?? 3600),
        tokenType: typeof json['token_type'] === 'string' ? json['token_type'] : 'bearer',
        refreshToken: typeof json['refresh_token'] === 'string' ? json['refresh_token'] : undefined,
      };
    }
    // Only the OAuth error code and Amazon's description are surfaced: the body of an error never
    // echoes the submitted token at LWA, but we still do not copy unknown fields.
    const oauthError = typeof json['error'] === 'string' ? json['error'] : undefined;
    const description = typeof json['error_description'] === 'string' ? json['error_description'] : undefined;
    if (oauthError === 'invalid_grant' && grant === 'refresh_token') {
      throw new AuthorizationRevokedError({ status: res.status, amazonCode: oauthError, amazonMessage: description });
    }
    throw new SpApiError({
      code: SpApiErrorCode.LwaRequestFailed,
      message: `Login with Amazon ${grant} grant failed with HTTP ${res.status}${oauthError ? ` (${oauthError})` : ''}`,
      status: res.status,
      amazonCode: oauthError,
      amazonMessage: description,
      retryable: res.status === 429 || res.status >= 500,
    });
  }
}
