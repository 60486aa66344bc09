import { SandboxHarnessError, SandboxHarnessErrorCode } from './sandbox-harness.error';

/** Region of a sandbox selling account. */
export type SandboxRegion = 'NA' | 'EU' | 'FE';

/** Orders 2026-01-01 fulfilment statuses the sandbox can set. */
export type SandboxOrderStatus = 'PENDING_AVAILABILITY' | 'PENDING' | 'UNSHIPPED' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'CANCELLED' | 'UNFULFILLABLE';

/** A seller to create with deterministically seeded listings and orders. */
export interface CreateSellerInput {
  /** 8–20 upper-case letters or digits, e.g. `A2TESTSELLER01`. */
  sellingPartnerId: string;
  region: SandboxRegion;
  /** Marketplaces of that region, e.g. `['ATVPDKIKX0DER']`. */
  marketplaceIds: string[];
  storeName?: string;
  /** Seed for the generated data (default derived from the sandbox seed and the seller id). */
  seed?: string;
  /** Seeded listings (SKUs `SKU-0000001` …); default 25, up to 5,000,000 (generated lazily). */
  listingCount?: number;
  /** Seeded orders; default 10. */
  orderCount?: number;
  /** App whose refresh token to issue (default: the sandbox's default app). */
  clientId?: string;
}

/** A created seller and a refresh token for it (as if the seller had authorised the app). */
export interface CreatedSeller {
  sellingPartnerId: string;
  region: SandboxRegion;
  marketplaceIds: string[];
  storeName: string;
  listingCount: number;
  orderCount: number;
  refreshToken: string;
  clientId: string;
}

/** An order line to create; unset fields are generated. */
export interface OrderItemInput {
  /** 14 digits. */
  orderItemId?: string;
  sku?: string;
  title?: string;
  quantity?: number;
  /** Unit price in minor units of the marketplace currency. */
  unitPriceMinor?: number;
}

/** An order to create; unset fields are generated. */
export interface OrderInput {
  /** 3-7-7 digits. */
  orderId?: string;
  marketplaceId?: string;
  status?: SandboxOrderStatus;
  fulfilledBy?: 'MERCHANT' | 'AMAZON';
  serviceLevel?: 'STANDARD' | 'EXPEDITED' | 'SECOND_DAY' | 'NEXT_DAY' | 'FREE_ECONOMY' | 'SCHEDULED' | 'SAME_DAY' | 'PRIORITY';
  /** ISO 8601. */
  createdTime?: string;
  items?: OrderItemInput[];
  buyer?: { name: string; email: string };
  address?: {
    name: string;
    addressLine1: string;
    addressLine2?: string;
    city: string;
    stateOrRegion: string;
    postalCode: string;
    countryCode: string;
    phone?: string;
  };
  programs?: string[];
}

/** A change to an existing order (what buyers and Amazon do). */
export interface OrderChange {
  status?: SandboxOrderStatus;
  serviceLevel?: OrderInput['serviceLevel'];
  address?: OrderInput['address'];
  /** Cancel the whole order, or only the given lines (whole line unless `quantity`). */
  cancel?: { by?: 'BUYER' | 'MERCHANT' | 'AMAZON'; reason?: string; items?: Array<{ orderItemId: string; quantity?: number }> };
  addItems?: OrderItemInput[];
}

/** A listing's sale terms as Amazon holds them (read-back for assertions). */
export interface SandboxListing {
  sku: string;
  asin?: string;
  productType: string;
  /** Price in minor units; undefined without an offer. */
  priceMinor?: number;
  currency: string;
  /** Undefined for FBA offers. */
  quantity?: number;
  /** `lead_time_to_ship_max_days`. */
  handlingDays?: number;
  fulfillmentChannel: string;
  status: 'Active' | 'Inactive' | 'Incomplete';
  lastUpdatedTime: string;
  attributes: Record<string, unknown[]>;
  issues: Array<{ code: string; message: string; severity: string; categories: string[] }>;
}

/** A package confirmed through confirmShipment. */
export interface SandboxPackage {
  packageReferenceId: string;
  carrierCode: string;
  carrierName?: string;
  shippingMethod?: string;
  trackingNumber: string;
  shipDate: string;
  shipFromSupplySourceId?: string;
  items: Array<{ orderItemId: string; quantity: number; transparencyCodes?: string[] }>;
}

/** Faults to inject (merged into the current settings; `clearFaults` resets them). */
export interface FaultInput {
  /** Share (0..1) of SP-API calls answered with `errorStatus`. */
  errorRate?: number;
  errorStatus?: 500 | 503;
  /** Limit error rate and latency to these operation ids (empty = all). */
  operations?: string[];
  latencyMs?: number;
  /** Reports requested from now on end FATAL. */
  reportFatal?: boolean;
  /** Listings report compression: `auto` = GZIP above 10,000 rows. */
  reportGzip?: 'auto' | 'always' | 'never';
  /** Feeds created from now on end FATAL. */
  feedFatal?: boolean;
  /** Feed messages for these SKUs fail with an ERROR issue. */
  feedErrorSkus?: string[];
  /** Usage-plan overrides by operation id, e.g. `{ getOrder: { rate: 0.1, burst: 1 } }`. */
  ratePlans?: Record<string, { rate: number; burst: number }>;
  /** The next N calls (of `operations`, or any) answer 429: a throttling storm. */
  throttleNext?: number;
  /** The next N confirmShipment calls answer 204 and record nothing. */
  silentDropShipments?: number;
  /** Shipping methods confirmShipment refuses with a 400 (e.g. `UP Ground`). */
  rejectShippingMethods?: string[];
  /** Revoke these refresh tokens now. */
  revokeRefreshTokens?: string[];
  /** Revoke every authorisation of these sellers now. */
  revokeSellers?: string[];
}

