import { findMarketplace } from '@amazon-channel/sp-api';
import { findShippingPolicy, type ShippingMappingFacts } from '../../shipping-mappings/domain/shipping-policy';
import type { OrderState } from '../entities/order.entity';
import type { CandidatePii, GetOrdersSettings, OrderCandidate } from './order-candidate';

/** A stored order as the import decisions need it (read and locked by the repository). */
export interface KnownOrder {
  id: string;
  connectionId: string;
  amazonOrderId: string;
  state: OrderState;
  amazonStatus: string;
  holdReason: string | null;
  serviceLevel: string | null;
  shippingPolicy: string | null;
  amazonUpdatedAt: Date;
  importedAt: Date | null;
  shippedAt: Date | null;
  cancelledAt: Date | null;
  piiRedactedAt: Date | null;
  /** Stored lines by order item id. */
  lines: ReadonlyMap<string, { quantityOrdered: number; quantityCancelled: number }>;
  /** What is known of the stored address without decrypting it; null when no buyer data is stored. */
  address: { hasAddress: boolean; fingerprint: string | null } | null;
  /**
   * The row is stored without its seller account (before it was recorded) or under another
   * connection: it is rewritten under this connection and seller account even when unchanged.
   */
  adopt: boolean;
}

/** Everything a decision depends on besides the order itself. */
export interface ImportRules {
  settings: GetOrdersSettings;
  now: Date;
  mappings: readonly ShippingMappingFacts[];
  /** The connection's marketplace: orders of another marketplace belong to that marketplace's connection. */
  connectionMarketplaceId: string;
  /**
   * Whether an address differs from the stored fingerprint; null when the fingerprint cannot be
   * used (missing, or made under a removed key). A keyed HMAC, so it is passed in, not computed here.
   */
  addressDiffers: (fingerprint: string | null, address: NonNullable<CandidatePii['shippingAddress']>) => boolean | null;
}

/** Why an order read from Amazon was deliberately not stored. */
export type SkipReason = 'STATUS_FILTERED' | 'OUTSIDE_CREATED_WINDOW' | 'FULFILLED_BY_FILTERED' | 'OTHER_MARKETPLACE';

/** Where an order stands after a decision. */
export interface Placement {
  state: OrderState;
  holdReason: string | null;
  holdDetail: string | null;
  shippingPolicy: string | null;
}

/** A change OrderUpdated reports (`cancellation` has its own event). */
export type OrderChange = 'status' | 'service_level' | 'lines' | 'shipping_address' | 'cancellation';

/** A line with units newly cancelled at Amazon. */
export interface CancelledLine {
  orderItemId: string;
  sku: string;
  cancelledQuantity: number;
}

/** What to do with one order read from Amazon. */
export type OrderDecision =
  | { kind: 'skip'; candidate: OrderCandidate; reason: SkipReason; detail: string }
  | { kind: 'create'; candidate: OrderCandidate; id: string; placement: Placement; importedAt: Date | null; cancelledAt: Date | null; writePii: boolean }
  | {
      kind: 'update';
      candidate: OrderCandidate;
      known: KnownOrder;
      placement: Placement;
      importedAt: Date | null;
      shippedAt: Date | null;
      cancelledAt: Date | null;
      changes: OrderChange[];
      removedLines: string[];
      cancelledLines: CancelledLine[];
      becomesImported: boolean;
      writePii: boolean;
    }
  /** Nothing changed; `rewritePii` when the stored address has no usable fingerprint yet. */
  | { kind: 'unchanged'; candidate: OrderCandidate; known: KnownOrder; rewritePii: boolean }
  /** An older version than the stored one (a slow concurrent run). */
  | { kind: 'stale'; candidate: OrderCandidate; known: KnownOrder };

/** The newest version of each order of a page, in AmazonOrderId order (the lock order). */
export function latestVersions(candidates: readonly OrderCandidate[]): OrderCandidate[] {
  const byId = new Map<string, OrderCandidate>();
  for (const c of candidates) {
    const seen = byId.get(c.amazonOrderId);
    if (!seen || seen.amazonUpdatedAt <= c.amazonUpdatedAt) byId.set(c.amazonOrderId, c);
  }
  return [...byId.values()].sort((a, b) => (a.amazonOrderId < b.amazonOrderId ? -1 : a.amazonOrderId > b.amazonOrderId ? 1 : 0));
}

