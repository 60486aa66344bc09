/** SP-API selling regions. A refresh token belongs to exactly one of them. */
export type SpApiRegion = 'NA' | 'EU' | 'FE';

/** Every region, in a stable order (handy for validation and iteration). */
export const SP_API_REGIONS: readonly SpApiRegion[] = ['NA', 'EU', 'FE'];

/** Production SP-API hosts per region. */
export const SP_API_PRODUCTION_HOSTS: Readonly<Record<SpApiRegion, string>> = {
  NA: 'https://sellingpartnerapi-na.amazon.com',
  EU: 'https://sellingpartnerapi-eu.amazon.com',
  FE: 'https://sellingpartnerapi-fe.amazon.com',
};

/** Amazon's static sandbox hosts per region (canned responses from the models' x-amzn-api-sandbox blocks). */
export const SP_API_SANDBOX_HOSTS: Readonly<Record<SpApiRegion, string>> = {
  NA: 'https://sandbox.sellingpartnerapi-na.amazon.com',
  EU: 'https://sandbox.sellingpartnerapi-eu.amazon.com',
  FE: 'https://sandbox.sellingpartnerapi-fe.amazon.com',
};

/** Login with Amazon token endpoint used by SP-API in every region. */
export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

/**
 * Where the client sends requests. Both URLs are overridable so that the same code talks to
 * production, Amazon's sandbox hosts or the local `sp-api-sandbox` app.
 */
export interface SpApiEndpoint {
  /** SP-API base URL without trailing slash, e.g. `https://sellingpartnerapi-na.amazon.com`. */
  baseUrl: string;
  /** LWA token URL. */
  lwaTokenUrl: string;
}

/** Options for {@link resolveEndpoint}. */
export interface ResolveEndpointOptions {
  /** Use Amazon's sandbox hosts instead of production (ignored when `baseUrl` is given). */
  sandbox?: boolean;
  /** Explicit SP-API base URL (wins over region defaults). */
  baseUrl?: string;
  /** Explicit LWA token URL. */
  lwaTokenUrl?: string;
}

/**
 * Resolves the SP-API base URL and LWA token URL for a region, honouring configured overrides.
 *
 * @example resolveEndpoint('EU', { baseUrl: 'http://127.0.0.1:4010', lwaTokenUrl: 'http://127.0.0.1:4010/auth/o2/token' })
 */
export function resolveEndpoint(region: SpApiRegion, options: ResolveEndpointOptions = {}): SpApiEndpoint {
  const hosts = options.sandbox ? SP_API_SANDBOX_HOSTS : SP_API_PRODUCTION_HOSTS;
  const baseUrl = (options.baseUrl ?? hosts[region]).replace(/\/+$/, '');
  return { baseUrl, lwaTokenUrl: options.lwaTokenUrl ?? LWA_TOKEN_URL };
}

/** Type guard for region strings coming from configuration or the database. */
export function isSpApiRegion(value: unknown): value is SpApiRegion {
  return value === 'NA' || value === 'EU' || value === 'FE';
}
