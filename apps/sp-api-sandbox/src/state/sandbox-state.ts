import { SandboxClock } from '../core/clock';
import type { NowFn } from '../core/clock';
import { TokenBucketLimiter } from '../core/rate-limiter';
import { SeededRandom } from '../core/rng';
import { AuthStore } from './auth-store';
import { noFaults } from './faults';
import type { FaultSettings } from './faults';
import { findMarketplace } from './marketplaces';
import { generateOrders } from './order-model';
import type { DocumentRecord, FeedRecord, ReportRecord } from './records';
import { SellerState } from './seller-state';
import type { SellerSpec } from './seller-state';

/** The documented default app and demo seller (obvious fakes; see the README). */
export const DEFAULTS = {
  clientId: 'amzn1.application-oa2-client.sandboxdemo',
  clientSecret: 'sandbox-demo-client-secret',
  applicationId: 'amzn1.sp.solution.sandboxdemo',
  sellingPartnerId: 'A1DEMOSELLER00',
  region: 'NA' as const,
  marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
  refreshToken: 'Atzr|demo-seller-1',
  storeName: 'Sandbox Demo Store',
} as const;

/** Tunables of one sandbox instance. */
export interface SandboxSettings {
  seed: string;
  tokenTtlSeconds: number;
  demoListingCount: number;
  demoOrderCount: number;
  /** IN_QUEUE and IN_PROGRESS durations of reports and feeds (sandbox clock ms). */
  queueMs: number;
  processingMs: number;
  /** Lifetime of pre-signed document URLs (Amazon: five minutes). */
  documentUrlTtlMs: number;
  /** Directory holding Amazon's models (`sp-api-models/`), if available, for feed validation. */
  modelsDir?: string;
}

/** All mutable state of one sandbox, reset as a whole by the admin API. */
export class SandboxState {
  readonly clock: SandboxClock;
  readonly limiter = new TokenBucketLimiter();
  auth = new AuthStore();
  sellers = new Map<string, SellerState>();
  reports = new Map<string, ReportRecord>();
  feeds = new Map<string, FeedRecord>();
  documents = new Map<string, DocumentRecord>();
  faults: FaultSettings = noFaults();
  /** Counter behind numeric report and feed ids. */
  private idSeq = 0;
  private faultRng: SeededRandom;

  constructor(
    readonly settings: SandboxSettings,
    now?: NowFn,
  ) {
    this.clock = new SandboxClock(now);
    this.faultRng = new SeededRandom(`${settings.seed}:faults`);
    this.reset();
  }

  /** Back to the documented start state: default app, demo seller, no faults, clock offset kept at zero. */
  reset(): void {
    this.clock.resetOffset();
    this.limiter.clear();
    this.auth = new AuthStore();
    this.sellers = new Map();
    this.reports = new Map();
    this.feeds = new Map();
    this.documents = new Map();
    this.faults = noFaults();
    this.faultRng = new SeededRandom(`${this.settings.seed}:faults`);
    this.idSeq = 0;
    this.auth.apps.set(DEFAULTS.clientId, {
      clientId: DEFAULTS.clientId,
      clientSecret: DEFAULTS.clientSecret,
      applicationId: DEFAULTS.applicationId,
      redirectUris: [],
      draft: false,
    });
    this.createSeller({
      sellingPartnerId: DEFAULTS.sellingPartnerId,
      region: DEFAULTS.region,
      marketplaceIds: [...DEFAULTS.marketplaceIds],
      storeName: DEFAULTS.storeName,
      listingCount: this.settings.demoListingCount,
      orderCount: this.settings.demoOrderCount,
    });
    this.auth.issueRefreshToken(DEFAULTS.sellingPartnerId, DEFAULTS.clientId, DEFAULTS.refreshToken);
  }

  /** Creates (or replaces) a seller with deterministically seeded listings and orders. */
  createSeller(spec: SellerSpec): SellerState {
    for (const id of spec.marketplaceIds) {
      const mp = findMarketplace(id);
      if (!mp) throw new RangeError(`unknown marketplace ${id}`);
      if (mp.region !== spec.region) throw new RangeError(`marketplace ${id} is not in region ${spec.region}`);
    }
    const seed = spec.seed ?? `${this.settings.seed}:${spec.sellingPartnerId}`;
    const seller = new SellerState(
      spec.sellingPartnerId,
      spec.region,
      spec.marketplaceIds,
      spec.storeName ?? `Store ${spec.sellingPartnerId}`,
      seed,
      spec.listingCount ?? 25,
    );
    this.sellers.set(seller.sellingPartnerId, seller);
    this.addGeneratedOrders(seller, spec.orderCount ?? 10);
    return seller;
  }

  /** Appends generated orders to a seller; returns them. */
  addGeneratedOrders(seller: SellerState, count: number) {
    const orders = generateOrders({
      seed: seller.seed,
      sellerSeed: seller.seed,
      listingCount: Math.max(1, seller.seededListingCount),
      marketplaceIds: seller.marketplaceIds,
      nowMs: this.clock.now(),
      count,
      startIndex: seller.orderSeq,
    });
    seller.orderSeq += count;
    for (const o of orders) {
      // Generated ids come from 32-bit seeded streams and do repeat (orders created one by one
      // through the admin API collide in a few percent of 10,000-order sellers): a repeat would
      // silently replace an earlier order, so it moves to the next free id.
      while (seller.orders.has(o.orderId)) o.orderId = nextOrderId(o.orderId);
      seller.orders.set(o.orderId, o);
    }
    return orders;
  }

  /** Deterministic draw for injected faults (same seed, same failing calls). */
  faultRandom(): number {
    return this.faultRng.next();
  }

  /** Next numeric id for reports and feeds (Amazon's are long decimal strings). */
  nextId(): string {
    this.idSeq += 1;
    return String(50_000_000_000 + this.idSeq * 7);
  }
}

/** The 3-7-7 order id after `orderId`: its last group plus one, wrapping within seven digits. */
function nextOrderId(orderId: string): string {
  const cut = orderId.lastIndexOf('-');
  const last = (Number(orderId.slice(cut + 1)) + 1) % 10_000_000;
  return `${orderId.slice(0, cut + 1)}${String(last).padStart(7, '0')}`;
}
