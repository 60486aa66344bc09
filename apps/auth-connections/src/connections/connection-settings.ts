import { SP_API_PRODUCTION_HOSTS, SP_API_REGIONS, type SpApiRegion } from '@amazon-channel/sp-api';
import type { AuthConnectionsConfig } from '../config/auth-connections.config';

/** One region's LWA application. The secret may still be a ciphertext here; {@link LwaApps} opens it. */
export interface LwaAppSettings {
  region: SpApiRegion;
  clientId: string;
  clientSecret: string;
  applicationId: string;
  /** When the client secret was issued, if configured (Amazon rotates secrets every 180 days). */
  secretIssuedAt: Date | null;
}

/** The configuration resolved into what the connection use cases need. */
export interface ConnectionSettings {
  publicUrl: string;
  redirectUri: string;
  appDraft: boolean;
  stateTtlMs: number;
  setupLinkTtlMs: number;
  /** Consent origin override (sandbox); null = the marketplace's Seller Central. */
  sellerCentralUrl: string | null;
  lwaTokenUrl: string;
  endpoints: Record<SpApiRegion, string>;
  apps: Record<SpApiRegion, LwaAppSettings>;
  appstoreDefaultRegion: SpApiRegion;
  reauthorizationNoticeDays: number;
}

/** DI token of {@link ConnectionSettings}. */
export const CONNECTION_SETTINGS = Symbol('CONNECTION_SETTINGS');

function isAmazonHost(url: string): boolean {
  return /(^|\.)amazon\.com$/.test(new URL(url).hostname);
}

/**
 * Resolves per-region endpoints and LWA apps: a region-specific variable wins over the shared one.
 * When SP_API_ENDPOINT points at a local twin (not an Amazon host), the twin serves the consent
 * page too, so it becomes the consent origin unless SELLER_CENTRAL_URL says otherwise.
 */
export function resolveConnectionSettings(config: AuthConnectionsConfig): ConnectionSettings {
  const publicUrl = (config.AUTH_CONNECTIONS_PUBLIC_URL ?? `http://localhost:${config.PORT || 3001}`).replace(/\/+$/, '');
  const endpointFor = (region: SpApiRegion): string =>
    (config[`SP_API_ENDPOINT_${region}`] ?? config.SP_API_ENDPOINT ?? SP_API_PRODUCTION_HOSTS[region]).replace(/\/+$/, '');
  const appFor = (region: SpApiRegion): LwaAppSettings => {
    const issuedAt = config[`LWA_CLIENT_SECRET_ISSUED_AT_${region}`] ?? config.LWA_CLIENT_SECRET_ISSUED_AT;
    return {
      region,
      clientId: config[`LWA_CLIENT_ID_${region}`] ?? config.LWA_CLIENT_ID,
      clientSecret: config[`LWA_CLIENT_SECRET_${region}`] ?? config.LWA_CLIENT_SECRET,
      applicationId: config[`LWA_APPLICATION_ID_${region}`] ?? config.LWA_APPLICATION_ID,
      secretIssuedAt: issuedAt ? new Date(issuedAt) : null,
    };
  };
  const local = config.SP_API_ENDPOINT && !isAmazonHost(config.SP_API_ENDPOINT) ? config.SP_API_ENDPOINT : null;
  return {
    publicUrl,
    redirectUri: config.OAUTH_REDIRECT_URI ?? `${publicUrl}/oauth/callback`,
    appDraft: config.OAUTH_APP_DRAFT,
    stateTtlMs: config.OAUTH_STATE_TTL_SECONDS * 1000,
    setupLinkTtlMs: config.SETUP_LINK_TTL_HOURS * 3_600_000,
    sellerCentralUrl: (config.SELLER_CENTRAL_URL ?? local)?.replace(/\/+$/, '') ?? null,
    lwaTokenUrl: config.LWA_TOKEN_URL,
    endpoints: Object.fromEntries(SP_API_REGIONS.map((r) => [r, endpointFor(r)])) as Record<SpApiRegion, string>,
    apps: Object.fromEntries(SP_API_REGIONS.map((r) => [r, appFor(r)])) as Record<SpApiRegion, LwaAppSettings>,
    appstoreDefaultRegion: config.APPSTORE_DEFAULT_REGION,
    reauthorizationNoticeDays: config.REAUTHORIZATION_NOTICE_DAYS,
  };
}
