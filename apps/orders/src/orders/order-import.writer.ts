import { appendToOutbox, type FieldCipher, type PendingEvent } from '@amazon-channel/platform-persistence';
import { writeJobCheckpoint, type JobEntity, type JobProgress } from '@amazon-channel/platform-service';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { T } from '../database/tables';
import type { AddressFingerprint } from '../pii/address-fingerprint';
import { encryptPii, hasPii } from '../pii/pii-cipher';
import type { KnownOrder, OrderDecision, Placement } from './domain/import-decision';
import type { OrderCandidate } from './domain/order-candidate';
import type { OrderState } from './entities/order.entity';
import { OrdersError, storeFailure } from './orders.error';
import { insertRows } from './sql';

/** The seller account an order belongs to: its identity is this plus the AmazonOrderId. */
export interface SellerAccount {
  sellingPartnerId: string;
  region: string;
}

/** Who and when a page is written for. */
export interface ImportScope {
  tenantId: string;
  connectionId: string;
  account: SellerAccount;
  now: Date;
}

const ORDER_COLUMNS = [
  'id',
  'tenant_id',
  'amazon_order_id',
  'connection_id',
  'selling_partner_id',
  'region',
  'marketplace_id',
  'amazon_status',
  'state',
  'hold_reason',
  'hold_detail',
  'fulfilled_by',
  'service_level',
  'shipping_text',
  'shipping_policy',
  'purchased_at',
  'amazon_updated_at',
  'total_minor',
  'currency',
  'ship_by',
  'imported_at',
  'shipped_at',
  'cancelled_at',
] as const;
/** Everything after tenant and AmazonOrderId; a re-read may move a legacy row to the connection of its marketplace. */
const ORDER_MUTABLE = ORDER_COLUMNS.slice(3);
const ITEM_COLUMNS = [
  'id',
  'order_id',
  'order_item_id',
  'sku',
  'asin',
  'product_code',
  'title',
  'quantity_ordered',
  'quantity_cancelled',
  'quantity_shipped',
  'unit_price_minor',
  'currency',
] as const;
const PII_COLUMNS = ['order_id', 'buyer_name', 'buyer_email', 'shipping_name', 'shipping_phone', 'shipping_address', 'shipping_address_fingerprint'] as const;
const SKIP_COLUMNS = ['connection_id', 'amazon_order_id', 'tenant_id', 'reason', 'detail', 'amazon_status', 'seen_at'] as const;

interface OrderRow {
  id: string;
  connection_id: string;
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
  selling_partner_id: string | null;
}

/**
 * The SQL of one get-orders page, inside the transaction {@link OrdersRepository.importPage} opened:
 * locks the stored orders, inserts new ones (a race lost to another run shows as "not inserted"),
 * writes the decisions, appends their events and the run's checkpoint. Decides nothing.
 */
export class OrderImportWriter {
  constructor(
    private readonly manager: EntityManager,
    private readonly cipher: FieldCipher,
    private readonly fingerprint: AddressFingerprint,
  ) {}

  /** Compliant sources of a tenant, listed in OrderImported. */
  async eligibleSources(tenantId: string): Promise<string[]> {
    const rows = (await this.manager.query(`SELECT source_id FROM ${T.sources} WHERE tenant_id = $1 AND amazon_compliant ORDER BY source_id`, [
      tenantId,
    ])) as Array<{ source_id: string }>;
    return rows.map((r) => r.source_id);
  }

  /**
   * Locks and reads the stored orders of the seller account among `amazonOrderIds`, in
   * AmazonOrderId order. A row stored before the seller account was recorded is matched within
   * the tenant, this connection's first (an AmazonOrderId is unique at Amazon).
   */
  async lockKnown(scope: ImportScope, amazonOrderIds: readonly string[]): Promise<Map<string, KnownOrder>> {
    if (!amazonOrderIds.length) return new Map();
    const rows = (await this.manager.query(
      `SELECT id, connection_id, amazon_order_id, state, amazon_status, hold_reason, service_level, shipping_policy, amazon_updated_at, imported_at, shipped_at, cancelled_at, pii_redacted_at, selling_partner_id
         FROM ${T.orders}
        WHERE amazon_order_id = ANY($1)
          AND ((selling_partner_id = $2 AND region = $3) OR (selling_partner_id IS NULL AND tenant_id = $4))
        ORDER BY amazon_order_id, selling_partner_id IS NULL, connection_id <> $5, created_at
          FOR UPDATE`,
      [amazonOrderIds, scope.account.sellingPartnerId, scope.account.region, scope.tenantId, scope.connectionId],
    )) as OrderRow[];
    const first = new Map<string, OrderRow>();
    for (const r of rows) if (!first.has(r.amazon_order_id)) first.set(r.amazon_order_id, r);
    const ids = [...first.values()].map((r) => r.id);
    const lines = await this.linesOf(ids);
    const addresses = await this.addressesOf(ids);
    return new Map(
      [...first.values()].map((r) => [
        r.amazon_order_id,
        {
          id: r.id,
          connectionId: r.connection_id,
          amazonOrderId: r.amazon_order_id,
          state: r.state,
          amazonStatus: r.amazon_status,
          holdReason: r.hold_reason,
          serviceLevel: r.service_level,
          shippingPolicy: r.shipping_policy,
          amazonUpdatedAt: r.amazon_updated_at,
          importedAt: r.imported_at,
          shippedAt: r.shipped_at,
          cancelledAt: r.cancelled_at,
          piiRedactedAt: r.pii_redacted_at,
          lines: lines.get(r.id) ?? new Map(),
          address: addresses.get(r.id) ?? null,
          adopt: r.selling_partner_id === null || r.connection_id !== scope.connectionId,
        },
      ]),
    );
  }

