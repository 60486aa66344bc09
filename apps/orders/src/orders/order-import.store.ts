import { OrderCancelledV1, OrderImportedV1, OrderUpdatedV1, type EnvelopeContext } from '@amazon-channel/contracts';
import { appendToOutbox, type FieldCipher, type PendingEvent } from '@amazon-channel/platform-persistence';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AddressFingerprint } from '../pii/address-fingerprint';
import { encryptPii, hasPii } from '../pii/pii-cipher';
import type { GetOrdersSettings, OrderCandidate } from './domain/order-candidate';
import { normaliseServiceLevel } from './domain/service-level';
import type { OrderState } from './entities/order.entity';
import { orderImportedData, type ImportedLineFacts } from './order-events';
import { insertRows } from './sql';

/** Tables of the service's schema, for SQL written by hand. */
export const T = {
  orders: '"orders"."orders"',
  items: '"orders"."order_items"',
  pii: '"orders"."order_pii"',
  skips: '"orders"."order_skips"',
  mappings: '"orders"."shipping_mappings"',
  sources: '"orders"."sources"',
  audit: '"orders"."pii_audit"',
} as const;

/** Who and when a batch is applied for. */
export interface ImportScope {
  tenantId: string;
  connectionId: string;
  settings: GetOrdersSettings;
  now: Date;
  /** Envelope correlation (the job run) for the events the batch emits. */
  correlationId: string;
  causationId: string | null;
}

/** A shipping mapping as the import needs it. */
export interface ShippingMappingFacts {
  channelShippingText: string;
  serviceLevelCategory: string;
  shippingPolicy: string;
}

/** Counts of one applied batch (merged into the job's result record). */
export type BatchCounts = Record<
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'stale'
  | 'held'
  | 'reserved'
  | 'released'
  | 'cancelled'
  | 'skipped_status'
  | 'skipped_created_window'
  | 'skipped_fulfilled_by',
  number
>;

/** An empty {@link BatchCounts}. */
export function emptyCounts(): BatchCounts {
  return { created: 0, updated: 0, unchanged: 0, stale: 0, held: 0, reserved: 0, released: 0, cancelled: 0, skipped_status: 0, skipped_created_window: 0, skipped_fulfilled_by: 0 };
}

interface ExistingRow {
  id: string;
  amazon_order_id: string;
  state: OrderState;
  amazon_status: string;
  hold_reason: string | null;
  service_level: string | null;
  shipping_policy: string | null;
  amazon_updated_at: Date;
  imported_at: Date | null;
  shipped_at: Date | null;
  cancelled_at: Date | null;
  pii_redacted_at: Date | null;
}

interface ExistingItem {
  order_id: string;
  order_item_id: string;
  quantity_ordered: number;
  quantity_cancelled: number;
}

/** What the store knows of an order's stored address without decrypting it. */
interface StoredAddress {
  has_address: boolean;
  fingerprint: string | null;
}

/** An order whose buyer data is (re)written by the batch. */
interface PiiWrite {
  c: OrderCandidate;
  id: string;
}

type Decision =
  | { kind: 'skip'; reason: 'STATUS_FILTERED' | 'OUTSIDE_CREATED_WINDOW' | 'FULFILLED_BY_FILTERED'; detail: string }
  | { kind: 'store'; state: OrderState; holdReason: string | null; holdDetail: string | null; shippingPolicy: string | null };

const ORDER_COLUMNS = [
  'id', 'tenant_id', 'connection_id', 'amazon_order_id', 'marketplace_id', 'amazon_status', 'state', 'hold_reason', 'hold_detail',
  'fulfilled_by', 'service_level', 'shipping_text', 'shipping_policy', 'purchased_at', 'amazon_updated_at', 'total_minor', 'currency',
  'ship_by', 'imported_at', 'shipped_at', 'cancelled_at',
] as const;
const ORDER_MUTABLE = ORDER_COLUMNS.slice(4);
const ITEM_COLUMNS = ['id', 'order_id', 'order_item_id', 'sku', 'asin', 'product_code', 'title', 'quantity_ordered', 'quantity_cancelled', 'quantity_shipped', 'unit_price_minor', 'currency'] as const;
const PII_COLUMNS = ['order_id', 'buyer_name', 'buyer_email', 'shipping_name', 'shipping_phone', 'shipping_address', 'shipping_address_fingerprint'] as const;

