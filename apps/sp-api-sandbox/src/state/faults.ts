import type { UsagePlan } from '../core/rate-limiter';

/** Faults the admin API can inject; all off by default. */
export interface FaultSettings {
  /** Share of SP-API calls (0..1) answered with a 500/503 instead of being served. */
  errorRate: number;
  /** Status used for injected server errors. */
  errorStatus: 500 | 503;
  /** Restricts injected errors and latency to these operation ids (empty = all). */
  operations: string[];
  /** Added latency before SP-API calls are served, in ms. */
  latencyMs: number;
  /** Reports created from now on end FATAL. */
  reportFatal: boolean;
  /** Compression of listings reports: auto = GZIP above 10,000 rows (Amazon decides per document). */
  reportGzip: 'auto' | 'always' | 'never';
  /** Feeds created from now on end FATAL. */
  feedFatal: boolean;
  /** Feed messages for these SKUs get an ERROR issue instead of being applied. */
  feedErrorSkus: string[];
  /** Usage-plan overrides per operation id (as if Amazon had granted or cut the seller's limits). */
  ratePlans: Record<string, UsagePlan>;
  /** The next N calls (of `operations`, or any) answer 429 whatever the usage plan: a throttling storm. */
  throttleNext: number;
  /** The next N confirmShipment calls answer 204 and record nothing (the "204 but nothing changed" reports). */
  silentDropShipments: number;
  /** Shipping methods confirmShipment refuses with a 400, as Amazon does for a method it does not know (e.g. "UP Ground"). */
  rejectShippingMethods: string[];
}

/** Fresh fault settings (nothing injected). */
export function noFaults(): FaultSettings {
  return {
    errorRate: 0,
    errorStatus: 500,
    operations: [],
    latencyMs: 0,
    reportFatal: false,
    reportGzip: 'auto',
    feedFatal: false,
    feedErrorSkus: [],
    ratePlans: {},
    throttleNext: 0,
    silentDropShipments: 0,
    rejectShippingMethods: [],
  };
}