  /**
   * Inserts new orders; one already stored by another run (same seller account and AmazonOrderId,
   * or same connection and AmazonOrderId) is left alone.
   * @returns the AmazonOrderIds inserted.
   */
  async insertOrders(scope: ImportScope, creates: ReadonlyArray<Extract<OrderDecision, { kind: 'create' }>>): Promise<Set<string>> {
    const rows = creates.map((d) => this.orderRow(scope, d.candidate, d.id, d.placement, d.importedAt, d.candidate.shippedAt, d.cancelledAt));
    const inserted = await insertRows<{ amazon_order_id: string }>(
      this.manager,
      T.orders,
      ORDER_COLUMNS,
      rows,
      'ON CONFLICT DO NOTHING RETURNING amazon_order_id',
    );
    return new Set(inserted.map((r) => r.amazon_order_id));
  }

  /** Writes a page's decisions (the created rows are already inserted): rows, lines, buyer data, skips. */
  async write(scope: ImportScope, decisions: readonly OrderDecision[]): Promise<void> {
    const updates: unknown[][] = [];
    const removed: Array<{ orderId: string; orderItemId: string }> = [];
    const lines: Array<{ c: OrderCandidate; id: string }> = [];
    const pii: Array<{ c: OrderCandidate; id: string }> = [];
    const skips: unknown[][] = [];
    const stored: string[] = [];
    for (const d of decisions) {
      switch (d.kind) {
        case 'create':
          lines.push({ c: d.candidate, id: d.id });
          if (d.writePii) pii.push({ c: d.candidate, id: d.id });
          stored.push(d.candidate.amazonOrderId);
          break;
        case 'update':
          updates.push(this.orderRow(scope, d.candidate, d.known.id, d.placement, d.importedAt, d.shippedAt, d.cancelledAt));
          for (const orderItemId of d.removedLines) removed.push({ orderId: d.known.id, orderItemId });
          lines.push({ c: d.candidate, id: d.known.id });
          if (d.writePii) pii.push({ c: d.candidate, id: d.known.id });
          stored.push(d.candidate.amazonOrderId);
          break;
        case 'unchanged':
          if (d.rewritePii) pii.push({ c: d.candidate, id: d.known.id });
          break;
        case 'skip':
          skips.push([scope.connectionId, d.candidate.amazonOrderId, scope.tenantId, d.reason, d.detail, d.candidate.amazonStatus, scope.now]);
          break;
        case 'stale':
          break;
      }
    }
    if (updates.length) {
      await insertRows(
        this.manager,
        T.orders,
        ORDER_COLUMNS,
        updates,
        `ON CONFLICT (id) DO UPDATE SET ${ORDER_MUTABLE.map((col) => `${col} = EXCLUDED.${col}`).join(', ')}, updated_at = now()`,
      );
    }
    await this.deleteLines(removed);
    await this.writeLines(lines);
    await this.writePii(pii.filter((p) => hasPii(p.c.pii)));
    await this.writeSkips(skips);
    if (stored.length) await this.manager.query(`DELETE FROM ${T.skips} WHERE connection_id = $1 AND amazon_order_id = ANY($2)`, [scope.connectionId, stored]);
  }

  /** Records the run's checkpoint after this page (same transaction): a crash resumes after the last page that committed. */
  async checkpoint(job: Readonly<JobEntity>, progress: JobProgress): Promise<void> {
    try {
      await writeJobCheckpoint(this.manager, job, progress, { producer: 'orders' });
    } catch (error) {
      // Not STORE_FAILED: applying the page's orders one by one would commit them without their checkpoint.
      const failure = storeFailure(error);
      throw new OrdersError('JOB_CHECKPOINT_FAILED', `The run's checkpoint could not be written: ${failure instanceof Error ? failure.message : 'unknown'}`);
    }
  }

  /** Appends the page's events to the outbox (same transaction). */
  async announce(events: PendingEvent[]): Promise<void> {
    await appendToOutbox(this.manager, events);
  }