/** The shipping policy for an order's service level or shipping text; null when no mapping covers it. */
export function findShippingPolicy(candidate: Pick<OrderCandidate, 'serviceLevel' | 'shippingText'>, mappings: readonly ShippingMappingFacts[]): string | null {
  const text = candidate.shippingText?.trim().toLowerCase() ?? null;
  const byText = text ? mappings.find((m) => m.channelShippingText.trim().toLowerCase() === text) : undefined;
  if (byText) return byText.shippingPolicy;
  const category = normaliseServiceLevel(candidate.shippingText) ?? normaliseServiceLevel(candidate.serviceLevel);
  return mappings.find((m) => m.serviceLevelCategory === category)?.shippingPolicy ?? null;
}

/**
 * Writes orders read from Amazon: upserts keyed by (connection, AmazonOrderId), with the events
 * (OrderImported once, OrderUpdated, OrderCancelled) in the same transaction. Rows are locked in
 * AmazonOrderId order, and new rows are inserted with ON CONFLICT DO NOTHING, so two runs applying
 * the same orders at once produce one row and one OrderImported per order. A re-read mirrors
 * Amazon's lines (lines Amazon no longer lists are deleted) and notices a changed shipping
 * address through the address fingerprint, so the encrypted address is never decrypted here.
 */