/**
 * An order of another of the seller's marketplaces: it belongs to the connection of that
 * marketplace. (searchOrders is asked for the connection's marketplace only, so this is the
 * guard for an answer that ignored the filter.) An unknown marketplace is not "another" one:
 * the order is held for it instead.
 */
export function otherMarketplace(c: OrderCandidate, rules: Pick<ImportRules, 'connectionMarketplaceId'>): OrderDecision | null {
  if (c.marketplaceId === rules.connectionMarketplaceId || !findMarketplace(c.marketplaceId)) return null;
  return {
    kind: 'skip',
    candidate: c,
    reason: 'OTHER_MARKETPLACE',
    detail: `Marketplace ${c.marketplaceId}; this connection imports ${rules.connectionMarketplaceId} orders`,
  };
}

/** Where an order Amazon wants shipped goes: held with a reason, or imported with its shipping policy. */
export function placeOrder(c: OrderCandidate, mappings: readonly ShippingMappingFacts[]): Placement {
  if (c.problem) return { state: 'HELD', holdReason: c.problem.reason, holdDetail: c.problem.detail, shippingPolicy: null };
  // Amazon ships its own orders: they need no shipping policy (read-only in the platform).
  if (c.fulfilledBy === 'AMAZON') return { state: 'IMPORTED', holdReason: null, holdDetail: null, shippingPolicy: null };
  const policy = findShippingPolicy(c, mappings);
  if (!policy) {
    return {
      state: 'HELD',
      holdReason: 'MISSING_SHIPPING_MAPPING',
      holdDetail: `No shipping mapping for service level ${c.serviceLevel ?? '(none)'} / shipping text ${c.shippingText ?? '(none)'}`,
      shippingPolicy: null,
    };
  }
  return { state: 'IMPORTED', holdReason: null, holdDetail: null, shippingPolicy: policy };
}

/** An order not stored yet: skipped with a reason, kept as a reservation, held or imported. */
export function decideNewOrder(c: OrderCandidate, rules: ImportRules, id: string): Extract<OrderDecision, { kind: 'skip' | 'create' }> {
  const other = otherMarketplace(c, rules);
  if (other?.kind === 'skip') return other;
  const { settings, now } = rules;
  const skip = (reason: SkipReason, detail: string) => ({ kind: 'skip' as const, candidate: c, reason, detail });
  const fulfilledBy = c.fulfilledBy ?? 'MERCHANT';
  if (!settings.fulfilledBy.includes(fulfilledBy))
    return skip('FULFILLED_BY_FILTERED', `Fulfilled by ${fulfilledBy}; this connection imports ${settings.fulfilledBy.join(', ')} orders`);
  const windowStart = now.getTime() - settings.createdWithinDays * 86_400_000;
  if (c.purchasedAt.getTime() < windowStart) {
    return skip(
      'OUTSIDE_CREATED_WINDOW',
      `Created ${c.purchasedAt.toISOString()}, before the ${settings.createdWithinDays}-day window (${new Date(windowStart).toISOString()})`,
    );
  }
  let placement: Placement;
  if (settings.fulfillmentStatuses.includes(c.amazonStatus)) placement = placeOrder(c, rules.mappings);
  else if (settings.keepPendingAsReservations && (c.amazonStatus === 'PENDING' || c.amazonStatus === 'PENDING_AVAILABILITY'))
    placement = { state: 'RESERVED', holdReason: null, holdDetail: null, shippingPolicy: null };
  else return skip('STATUS_FILTERED', `Status ${c.amazonStatus}; this connection imports ${settings.fulfillmentStatuses.join(', ')}`);
  return {
    kind: 'create',
    candidate: c,
    id,
    placement,
    importedAt: placement.state === 'IMPORTED' ? now : null,
    cancelledAt: c.amazonStatus === 'CANCELLED' ? now : null,
    writePii: placement.state !== 'RESERVED',
  };
}

/**
 * The next placement of a stored order. An order Amazon cancelled before the platform imported it
 * (held or reserved) ends CANCELLED, so releasing its hold later can never announce it. A held
 * order Amazon moved out of the imported statuses stays held with its reason.
 */