/** A registered app (for consent-flow tests with exact redirect URIs or a login URI). */
export interface SandboxAppInput {
  clientId?: string;
  clientSecret?: string;
  applicationId?: string;
  redirectUris?: string[];
  loginUri?: string;
  /** Draft apps need `version=beta` on the consent URL. */
  draft?: boolean;
}

/** A created app with its credentials. */
export interface SandboxAppCredentials {
  clientId: string;
  clientSecret: string;
  applicationId: string;
  redirectUris: string[];
  loginUri?: string;
  draft: boolean;
}

/**
 * Typed client for the sandbox's admin API (`/_sandbox/*`, not Amazon's): reset, sellers, orders,
 * clock, faults and read-back of what "Amazon" now holds. Talks HTTP only, so it works against a
 * sandbox in another process or on another machine.
 *
 * @example
 * await sandbox.admin.advanceClock(300); // expire document URLs and auth codes
 * expect((await sandbox.admin.getListing('A1DEMOSELLER00', 'SKU-0000001')).priceMinor).toBe(1999);
 */
export class SandboxAdminClient {
  constructor(private readonly baseUrl: string) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok)
      throw new SandboxHarnessError(SandboxHarnessErrorCode.AdminCallFailed, `${method} /_sandbox${path} failed with ${res.status}: ${text}`, res.status);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Back to the start state: default app, demo seller, no faults, clock offset zero. */
  async reset(): Promise<void> {
    await this.request('POST', '/reset');
  }

  /** Creates (or replaces) a seller and returns a refresh token for it. */
  createSeller(input: CreateSellerInput): Promise<CreatedSeller> {
    return this.request('POST', '/sellers', input);
  }

  /** Registers an app (LWA client) for consent-flow tests. */
  createApp(input: SandboxAppInput = {}): Promise<SandboxAppCredentials> {
    return this.request('POST', '/apps', input);
  }

  /** Lets a seller list a gated brand (removes the brand-restriction issue). */
  async approveBrand(sellingPartnerId: string, brand: string): Promise<void> {
    await this.request('POST', `/sellers/${encodeURIComponent(sellingPartnerId)}/approved-brands`, { brand });
  }

  /**
   * Creates orders: `count` generated ones, or the given specs. Returns them in the Orders
   * 2026-01-01 shape with every dataset included.
   */
  async createOrders(sellingPartnerId: string, orders: OrderInput[] | { count: number }): Promise<Array<Record<string, unknown> & { orderId: string }>> {
    const body = Array.isArray(orders) ? { orders } : orders;
    return (
      await this.request<{ orders: Array<Record<string, unknown> & { orderId: string }> }>(
        'POST',
        `/sellers/${encodeURIComponent(sellingPartnerId)}/orders`,
        body,
      )
    ).orders;
  }

  /** Changes an order: status, address, added lines, (partial) cancellation. */
  async changeOrder(sellingPartnerId: string, orderId: string, change: OrderChange): Promise<Record<string, unknown>> {
    return (
      await this.request<{ order: Record<string, unknown> }>(
        'PATCH',
        `/sellers/${encodeURIComponent(sellingPartnerId)}/orders/${encodeURIComponent(orderId)}`,
        change,
      )
    ).order;
  }

  /** Packages confirmed for an order and its last updateShipmentStatus value. */
  getPackages(sellingPartnerId: string, orderId: string): Promise<{ orderId: string; shipmentStatus: string | null; packages: SandboxPackage[] }> {
    return this.request('GET', `/sellers/${encodeURIComponent(sellingPartnerId)}/orders/${encodeURIComponent(orderId)}/packages`);
  }

  /** Price, quantity, handling time and attributes of a SKU as Amazon holds them. */
  getListing(sellingPartnerId: string, sku: string, marketplaceId?: string): Promise<SandboxListing> {
    const q = marketplaceId ? `?marketplaceId=${encodeURIComponent(marketplaceId)}` : '';
    return this.request('GET', `/sellers/${encodeURIComponent(sellingPartnerId)}/listings/${encodeURIComponent(sku)}${q}`);
  }

  /** Moves the sandbox clock forward (token expiry, report/feed progress, URL expiry, rate-limit refill). */
  advanceClock(seconds: number): Promise<{ now: string; epochMs: number }> {
    return this.request('POST', '/clock/advance', { seconds });
  }

  /** Current sandbox time. */
  clock(): Promise<{ now: string; epochMs: number }> {
    return this.request('GET', '/clock');
  }

  /** Injects faults; returns the number of refresh tokens revoked by this call. */
  async injectFault(input: FaultInput): Promise<{ revoked: number }> {
    const res = await this.request<{ revoked: number }>('POST', '/faults', input);
    return { revoked: res.revoked };
  }

  /** Removes every injected fault and rate-plan override. */
  async clearFaults(): Promise<void> {
    await this.request('DELETE', '/faults');
  }

  /** Revokes refresh tokens (and the access tokens minted from them). */
  revokeRefreshToken(...refreshTokens: string[]): Promise<{ revoked: number }> {
    return this.injectFault({ revokeRefreshTokens: refreshTokens });
  }

  /** How a feed was processed (status, result document, processing time in ms). */
  getFeedResult(
    feedId: string,
  ): Promise<{ feedId: string; feedType: string; result: { status: 'DONE' | 'FATAL'; resultFeedDocumentId: string; durationMs: number } | null }> {
    return this.request('GET', `/feeds/${encodeURIComponent(feedId)}`);
  }
}
