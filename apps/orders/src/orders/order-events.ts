import { OrderCancelledV1, OrderImportedV1, OrderUpdatedV1, type EnvelopeContext } from '@amazon-channel/contracts';
import type { PendingEvent } from '@amazon-channel/platform-persistence';
import type { OrderDecision } from './domain/import-decision';

/** What OrderImported needs of an order row. */
export interface ImportedOrderFacts {
  id: string;
  connectionId: string;
  amazonOrderId: string;
  marketplaceId: string;
  purchasedAt: Date;
  shippingPolicy: string | null;
  totalMinor: number | null;
  currency: string | null;
  fulfilledBy: string | null;
}

/** What OrderImported needs of a line. */
export interface ImportedLineFacts {
  orderItemId: string;
  sku: string;
  productCode: string;
  quantityOrdered: number;
  quantityCancelled: number;
  unitPriceMinor: number | null;
  currency: string | null;
}

/**
 * The OrderImported data: ids, open lines, totals, shipping policy and eligible sources — no buyer
 * data ever (PII never travels on the bus).
 */
export function orderImportedData(order: ImportedOrderFacts, lines: readonly ImportedLineFacts[], eligibleSourceIds: readonly string[]): OrderImportedV1 {
  return {
    orderId: order.id,
    connectionId: order.connectionId,
    amazonOrderId: order.amazonOrderId,
    marketplaceId: order.marketplaceId,
    purchasedAt: order.purchasedAt.toISOString(),
    shippingPolicy: order.shippingPolicy,
    total: order.totalMinor !== null && order.currency ? { amountMinor: order.totalMinor, currency: order.currency } : null,
    lines: lines
      .filter((line) => line.quantityOrdered - line.quantityCancelled > 0)
      .map((line) => ({
        orderItemId: line.orderItemId,
        sku: line.sku,
        productCode: line.productCode || line.sku,
        quantity: line.quantityOrdered - line.quantityCancelled,
        unitPrice: line.unitPriceMinor !== null && line.currency ? { amountMinor: line.unitPriceMinor, currency: line.currency } : null,
        quantityOrdered: line.quantityOrdered,
        quantityCancelled: line.quantityCancelled,
      })),
    eligibleSourceIds: [...eligibleSourceIds],
    fulfilledBy: order.fulfilledBy === 'AMAZON' ? 'AMAZON' : 'MERCHANT',
  };
}

/** An order released from its hold (a shipping mapping now covers it), with its stored lines. */
export interface ReleasedOrder {
  order: ImportedOrderFacts;
  lines: readonly ImportedLineFacts[];
}

/** OrderImported for each released order. */
export function releasedOrderEvents(released: readonly ReleasedOrder[], eligibleSourceIds: readonly string[], context: EnvelopeContext): PendingEvent[] {
  return released.map(({ order, lines }) => ({ definition: OrderImportedV1, data: orderImportedData(order, lines, eligibleSourceIds), context }));
}

/**
 * The events of a page of get-orders decisions: OrderImported once per order (when it is created
 * or released as IMPORTED), and for orders already imported OrderUpdated (status, service level,
 * lines, address; never the address itself) and OrderCancelled (FULL / PARTIAL, per line).
 * Orders never imported (held, reserved, cancelled before import) announce nothing.
 */
export function orderEvents(
  decisions: readonly OrderDecision[],
  connectionId: string,
  eligibleSourceIds: readonly string[],
  context: EnvelopeContext,
): PendingEvent[] {
  const events: PendingEvent[] = [];
  for (const d of decisions) {
    if (d.kind === 'create' || (d.kind === 'update' && d.becomesImported)) {
      if (d.placement.state !== 'IMPORTED') continue;
      const c = d.candidate;
      const id = d.kind === 'create' ? d.id : d.known.id;
      const order = {
        id,
        connectionId,
        amazonOrderId: c.amazonOrderId,
        marketplaceId: c.marketplaceId,
        purchasedAt: c.purchasedAt,
        shippingPolicy: d.placement.shippingPolicy,
        totalMinor: c.totalMinor,
        currency: c.currency,
        fulfilledBy: c.fulfilledBy,
      };
      events.push({ definition: OrderImportedV1, data: orderImportedData(order, c.lines, eligibleSourceIds), context });
      continue;
    }
    if (d.kind !== 'update' || !d.known.importedAt) continue;
    const base = { orderId: d.known.id, connectionId, amazonOrderId: d.candidate.amazonOrderId };
    // Cancellations have their own event; OrderUpdated carries the other changes.
    const relevant = d.changes.filter((change) => change !== 'cancellation');
    // Fulfillment keeps each order's lines: a change of lines carries them (ids and units, no PII).
    const lines = relevant.includes('lines')
      ? d.candidate.lines.map((l) => ({ orderItemId: l.orderItemId, sku: l.sku, quantityOrdered: l.quantityOrdered, quantityCancelled: l.quantityCancelled }))
      : undefined;
    if (relevant.length)
      events.push({ definition: OrderUpdatedV1, data: { ...base, changes: relevant, status: d.candidate.amazonStatus, ...(lines ? { lines } : {}) }, context });
    if (d.cancelledLines.length) {
      events.push({
        definition: OrderCancelledV1,
        data: { ...base, scope: d.candidate.amazonStatus === 'CANCELLED' ? 'FULL' : 'PARTIAL', lines: d.cancelledLines },
        context,
      });
    }
  }
  return events;
}
