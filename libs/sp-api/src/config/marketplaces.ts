import type { SpApiRegion } from './regions';

/** One Amazon marketplace as the channel needs it. */
export interface Marketplace {
  /** Amazon marketplace id, e.g. `ATVPDKIKX0DER`. */
  id: string;
  /** Amazon's country code for the marketplace (`UK`, not ISO `GB`, as on Amazon's id page). */
  countryCode: string;
  /** ISO 3166-1 alpha-2 code (differs from `countryCode` only for the UK). */
  isoCountryCode: string;
  /** English marketplace name. */
  name: string;
  /** Region whose SP-API host serves it. */
  region: SpApiRegion;
  /** Default currency (ISO 4217); prefer `defaultCurrencyCode` from the Sellers API when you have it. */
  currency: string;
  /** Seller Central origin used for the consent URL (`{host}/apps/authorize/consent`). */
  sellerCentralUrl: string;
  /** False where the Seller Central host or consent path could not be confirmed from Amazon's docs. */
  sellerCentralConfirmed: boolean;
}

/**
 * Every SP-API marketplace the channel supports.
 *
 * Seller Central hosts for IE (not found in Amazon's docs; the pan-EU host is used), BE, EG and SA
 * (third-party sources) and ZA (site exists, consent path unverified) could not be confirmed and
 * carry `sellerCentralConfirmed: false`.
 */
export const MARKETPLACES: readonly Marketplace[] = [
  m('A2EUQ1WTGCTBG2', 'CA', 'CA', 'Canada', 'NA', 'CAD', 'https://sellercentral.amazon.ca'),
  m('ATVPDKIKX0DER', 'US', 'US', 'United States', 'NA', 'USD', 'https://sellercentral.amazon.com'),
  m('A1AM78C64UM0Y8', 'MX', 'MX', 'Mexico', 'NA', 'MXN', 'https://sellercentral.amazon.com.mx'),
  m('A2Q3Y263D00KWC', 'BR', 'BR', 'Brazil', 'NA', 'BRL', 'https://sellercentral.amazon.com.br'),
  m('A28R8C7NBKEWEA', 'IE', 'IE', 'Ireland', 'EU', 'EUR', 'https://sellercentral-europe.amazon.com', false),
  m('A1RKKUPIHCS9HS', 'ES', 'ES', 'Spain', 'EU', 'EUR', 'https://sellercentral-europe.amazon.com'),
  m('A1F83G8C2ARO7P', 'UK', 'GB', 'United Kingdom', 'EU', 'GBP', 'https://sellercentral-europe.amazon.com'),
  m('A13V1IB3VIYZZH', 'FR', 'FR', 'France', 'EU', 'EUR', 'https://sellercentral-europe.amazon.com'),
  m('AMEN7PMS3EDWL', 'BE', 'BE', 'Belgium', 'EU', 'EUR', 'https://sellercentral.amazon.com.be', false),
  m('A1805IZSGTT6HS', 'NL', 'NL', 'Netherlands', 'EU', 'EUR', 'https://sellercentral.amazon.nl'),
  m('A1PA6795UKMFR9', 'DE', 'DE', 'Germany', 'EU', 'EUR', 'https://sellercentral-europe.amazon.com'),
  m('APJ6JRA9NG5V4', 'IT', 'IT', 'Italy', 'EU', 'EUR', 'https://sellercentral-europe.amazon.com'),
  m('A2NODRKZP88ZB9', 'SE', 'SE', 'Sweden', 'EU', 'SEK', 'https://sellercentral.amazon.se'),
  m('AE08WJ6YKNBMC', 'ZA', 'ZA', 'South Africa', 'EU', 'ZAR', 'https://sellercentral.amazon.co.za', false),
  m('A1C3SOZRARQ6R3', 'PL', 'PL', 'Poland', 'EU', 'PLN', 'https://sellercentral.amazon.pl'),
  m('ARBP9OOSHTCHU', 'EG', 'EG', 'Egypt', 'EU', 'EGP', 'https://sellercentral.amazon.eg', false),
  m('A33AVAJ2PDY3EV', 'TR', 'TR', 'Turkey', 'EU', 'TRY', 'https://sellercentral.amazon.com.tr'),
  m('A17E79C6D8DWNP', 'SA', 'SA', 'Saudi Arabia', 'EU', 'SAR', 'https://sellercentral.amazon.com.sa', false),
  m('A2VIGQ35RCS4UG', 'AE', 'AE', 'United Arab Emirates', 'EU', 'AED', 'https://sellercentral.amazon.ae'),
  m('A21TJRUUN4KGV', 'IN', 'IN', 'India', 'EU', 'INR', 'https://sellercentral.amazon.in'),
  m('A19VAU5U5O7RUS', 'SG', 'SG', 'Singapore', 'FE', 'SGD', 'https://sellercentral.amazon.sg'),
  m('A39IBJ37TRP1C6', 'AU', 'AU', 'Australia', 'FE', 'AUD', 'https://sellercentral.amazon.com.au'),
  m('A1VC38T7YXB528', 'JP', 'JP', 'Japan', 'FE', 'JPY', 'https://sellercentral.amazon.co.jp'),
];