  private orderRow(
    scope: ImportScope,
    c: OrderCandidate,
    id: string,
    p: Placement,
    importedAt: Date | null,
    shippedAt: Date | null,
    cancelledAt: Date | null,
  ): unknown[] {
    return [
      id,
      scope.tenantId,
      c.amazonOrderId,
      scope.connectionId,
      scope.account.sellingPartnerId,
      scope.account.region,
      c.marketplaceId,
      c.amazonStatus,
      p.state,
      p.holdReason,
      p.state === 'HELD' ? p.holdDetail : null,
      c.fulfilledBy,
      c.serviceLevel,
      c.shippingText,
      p.shippingPolicy,
      c.purchasedAt,
      c.amazonUpdatedAt,
      c.totalMinor,
      c.currency,
      c.shipBy,
      importedAt,
      shippedAt,
      cancelledAt,
    ];
  }

  private async linesOf(orderIds: string[]): Promise<Map<string, Map<string, { quantityOrdered: number; quantityCancelled: number }>>> {
    const out = new Map<string, Map<string, { quantityOrdered: number; quantityCancelled: number }>>();
    if (orderIds.length === 0) return out;
    const rows = (await this.manager.query(`SELECT order_id, order_item_id, quantity_ordered, quantity_cancelled FROM ${T.items} WHERE order_id = ANY($1)`, [
      orderIds,
    ])) as Array<{
      order_id: string;
      order_item_id: string;
      quantity_ordered: number;
      quantity_cancelled: number;
    }>;
    for (const r of rows) {
      const lines = out.get(r.order_id) ?? new Map();
      lines.set(r.order_item_id, { quantityOrdered: r.quantity_ordered, quantityCancelled: r.quantity_cancelled });
      out.set(r.order_id, lines);
    }
    return out;
  }

  private async addressesOf(orderIds: string[]): Promise<Map<string, { hasAddress: boolean; fingerprint: string | null }>> {
    if (orderIds.length === 0) return new Map();
    const rows = (await this.manager.query(
      `SELECT order_id, shipping_address IS NOT NULL AS has_address, shipping_address_fingerprint AS fingerprint FROM ${T.pii} WHERE order_id = ANY($1)`,
      [orderIds],
    )) as Array<{ order_id: string; has_address: boolean; fingerprint: string | null }>;
    return new Map(rows.map((r) => [r.order_id, { hasAddress: r.has_address, fingerprint: r.fingerprint }]));
  }

  private async deleteLines(lines: Array<{ orderId: string; orderItemId: string }>): Promise<void> {
    if (!lines.length) return;
    await this.manager.query(
      `DELETE FROM ${T.items} i USING unnest($1::uuid[], $2::text[]) AS gone(order_id, order_item_id) WHERE i.order_id = gone.order_id AND i.order_item_id = gone.order_item_id`,
      [lines.map((l) => l.orderId), lines.map((l) => l.orderItemId)],
    );
  }

  private async writeLines(stored: Array<{ c: OrderCandidate; id: string }>): Promise<void> {
    const rows = stored.flatMap(({ c, id }) =>
      c.lines.map((l) => [
        uuidv7(),
        id,
        l.orderItemId,
        l.sku,
        l.asin,
        l.productCode,
        l.title,
        l.quantityOrdered,
        l.quantityCancelled,
        l.quantityShipped,
        l.unitPriceMinor,
        l.currency,
      ]),
    );
    if (!rows.length) return;
    const mutable = ITEM_COLUMNS.slice(3);
    await insertRows(
      this.manager,
      T.items,
      ITEM_COLUMNS,
      rows,
      `ON CONFLICT (order_id, order_item_id) DO UPDATE SET ${mutable.map((col) => `${col} = EXCLUDED.${col}`).join(', ')}, updated_at = now()`,
    );
  }

  private async writePii(stored: Array<{ c: OrderCandidate; id: string }>): Promise<void> {
    if (!stored.length) return;
    const rows = stored.map(({ c, id }) => {
      const e = encryptPii(this.cipher, c.pii);
      return [id, e.buyerName, e.buyerEmail, e.shippingName, e.shippingPhone, e.shippingAddress, this.fingerprint.of(c.pii.shippingAddress)];
    });
    const mutable = PII_COLUMNS.slice(1);
    await insertRows(
      this.manager,
      T.pii,
      PII_COLUMNS,
      rows,
      `ON CONFLICT (order_id) DO UPDATE SET ${mutable.map((col) => `${col} = EXCLUDED.${col}`).join(', ')}, updated_at = now()`,
    );
  }

  private async writeSkips(rows: unknown[][]): Promise<void> {
    if (!rows.length) return;
    await insertRows(
      this.manager,
      T.skips,
      SKIP_COLUMNS,
      rows,
      'ON CONFLICT (connection_id, amazon_order_id) DO UPDATE SET reason = EXCLUDED.reason, detail = EXCLUDED.detail, amazon_status = EXCLUDED.amazon_status, seen_at = EXCLUDED.seen_at, updated_at = now()',
    );
  }
}
