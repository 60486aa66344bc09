/** Region of a selling account; a refresh token belongs to one. */
export type Region = 'NA' | 'EU' | 'FE';

/** What the sandbox knows about an Amazon marketplace (public facts, see the SP-API digest §2). */
export interface MarketplaceInfo {
  id: string;
  name: string;
  countryCode: string;
  region: Region;
  currency: string;
  language: string;
  domainName: string;
  /** Charset Amazon serves the listings report in (windows-1252 for NA/EU, Shift_JIS for JP). */
  reportCharset: 'windows-1252' | 'Shift_JIS';
}

const M = (id: string, name: string, countryCode: string, region: Region, currency: string, language: string, domainName: string): MarketplaceInfo => ({
  id,
  name,
  countryCode,
  region,
  currency,
  language,
  domainName,
  reportCharset: countryCode === 'JP' ? 'Shift_JIS' : 'windows-1252',
});

/** Marketplaces a sandbox seller may participate in. */
export const MARKETPLACES: readonly MarketplaceInfo[] = [
  M('A2EUQ1WTGCTBG2', 'Amazon.ca', 'CA', 'NA', 'CAD', 'en_CA', 'www.amazon.ca'),
  M('ATVPDKIKX0DER', 'Amazon.com', 'US', 'NA', 'USD', 'en_US', 'www.amazon.com'),
  M('A1AM78C64UM0Y8', 'Amazon.com.mx', 'MX', 'NA', 'MXN', 'es_MX', 'www.amazon.com.mx'),
  M('A2Q3Y263D00KWC', 'Amazon.com.br', 'BR', 'NA', 'BRL', 'pt_BR', 'www.amazon.com.br'),
  M('A1RKKUPIHCS9HS', 'Amazon.es', 'ES', 'EU', 'EUR', 'es_ES', 'www.amazon.es'),
  M('A1F83G8C2ARO7P', 'Amazon.co.uk', 'GB', 'EU', 'GBP', 'en_GB', 'www.amazon.co.uk'),
  M('A13V1IB3VIYZZH', 'Amazon.fr', 'FR', 'EU', 'EUR', 'fr_FR', 'www.amazon.fr'),
  M('A1805IZSGTT6HS', 'Amazon.nl', 'NL', 'EU', 'EUR', 'nl_NL', 'www.amazon.nl'),
  M('A1PA6795UKMFR9', 'Amazon.de', 'DE', 'EU', 'EUR', 'de_DE', 'www.amazon.de'),
  M('APJ6JRA9NG5V4', 'Amazon.it', 'IT', 'EU', 'EUR', 'it_IT', 'www.amazon.it'),
  M('A2NODRKZP88ZB9', 'Amazon.se', 'SE', 'EU', 'SEK', 'sv_SE', 'www.amazon.se'),
  M('A1C3SOZRARQ6R3', 'Amazon.pl', 'PL', 'EU', 'PLN', 'pl_PL', 'www.amazon.pl'),
  M('A21TJRUUN4KGV', 'Amazon.in', 'IN', 'EU', 'INR', 'en_IN', 'www.amazon.in'),
  M('A19VAU5U5O7RUS', 'Amazon.sg', 'SG', 'FE', 'SGD', 'en_SG', 'www.amazon.sg'),
  M('A39IBJ37TRP1C6', 'Amazon.com.au', 'AU', 'FE', 'AUD', 'en_AU', 'www.amazon.com.au'),
  M('A1VC38T7YXB528', 'Amazon.co.jp', 'JP', 'FE', 'JPY', 'ja_JP', 'www.amazon.co.jp'),
];

const BY_ID = new Map(MARKETPLACES.map((m) => [m.id, m]));

/** Looks a marketplace up by id; undefined when the sandbox does not know it. */
export function findMarketplace(id: string): MarketplaceInfo | undefined {
  return BY_ID.get(id);
}
