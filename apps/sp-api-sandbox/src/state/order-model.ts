import { SeededRandom } from '../core/rng';
import { seededListingFacts } from './listing-model';
import { findMarketplace } from './marketplaces';

/** Orders 2026-01-01 fulfilment statuses. */
export const FULFILLMENT_STATUSES = ['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE'] as const;
/** One Orders 2026-01-01 fulfilment status. */
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

/** Orders 2026-01-01 service levels. */
export const SERVICE_LEVELS = ['STANDARD', 'EXPEDITED', 'SECOND_DAY', 'NEXT_DAY', 'FREE_ECONOMY', 'SCHEDULED', 'SAME_DAY', 'PRIORITY'] as const;
/** One Orders 2026-01-01 service level. */
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

/** One order line. */
export interface OrderItemRecord {
  orderItemId: string;
  sku: string;
  asin: string;
  title: string;
  quantityOrdered: number;
  quantityCancelled: number;
  unitPriceMinor: number;
  cancelReason?: string;
}

/** A package confirmed through Orders v0 confirmShipment. */
export interface PackageRecord {
  packageReferenceId: string;
  carrierCode: string;
  carrierName?: string;
  shippingMethod?: string;
  trackingNumber: string;
  shipDate: string;
  shipFromSupplySourceId?: string;
  createdMs: number;
  items: Array<{ orderItemId: string; quantity: number; transparencyCodes?: string[] }>;
}

/** Buyer's delivery address (PII: only rendered with `includedData=RECIPIENT`). */
export interface AddressRecord {
  name: string;
  addressLine1: string;
  addressLine2?: string;
  city: string;
  stateOrRegion: string;
  postalCode: string;
  countryCode: string;
  phone?: string;
}

/** An order as the sandbox stores it. */
export interface OrderRecord {
  orderId: string;
  marketplaceId: string;
  currency: string;
  createdMs: number;
  lastUpdatedMs: number;
  /** Status other than what the packages imply (PENDING, CANCELLED, …); UNSHIPPED/… are derived. */
  baseStatus: FulfillmentStatus;
  fulfilledBy: 'MERCHANT' | 'AMAZON';
  serviceLevel: ServiceLevel;
  shippingMinor: number;
  items: OrderItemRecord[];
  buyer: { name: string; email: string };
  address: AddressRecord;
  packages: PackageRecord[];
  /** Last `updateShipmentStatus` value (pickup orders). */
  shipmentStatus?: string;
  cancelledBy?: 'BUYER' | 'MERCHANT' | 'AMAZON';
  programs: string[];
}

/** Quantity of an item already in confirmed packages. */
export function shippedQuantity(order: OrderRecord, orderItemId: string, exceptPackage?: string): number {
  let sum = 0;
  for (const p of order.packages) {
    if (p.packageReferenceId === exceptPackage) continue;
    for (const i of p.items) if (i.orderItemId === orderItemId) sum += i.quantity;
  }
  return sum;
}

/** The status Amazon would show: cancellation and confirmed packages move it along. */
export function effectiveStatus(order: OrderRecord): FulfillmentStatus {
  if (order.baseStatus === 'CANCELLED' || order.items.every((i) => i.quantityCancelled >= i.quantityOrdered)) return 'CANCELLED';
  if (order.fulfilledBy === 'AMAZON' || order.baseStatus === 'PENDING' || order.baseStatus === 'PENDING_AVAILABILITY' || order.baseStatus === 'UNFULFILLABLE') {
    return order.baseStatus;
  }
  const open = order.items.map((i) => i.quantityOrdered - i.quantityCancelled);
  const shipped = order.items.map((i) => shippedQuantity(order, i.orderItemId));
  const totalShipped = shipped.reduce((a, b) => a + b, 0);
  if (order.baseStatus === 'SHIPPED' && totalShipped === 0) return 'SHIPPED';
  if (totalShipped === 0) return 'UNSHIPPED';
  return shipped.every((s, k) => s >= (open[k] ?? 0)) ? 'SHIPPED' : 'PARTIALLY_SHIPPED';
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson'];
const CITIES: Array<[string, string, string]> = [
  ['Seattle', 'WA', '98101'],
  ['Austin', 'TX', '73301'],
  ['Toronto', 'ON', 'M5H 2N2'],
  ['Denver', 'CO', '80202'],
];

/** Options for generating orders (admin `createOrders` and seller seeding). */
export interface OrderSeedOptions {
  seed: string;
  sellerSeed: string;
  listingCount: number;
  marketplaceIds: readonly string[];
  nowMs: number;
  count: number;
  /** Index of the first generated order (keeps ids unique across calls). */
  startIndex: number;
}

function digits(rng: SeededRandom, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

/** Generates deterministic orders: mostly unshipped merchant orders, some shipped, cancelled, pending and FBA. */
export function generateOrders(opts: OrderSeedOptions): OrderRecord[] {
  const rng = new SeededRandom(`${opts.seed}:orders:${opts.startIndex}`);
  const out: OrderRecord[] = [];
  for (let k = 0; k < opts.count; k++) {
    const index = opts.startIndex + k;
    const marketplaceId = opts.marketplaceIds[index % opts.marketplaceIds.length] ?? 'ATVPDKIKX0DER';
    const mp = findMarketplace(marketplaceId);
    const roll = index % 10;
    const baseStatus: FulfillmentStatus = roll === 7 ? 'SHIPPED' : roll === 8 ? 'CANCELLED' : roll === 9 ? 'PENDING' : 'UNSHIPPED';
    const fulfilledBy = index % 12 === 11 ? 'AMAZON' : 'MERCHANT';
    const lines = rng.int(1, 3);
    const items: OrderItemRecord[] = [];
    for (let l = 0; l < lines; l++) {
      const listing = seededListingFacts(opts.sellerSeed, rng.int(0, Math.max(0, opts.listingCount - 1)), marketplaceId);
      const quantity = rng.int(1, 3);
      items.push({
        orderItemId: digits(rng, 14),
        sku: listing.sku,
        asin: listing.asin ?? '',
        title: listing.title,
        quantityOrdered: quantity,
        quantityCancelled: baseStatus === 'CANCELLED' ? quantity : 0,
        unitPriceMinor: listing.priceMinor ?? 999,
      });
    }
    const [city, state, postal] = rng.pick(CITIES);
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const createdMs = opts.nowMs - (index + 1) * 3 * 3_600_000;
    out.push({
      orderId: `${rng.int(111, 114)}-${digits(rng, 7)}-${digits(rng, 7)}`,
      marketplaceId,
      currency: mp?.currency ?? 'USD',
      createdMs,
      lastUpdatedMs: createdMs + 60_000,
      baseStatus: fulfilledBy === 'AMAZON' ? 'SHIPPED' : baseStatus,
      fulfilledBy,
      serviceLevel: index % 5 === 4 ? 'EXPEDITED' : 'STANDARD',
      shippingMinor: 499,
      items,
      buyer: { name: `${first} ${last}`, email: `${first.toLowerCase()}.${index}@marketplace.example` },
      address: {
        name: `${first} ${last}`,
        addressLine1: `${rng.int(1, 999)} Example Street`,
        city,
        stateOrRegion: state,
        postalCode: postal,
        countryCode: mp?.countryCode ?? 'US',
        phone: `+1 555 01${digits(rng, 2)}`,
      },
      packages: [],
      cancelledBy: baseStatus === 'CANCELLED' ? 'BUYER' : undefined,
      programs: index % 4 === 0 ? ['PRIME'] : [],
    });
  }
  return out;
}
