import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { randomToken } from '../core/rng';
import type { AppRecord } from '../state/auth-store';
import { AUTH_CODE_TTL_MS } from '../state/auth-store';
import { DEFAULTS, SandboxState } from '../state/sandbox-state';

/** A consent-flow failure shown to the seller as an error page. */
export class ConsentError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConsentError';
  }
}

/** How long a rendered consent page stays usable, and an `amazon_state` (not documented by Amazon). */
const PENDING_TTL_MS = 15 * 60_000;

/**
 * The website and Appstore authorization workflows: consent page, codes and redirects with
 * `state`, `selling_partner_id`, `spapi_oauth_code` and `mws_auth_token`.
 */
@Injectable()
export class ConsentService {
  constructor(@Inject(SandboxState) private readonly state: SandboxState) {}

  private app(applicationId: string | undefined, version: string | undefined): AppRecord {
    const app = applicationId ? this.state.auth.appByApplicationId(applicationId) : undefined;
    if (!app) throw new ConsentError('MD9100', `Unknown application_id ${applicationId ?? '(missing)'}.`);
    if (app.draft && version !== 'beta') throw new ConsentError('MD1000', 'This application is in draft; add version=beta to the authorization URL.');
    return app;
  }

  /** Registered redirect URI check (Amazon: exact match, else MD5101; default = first registered). */
  private redirectUri(app: AppRecord, given: string | undefined): string {
    if (app.redirectUris.length === 0) {
      // The sandbox's default app accepts any http(s) redirect URI so a newcomer needs no setup.
      if (given && /^https?:\/\//.test(given)) return given;
      throw new ConsentError('MD5101', 'A redirect_uri is required: the default sandbox app has no registered redirect URI.');
    }
    if (given === undefined) return app.redirectUris[0] as string;
    if (!app.redirectUris.includes(given)) throw new ConsentError('MD5101', 'The redirect_uri does not match a registered redirect URI.');
    return given;
  }

  /** Starts the website flow; returns what the consent page needs. */
  begin(q: { application_id?: string; state?: string; version?: string; redirect_uri?: string }) {
    const app = this.app(q.application_id, q.version);
    if (!q.state) throw new ConsentError('MD9101', 'The state parameter is required.');
    const redirectUri = this.redirectUri(app, q.redirect_uri);
    const consentId = randomUUID();
    this.state.auth.pendingConsents.set(consentId, { app, state: q.state, redirectUri, expiresMs: this.state.clock.now() + PENDING_TTL_MS });
    return {
      consentId,
      appName: app.applicationId === DEFAULTS.applicationId ? 'Sandbox Demo App' : app.applicationId,
      applicationId: app.applicationId,
      sellers: [...this.state.sellers.values()].map((s) => ({ sellingPartnerId: s.sellingPartnerId, storeName: s.storeName })),
      selected: DEFAULTS.sellingPartnerId,
    };
  }

  /** The seller pressed Authorize or Cancel; returns the URL to redirect to. */
  decide(form: { consent_id?: string; selling_partner_id?: string; decision?: string }): string {
    const pending = form.consent_id ? this.state.auth.pendingConsents.get(form.consent_id) : undefined;
    if (!pending || pending.expiresMs < this.state.clock.now())
      throw new ConsentError('MD9102', 'This authorization page has expired; start again from the application.');
    this.state.auth.pendingConsents.delete(form.consent_id as string);
    const url = new URL(pending.redirectUri);
    if (form.decision !== 'authorize') {
      // Amazon's behaviour on Cancel is not documented; OAuth's access_denied is the closest match.
      url.searchParams.set('state', pending.state);
      url.searchParams.set('error', 'access_denied');
      return url.toString();
    }
    const sellerId = form.selling_partner_id ?? DEFAULTS.sellingPartnerId;
    if (!this.state.sellers.has(sellerId)) throw new ConsentError('MD9103', `Unknown selling account ${sellerId}.`);
    return this.grant(pending.app, sellerId, pending.redirectUri, pending.state);
  }

  private grant(app: AppRecord, sellingPartnerId: string, redirectUri: string, state: string): string {
    const code = randomToken(18);
    this.state.auth.codes.set(code, {
      code,
      clientId: app.clientId,
      applicationId: app.applicationId,
      sellingPartnerId,
      redirectUri,
      expiresMs: this.state.clock.now() + AUTH_CODE_TTL_MS,
      used: false,
    });
    const url = new URL(redirectUri);
    url.searchParams.set('state', state);
    url.searchParams.set('selling_partner_id', sellingPartnerId);
    url.searchParams.set('mws_auth_token', `amzn.mws.${randomUUID()}`);
    url.searchParams.set('spapi_oauth_code', code);
    return url.toString();
  }

  /** Appstore-initiated flow, step 1: send the seller to the app's login URI. */
  startFromAppstore(baseUrl: string, q: { application_id?: string; selling_partner_id?: string; version?: string }): string {
    const app = this.app(q.application_id, q.version);
    if (!app.loginUri) throw new ConsentError('MD9104', 'This application has no login URI for the Appstore flow.');
    const sellerId = q.selling_partner_id ?? DEFAULTS.sellingPartnerId;
    if (!this.state.sellers.has(sellerId)) throw new ConsentError('MD9103', `Unknown selling account ${sellerId}.`);
    const amazonState = randomToken(18);
    this.state.auth.amazonStates.set(amazonState, {
      amazonState,
      applicationId: app.applicationId,
      sellingPartnerId: sellerId,
      expiresMs: this.state.clock.now() + PENDING_TTL_MS,
      used: false,
    });
    const url = new URL(app.loginUri);
    url.searchParams.set('amazon_callback_uri', `${baseUrl}/apps/authorize/confirm/${encodeURIComponent(app.applicationId)}`);
    url.searchParams.set('amazon_state', amazonState);
    url.searchParams.set('selling_partner_id', sellerId);
    if (app.draft) url.searchParams.set('version', 'beta');
    return url.toString();
  }

  /** Appstore-initiated flow, step 2: the app sends the seller back; finish like the website flow. */
  completeFromAppstore(applicationId: string, q: { amazon_state?: string; state?: string; redirect_uri?: string; version?: string }): string {
    const app = this.app(applicationId, q.version);
    const record = q.amazon_state ? this.state.auth.amazonStates.get(q.amazon_state) : undefined;
    if (!record || record.used || record.expiresMs < this.state.clock.now() || record.applicationId !== app.applicationId) {
      throw new ConsentError('MD9105', 'The amazon_state is invalid, expired or already used.');
    }
    if (!q.state) throw new ConsentError('MD9101', 'The state parameter is required.');
    record.used = true;
    return this.grant(app, record.sellingPartnerId, this.redirectUri(app, q.redirect_uri), q.state);
  }
}