export function nextPlacement(c: OrderCandidate, known: KnownOrder, rules: Pick<ImportRules, 'settings' | 'mappings'>): Placement {
  const current: Placement = { state: known.state, holdReason: known.holdReason, holdDetail: null, shippingPolicy: known.shippingPolicy };
  if (known.state === 'IMPORTED' || known.state === 'CANCELLED') return current;
  if (c.amazonStatus === 'CANCELLED') return { state: 'CANCELLED', holdReason: null, holdDetail: null, shippingPolicy: known.shippingPolicy };
  if (rules.settings.fulfillmentStatuses.includes(c.amazonStatus)) return placeOrder(c, rules.mappings);
  if (known.state === 'HELD') {
    const placed = placeOrder(c, rules.mappings);
    return placed.state === 'HELD' ? placed : { ...placed, state: 'HELD', holdReason: known.holdReason, holdDetail: null };
  }
  return current;
}

/**
 * Whether Amazon's shipping address differs from the stored one, by fingerprint. 'unknown' when
 * the stored address has no usable fingerprint: the address is rewritten with a fresh fingerprint
 * and no change is announced, since none can be shown. A read without an address announces
 * nothing (there is no new address to ship to), and erased buyer data is never compared.
 */
export function addressChange(c: OrderCandidate, known: KnownOrder, rules: Pick<ImportRules, 'addressDiffers'>): 'changed' | 'same' | 'unknown' {
  if (known.piiRedactedAt !== null || !c.pii.shippingAddress) return 'same';
  // A reservation holds no buyer data yet; its promotion writes it.
  if (!known.address?.hasAddress) return known.state === 'RESERVED' ? 'same' : 'changed';
  const differs = rules.addressDiffers(known.address.fingerprint, c.pii.shippingAddress);
  return differs === null ? 'unknown' : differs ? 'changed' : 'same';
}

/** A stored order read again: what changed, where it goes, and whether buyer data is rewritten. */
export function decideKnownOrder(
  c: OrderCandidate,
  known: KnownOrder,
  rules: ImportRules,
): Exclude<OrderDecision, { kind: 'skip' | 'create' }> | Extract<OrderDecision, { kind: 'skip' }> {
  const other = otherMarketplace(c, rules);
  if (other?.kind === 'skip') return other;
  if (c.amazonUpdatedAt < known.amazonUpdatedAt) return { kind: 'stale', candidate: c, known };
  const changes: OrderChange[] = [];
  if (c.amazonStatus !== known.amazonStatus) changes.push('status');
  if (c.serviceLevel !== known.serviceLevel) changes.push('service_level');
  // An order read without lines is held (NO_LINES) rather than taken as "every line removed".
  const removedLines = c.lines.length ? [...known.lines.keys()].filter((orderItemId) => !c.lines.some((l) => l.orderItemId === orderItemId)) : [];
  if (removedLines.length || c.lines.some((l) => known.lines.get(l.orderItemId)?.quantityOrdered !== l.quantityOrdered)) changes.push('lines');
  const address = addressChange(c, known, rules);
  if (address === 'changed') changes.push('shipping_address');
  const cancelledLines = c.lines
    .map((l) => ({ orderItemId: l.orderItemId, sku: l.sku, cancelledQuantity: l.quantityCancelled - (known.lines.get(l.orderItemId)?.quantityCancelled ?? 0) }))
    .filter((l) => l.cancelledQuantity > 0);
  if (cancelledLines.length && !changes.includes('lines')) changes.push('cancellation');

  const placement = nextPlacement(c, known, rules);
  const becomesImported = known.state !== 'IMPORTED' && placement.state === 'IMPORTED';
  const moved = placement.state !== known.state;
  const keepsBuyerData = placement.state === 'IMPORTED' || placement.state === 'HELD';
  if (!moved && !known.adopt && changes.length === 0 && c.amazonUpdatedAt.getTime() === known.amazonUpdatedAt.getTime()) {
    return { kind: 'unchanged', candidate: c, known, rewritePii: address === 'unknown' && keepsBuyerData };
  }
  return {
    kind: 'update',
    candidate: c,
    known,
    placement,
    importedAt: known.importedAt ?? (placement.state === 'IMPORTED' ? rules.now : null),
    shippedAt: known.shippedAt ?? c.shippedAt,
    cancelledAt: known.cancelledAt ?? (c.amazonStatus === 'CANCELLED' ? rules.now : null),
    changes,
    removedLines,
    cancelledLines,
    becomesImported,
    writePii: keepsBuyerData && known.piiRedactedAt === null,
  };
}