export class OrderImportStore {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly fingerprint: AddressFingerprint,
  ) {}

  /** Applies one batch (one page of searchOrders) inside the caller's transaction. */
  async applyBatch(manager: EntityManager, scope: ImportScope, input: readonly OrderCandidate[], mappings: readonly ShippingMappingFacts[]): Promise<BatchCounts> {
    const counts = emptyCounts();
    // The newest version of each order, in a stable lock order.
    const byId = new Map<string, OrderCandidate>();
    for (const c of input) {
      const seen = byId.get(c.amazonOrderId);
      if (!seen || seen.amazonUpdatedAt <= c.amazonUpdatedAt) byId.set(c.amazonOrderId, c);
    }
    const candidates = [...byId.values()].sort((a, b) => (a.amazonOrderId < b.amazonOrderId ? -1 : 1));
    if (candidates.length === 0) return counts;
    const eligible = await this.eligibleSources(manager, scope.tenantId);
    const events: PendingEvent[] = [];
    const context: EnvelopeContext = { producer: 'orders', tenantId: scope.tenantId, connectionId: scope.connectionId, correlationId: scope.correlationId, causationId: scope.causationId };

    let existing = await this.lockExisting(manager, scope.connectionId, candidates.map((c) => c.amazonOrderId));
    const skips: Array<{ c: OrderCandidate; reason: string; detail: string }> = [];
    const inserts: Array<{ c: OrderCandidate; id: string; d: Extract<Decision, { kind: 'store' }> }> = [];
    for (const c of candidates) {
      if (existing.has(c.amazonOrderId)) continue;
      const d = this.decideNew(c, scope, mappings);
      if (d.kind === 'skip') skips.push({ c, reason: d.reason, detail: d.detail });
      else inserts.push({ c, id: uuidv7(), d });
    }
    const inserted = new Set(
      (
        await insertRows<{ amazon_order_id: string }>(
          manager,
          T.orders,
          ORDER_COLUMNS,
          inserts.map(({ c, id, d }) => this.orderRow(scope, c, id, d, d.state === 'IMPORTED' ? scope.now : null, c.shippedAt, c.amazonStatus === 'CANCELLED' ? scope.now : null)),
          'ON CONFLICT (connection_id, amazon_order_id) DO NOTHING RETURNING amazon_order_id',
        )
      ).map((r) => r.amazon_order_id),
    );
    // Orders another run inserted between our lock and our insert: treat them as existing.
    const lost = inserts.filter((i) => !inserted.has(i.c.amazonOrderId)).map((i) => i.c.amazonOrderId);
    if (lost.length) existing = new Map([...existing, ...(await this.lockExisting(manager, scope.connectionId, lost))]);

    const stored: Array<{ c: OrderCandidate; id: string; state: OrderState; writePii: boolean }> = [];
    for (const { c, id, d } of inserts) {
      if (!inserted.has(c.amazonOrderId)) continue;
      counts.created++;
      if (d.state === 'HELD') counts.held++;
      if (d.state === 'RESERVED') counts.reserved++;
      stored.push({ c, id, state: d.state, writePii: d.state !== 'RESERVED' });
      if (d.state === 'IMPORTED') events.push({ definition: OrderImportedV1, data: this.importedData(scope, id, c, d.shippingPolicy, eligible), context });
    }

    const existingIds = [...existing.values()].map((r) => r.id);
    const existingItems = await this.itemsOf(manager, existingIds);
    const storedAddresses = await this.addressesOf(manager, existingIds);
    const updates: unknown[][] = [];
    const removedLines: Array<{ orderId: string; orderItemId: string }> = [];
    // Buyer data rewritten although the order row itself is unchanged (fingerprint recorded late).
    const piiOnly: PiiWrite[] = [];
    for (const c of candidates) {
      const row = existing.get(c.amazonOrderId);
      if (!row) continue;
      if (c.amazonUpdatedAt < row.amazon_updated_at) {
        counts.stale++;
        continue;
      }
      const before = existingItems.get(row.id) ?? new Map<string, ExistingItem>();
      const changes: string[] = [];
      if (c.amazonStatus !== row.amazon_status) changes.push('status');
      if (c.serviceLevel !== row.service_level) changes.push('service_level');
      // An order read without lines is held (NO_LINES) rather than taken as "every line removed".
      const removed = c.lines.length ? [...before.keys()].filter((orderItemId) => !c.lines.some((l) => l.orderItemId === orderItemId)) : [];
      for (const orderItemId of removed) removedLines.push({ orderId: row.id, orderItemId });
      if (removed.length || c.lines.some((l) => !before.has(l.orderItemId) || before.get(l.orderItemId)?.quantity_ordered !== l.quantityOrdered)) changes.push('lines');
      const address = this.addressChange(row, c, storedAddresses.get(row.id));
      if (address === 'changed') changes.push('shipping_address');
      const cancelledLines = c.lines
        .map((l) => ({ orderItemId: l.orderItemId, sku: l.sku, cancelledQuantity: l.quantityCancelled - (before.get(l.orderItemId)?.quantity_cancelled ?? 0) }))
        .filter((l) => l.cancelledQuantity > 0);
      if (cancelledLines.length && !changes.includes('lines')) changes.push('cancellation');

      let next: Extract<Decision, { kind: 'store' }> = { kind: 'store', state: row.state, holdReason: row.hold_reason, holdDetail: null, shippingPolicy: row.shipping_policy };
      if (row.state !== 'IMPORTED' && scope.settings.fulfillmentStatuses.includes(c.amazonStatus)) next = this.decideStore(c, mappings);
      else if (row.state === 'HELD') next = { ...this.decideStore(c, mappings), state: 'HELD', ...this.holdOf(c, mappings, row) };
      const becomesImported = row.state !== 'IMPORTED' && next.state === 'IMPORTED';
      if (!becomesImported && changes.length === 0 && c.amazonUpdatedAt.getTime() === row.amazon_updated_at.getTime()) {
        counts.unchanged++;
        if (address === 'unknown' && next.state !== 'RESERVED') piiOnly.push({ c, id: row.id });
        continue;
      }
      counts.updated++;
      if (becomesImported) counts.released++;
      const importedAt = row.imported_at ?? (next.state === 'IMPORTED' ? scope.now : null);
      const cancelledAt = row.cancelled_at ?? (c.amazonStatus === 'CANCELLED' ? scope.now : null);
      updates.push(this.orderRow(scope, c, row.id, next, importedAt, row.shipped_at ?? c.shippedAt, cancelledAt));
      stored.push({ c, id: row.id, state: next.state, writePii: next.state !== 'RESERVED' && row.pii_redacted_at === null });
      if (becomesImported) {
        events.push({ definition: OrderImportedV1, data: this.importedData(scope, row.id, c, next.shippingPolicy, eligible), context });
      } else if (row.imported_at) {
        // Cancellations have their own event; OrderUpdated carries the other changes.
        const relevant = changes.filter((change) => change !== 'cancellation');
        if (relevant.length) events.push({ definition: OrderUpdatedV1, data: { orderId: row.id, connectionId: scope.connectionId, amazonOrderId: c.amazonOrderId, changes: relevant, status: c.amazonStatus }, context });
        if (cancelledLines.length) {
          counts.cancelled++;
          events.push({
            definition: OrderCancelledV1,
            data: { orderId: row.id, connectionId: scope.connectionId, amazonOrderId: c.amazonOrderId, scope: c.amazonStatus === 'CANCELLED' ? 'FULL' : 'PARTIAL', lines: cancelledLines },
            context,
          });
        }
      }
    }
    if (updates.length) {
      await insertRows(manager, T.orders, ORDER_COLUMNS, updates, `ON CONFLICT (connection_id, amazon_order_id) DO UPDATE SET ${ORDER_MUTABLE.map((col) => `${col} = EXCLUDED.${col}`).join(', ')}, updated_at = now()`);
    }
    await this.deleteLines(manager, removedLines);
    await this.writeLines(manager, stored);
    await this.writePii(manager, [...stored.filter((s) => s.writePii), ...piiOnly].filter((s) => hasPii(s.c.pii)));
    await this.writeSkips(manager, scope, skips);
    if (stored.length) {
      await manager.query(`DELETE FROM ${T.skips} WHERE connection_id = $1 AND amazon_order_id = ANY($2)`, [scope.connectionId, stored.map((s) => s.c.amazonOrderId)]);
    }
    for (const s of skips) counts[s.reason === 'STATUS_FILTERED' ? 'skipped_status' : s.reason === 'OUTSIDE_CREATED_WINDOW' ? 'skipped_created_window' : 'skipped_fulfilled_by']++;
    await appendToOutbox(manager, events);
    return counts;
  }

  /** Compliant sources of a tenant, listed in OrderImported. */
  async eligibleSources(manager: EntityManager, tenantId: string): Promise<string[]> {
    const rows = (await manager.query(`SELECT source_id FROM ${T.sources} WHERE tenant_id = $1 AND amazon_compliant ORDER BY source_id`, [tenantId])) as Array<{ source_id: string }>;
    return rows.map((r) => r.source_id);
  }

  private decideNew(c: OrderCandidate, scope: ImportScope, mappings: readonly ShippingMappingFacts[]): Decision {
    const { settings, now } = scope;
    const fulfilledBy = c.fulfilledBy ?? 'MERCHANT';
    if (!settings.fulfilledBy.includes(fulfilledBy)) return { kind: 'skip', reason: 'FULFILLED_BY_FILTERED', detail: `Fulfilled by ${fulfilledBy}; this connection imports ${settings.fulfilledBy.join(', ')} orders` };
    const windowStart = now.getTime() - settings.createdWithinDays * 86_400_000;
    if (c.purchasedAt.getTime() < windowStart) {
      return { kind: 'skip', reason: 'OUTSIDE_CREATED_WINDOW', detail: `Created ${c.purchasedAt.toISOString()}, before the ${settings.createdWithinDays}-day window (${new Date(windowStart).toISOString()})` };
    }
    if (!settings.fulfillmentStatuses.includes(c.amazonStatus)) {
      if (settings.keepPendingAsReservations && (c.amazonStatus === 'PENDING' || c.amazonStatus === 'PENDING_AVAILABILITY')) {
        return { kind: 'store', state: 'RESERVED', holdReason: null, holdDetail: null, shippingPolicy: null };
      }
      return { kind: 'skip', reason: 'STATUS_FILTERED', detail: `Status ${c.amazonStatus}; this connection imports ${settings.fulfillmentStatuses.join(', ')}` };
    }
    return this.decideStore(c, mappings);
  }

  private decideStore(c: OrderCandidate, mappings: readonly ShippingMappingFacts[]): Extract<Decision, { kind: 'store' }> {
    if (c.problem) return { kind: 'store', state: 'HELD', holdReason: c.problem.reason, holdDetail: c.problem.detail, shippingPolicy: null };
    // Amazon ships its own orders: they need no shipping policy (read-only in the platform).
    if (c.fulfilledBy === 'AMAZON') return { kind: 'store', state: 'IMPORTED', holdReason: null, holdDetail: null, shippingPolicy: null };
    const policy = findShippingPolicy(c, mappings);
    if (!policy) {
      return { kind: 'store', state: 'HELD', holdReason: 'MISSING_SHIPPING_MAPPING', holdDetail: `No shipping mapping for service level ${c.serviceLevel ?? '(none)'} / shipping text ${c.shippingText ?? '(none)'}`, shippingPolicy: null };
    }
    return { kind: 'store', state: 'IMPORTED', holdReason: null, holdDetail: null, shippingPolicy: policy };
  }

  /** A held order that Amazon moved out of the imported statuses stays held with its reason. */
  private holdOf(c: OrderCandidate, mappings: readonly ShippingMappingFacts[], row: ExistingRow): { holdReason: string | null; holdDetail: string | null } {
    const d = this.decideStore(c, mappings);
    return d.state === 'HELD' ? { holdReason: d.holdReason, holdDetail: d.holdDetail } : { holdReason: row.hold_reason, holdDetail: null };
  }

  private importedData(scope: ImportScope, id: string, c: OrderCandidate, shippingPolicy: string | null, eligible: string[]): OrderImportedV1 {
    const data = orderImportedData(
      { id, connectionId: scope.connectionId, amazonOrderId: c.amazonOrderId, marketplaceId: c.marketplaceId, purchasedAt: c.purchasedAt, shippingPolicy, totalMinor: c.totalMinor, currency: c.currency },
      c.lines as ImportedLineFacts[],
      eligible,
    );
    return { ...data, fulfilledBy: c.fulfilledBy === 'AMAZON' ? 'AMAZON' : 'MERCHANT' };
  }

  private orderRow(scope: ImportScope, c: OrderCandidate, id: string, d: Extract<Decision, { kind: 'store' }>, importedAt: Date | null, shippedAt: Date | null, cancelledAt: Date | null): unknown[] {
    return [
      id, scope.tenantId, scope.connectionId, c.amazonOrderId, c.marketplaceId, c.amazonStatus, d.state, d.holdReason, d.state === 'HELD' ? d.holdDetail : null,
      c.fulfilledBy, c.serviceLevel, c.shippingText, d.shippingPolicy, c.purchasedAt, c.amazonUpdatedAt, c.totalMinor, c.currency,
      c.shipBy, importedAt, shippedAt, cancelledAt,
    ];
  }

  private async lockExisting(manager: EntityManager, connectionId: string, amazonOrderIds: string[]): Promise<Map<string, ExistingRow>> {
    const rows = (await manager.query(
      `SELECT id, amazon_order_id, state, amazon_status, hold_reason, service_level, shipping_policy, amazon_updated_at, imported_at, shipped_at, cancelled_at, pii_redacted_at
         FROM ${T.orders} WHERE connection_id = $1 AND amazon_order_id = ANY($2) ORDER BY amazon_order_id FOR UPDATE`,
      [connectionId, amazonOrderIds],
    )) as ExistingRow[];
    return new Map(rows.map((r) => [r.amazon_order_id, r]));
  }

  private async itemsOf(manager: EntityManager, orderIds: string[]): Promise<Map<string, Map<string, ExistingItem>>> {
    const out = new Map<string, Map<string, ExistingItem>>();
    if (orderIds.length === 0) return out;
    const rows = (await manager.query(`SELECT order_id, order_item_id, quantity_ordered, quantity_cancelled FROM ${T.items} WHERE order_id = ANY($1)`, [orderIds])) as ExistingItem[];
    for (const r of rows) {
      if (!out.has(r.order_id)) out.set(r.order_id, new Map());
      out.get(r.order_id)?.set(r.order_item_id, r);
    }
    return out;
  }

  /**
   * Whether Amazon's shipping address differs from the stored one, by fingerprint. 'unknown' when
   * the stored address has no usable fingerprint (stored before fingerprints, or under a removed
   * key): the address is rewritten with a fresh fingerprint and no change is announced, since
   * none can be shown. A read without an address announces nothing (there is no new address to
   * ship to), and erased buyer data is never compared.
   */
  private addressChange(row: ExistingRow, c: OrderCandidate, stored: StoredAddress | undefined): 'changed' | 'same' | 'unknown' {
    if (row.pii_redacted_at !== null || !c.pii.shippingAddress) return 'same';
    // A reservation holds no buyer data yet; its promotion writes it.
    if (!stored?.has_address) return row.state === 'RESERVED' ? 'same' : 'changed';
    const differs = this.fingerprint.differs(stored.fingerprint, c.pii.shippingAddress);
    return differs === null ? 'unknown' : differs ? 'changed' : 'same';
  }

  private async addressesOf(manager: EntityManager, orderIds: string[]): Promise<Map<string, StoredAddress>> {
    if (orderIds.length === 0) return new Map();
    const rows = (await manager.query(`SELECT order_id, shipping_address IS NOT NULL AS has_address, shipping_address_fingerprint AS fingerprint FROM ${T.pii} WHERE order_id = ANY($1)`, [
      orderIds,
    ])) as Array<StoredAddress & { order_id: string }>;
    return new Map(rows.map((r) => [r.order_id, r]));
  }

  private async deleteLines(manager: EntityManager, lines: Array<{ orderId: string; orderItemId: string }>): Promise<void> {
    if (!lines.length) return;
    await manager.query(`DELETE FROM ${T.items} i USING unnest($1::uuid[], $2::text[]) AS gone(order_id, order_item_id) WHERE i.order_id = gone.order_id AND i.order_item_id = gone.order_item_id`, [
      lines.map((l) => l.orderId),
      lines.map((l) => l.orderItemId),
    ]);
  }

  private async writeLines(manager: EntityManager, stored: Array<{ c: OrderCandidate; id: string }>): Promise<void> {
    const rows = stored.flatMap(({ c, id }) =>
      c.lines.map((l) => [uuidv7(), id, l.orderItemId, l.sku, l.asin, l.productCode, l.title, l.quantityOrdered, l.quantityCancelled, l.quantityShipped, l.unitPriceMinor, l.currency]),
    );
    if (!rows.length) return;
    const mutable = ITEM_COLUMNS.slice(3);
    await insertRows(manager, T.items, ITEM_COLUMNS, rows, `ON CONFLICT (order_id, order_item_id) DO UPDATE SET ${mutable.map((col) => `${col} = EXCLUDED.${col}`).join(', ')}, updated_at = now()`);
  }

  private async writePii(manager: EntityManager, stored: PiiWrite[]): Promise<void> {
    if (!stored.length) return;
    const rows = stored.map(({ c, id }) => {
      const e = encryptPii(this.cipher, c.pii);
      return [id, e.buyerName, e.buyerEmail, e.shippingName, e.shippingPhone, e.shippingAddress, this.fingerprint.of(c.pii.shippingAddress)];
    });
    const mutable = PII_COLUMNS.slice(1);
    await insertRows(manager, T.pii, PII_COLUMNS, rows, `ON CONFLICT (order_id) DO UPDATE SET ${mutable.map((col) => `${col} = EXCLUDED.${col}`).join(', ')}, updated_at = now()`);
  }

  private async writeSkips(manager: EntityManager, scope: ImportScope, skips: Array<{ c: OrderCandidate; reason: string; detail: string }>): Promise<void> {
    if (!skips.length) return;
    await insertRows(
      manager,
      T.skips,
      ['connection_id', 'amazon_order_id', 'tenant_id', 'reason', 'detail', 'amazon_status', 'seen_at'],
      skips.map(({ c, reason, detail }) => [scope.connectionId, c.amazonOrderId, scope.tenantId, reason, detail, c.amazonStatus, scope.now]),
      'ON CONFLICT (connection_id, amazon_order_id) DO UPDATE SET reason = EXCLUDED.reason, detail = EXCLUDED.detail, amazon_status = EXCLUDED.amazon_status, seen_at = EXCLUDED.seen_at, updated_at = now()',
    );
  }
}