function m(
  id: string,
  countryCode: string,
  isoCountryCode: string,
  name: string,
  region: SpApiRegion,
  currency: string,
  sellerCentralUrl: string,
  sellerCentralConfirmed = true,
): Marketplace {
  return { id, countryCode, isoCountryCode, name, region, currency, sellerCentralUrl, sellerCentralConfirmed };
}

const BY_ID = new Map(MARKETPLACES.map((mp) => [mp.id, mp]));

/** Looks a marketplace up by id; `undefined` for ids Amazon returns that the channel does not support. */
export function findMarketplace(marketplaceId: string): Marketplace | undefined {
  return BY_ID.get(marketplaceId);
}

/** Looks a marketplace up by Amazon country code (`UK`) or ISO code (`GB`), case-insensitively. */
export function findMarketplaceByCountry(countryCode: string): Marketplace | undefined {
  const cc = countryCode.toUpperCase();
  return MARKETPLACES.find((mp) => mp.countryCode === cc || mp.isoCountryCode === cc);
}

/** All marketplaces served by one region's host. */
export function marketplacesInRegion(region: SpApiRegion): Marketplace[] {
  return MARKETPLACES.filter((mp) => mp.region === region);
}

/** Input for {@link buildConsentUrl}. */
export interface ConsentUrlInput {
  /** Marketplace whose Seller Central hosts the consent page. */
  marketplaceId: string;
  /** The app's application id (`amzn1.sp.solution.…` / `amzn1.sellerapps.app.…`). */
  applicationId: string;
  /** Opaque anti-CSRF value bound to the user's session. */
  state: string;
  /** Required while the app is in Draft, otherwise Amazon answers MD1000. */
  beta?: boolean;
  /** Must exactly match a registered redirect URI (else MD5101). */
  redirectUri?: string;
  /** Override the Seller Central origin (e.g. the local sandbox's consent page). */
  sellerCentralUrl?: string;
}

/**
 * Builds the website-authorization consent URL for a marketplace's Seller Central.
 *
 * @example buildConsentUrl({ marketplaceId: 'ATVPDKIKX0DER', applicationId: 'amzn1.sp.solution.x', state: 's1', beta: true })
 */
export function buildConsentUrl(input: ConsentUrlInput): string {
  const mp = findMarketplace(input.marketplaceId);
  const origin = input.sellerCentralUrl ?? mp?.sellerCentralUrl;
  if (!origin) throw new RangeError(`Unknown marketplace id ${input.marketplaceId}`);
  const url = new URL('/apps/authorize/consent', origin);
  url.searchParams.set('application_id', input.applicationId);
  url.searchParams.set('state', input.state);
  if (input.beta) url.searchParams.set('version', 'beta');
  if (input.redirectUri) url.searchParams.set('redirect_uri', input.redirectUri);
  return url.toString();
}
