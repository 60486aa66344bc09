import type { ShipmentReadyV2 } from '@amazon-channel/contracts';
import { appendToOutbox, type PendingEvent } from '@amazon-channel/platform-persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { T } from '../database/tables';
import type { CarrierFields, IntakeDecision, PackageRow } from './domain/intake-decision';
import type { KnownOrder } from './domain/known-order';
import { LIVE_STATUSES, type PackageStatus } from './domain/package-status';
import type { BundlePart, PackageError, PackageItem } from './domain/shipment-checks';
import { KnownOrdersRepository } from './known-orders.repository';

/** Decides a shipment against its order (read in the same transaction, under the order's lock). */
export type DecideShipment = (
  shipment: ShipmentReadyV2,
  order: KnownOrder | null,
  claimed: ReadonlyMap<string, number>,
  nextReference: number,
) => IntakeDecision;

/** A stored package, as the job and the API read it. */
export interface StoredPackage {
  id: string;
  shipmentRowId: string;
  shipmentId: string;
  tenantId: string;
  connectionId: string;
  amazonOrderId: string;
  shippedAt: Date;
  packageId: string;
  packageReferenceId: string;
  position: number;
  status: PackageStatus;
  trackingNumber: string;
  carrierGiven: string | null;
  methodGiven: string | null;
  carrierCode: string | null;
  carrierName: string | null;
  shippingMethod: string | null;
  detectedBy: string | null;
  checkDigit: string | null;
  lines: ShipmentReadyV2['packages'][number]['lines'];
  items: PackageItem[];
  sentItems: PackageItem[] | null;
  bundleParts: BundlePart[];
  errors: PackageError[];
  reason: string | null;
  fix: string | null;
  attempts: number;
  resends: number;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  confirmedAt: Date | null;
}

/** A shipment with its packages (held ones show the packages the platform sent, HELD). */
export interface ShipmentView {
  id: string;
  shipmentId: string;
  connectionId: string;
  amazonOrderId: string;
  shippedAt: string;
  status: string;
  heldReason: string | null;
  packages: Array<Record<string, unknown>>;
  createdAt: string;
}

/** A row of raw SQL, read column by column into typed objects here and nowhere else. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SqlRow = Record<string, any>;

const PACKAGE_COLUMNS = `p.id, p.shipment_row_id, s.shipment_id, s.tenant_id, p.connection_id, p.amazon_order_id, s.shipped_at, p.package_id, p.package_reference_id,
  p.position, p.status, p.tracking_number, p.carrier_given, p.method_given, p.carrier_code, p.carrier_name, p.shipping_method, p.detected_by, p.check_digit,
  p.lines, p.items, p.sent_items, p.errors, p.reason, p.fix, p.attempts, p.resends, p.next_attempt_at, p.sent_at, p.confirmed_at`;

/**
 * Shipments, their packages and send attempts: the only writer of `shipments`, `packages` and
 * `package_attempts`. Every change of a package's state commits with its events (outbox). Work on
 * one order is serialised by a transaction-scoped advisory lock, so two shipments of an order never
 * claim the same units or the same `packageReferenceId`.
 */
@Injectable()
export class ShipmentsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly knownOrders: KnownOrdersRepository,
  ) {}

  /**
   * Stores a shipment once per (connection, platform shipment id): a second delivery, over HTTP or
   * the bus, finds the first and changes nothing. `tx` is the inbox transaction of the event (null:
   * a transaction of its own); `afterWrite` runs in it when the shipment is new.
   */
  async intake(
    tx: EntityManager | null,
    tenantId: string,
    shipment: ShipmentReadyV2,
    decide: DecideShipment,
    afterWrite: (manager: EntityManager) => Promise<void>,
  ): Promise<{ id: string; created: boolean }> {
    let result = { id: '', created: false };
    const effect = async (manager: EntityManager) => {
      await this.lockOrder(manager, shipment.connectionId, shipment.amazonOrderId);
      const [existing] = await manager.query(`SELECT id FROM ${T.shipments} WHERE connection_id = $1 AND shipment_id = $2`, [
        shipment.connectionId,
        shipment.shipmentId,
      ]);
      if (existing) {
        result = { id: existing.id, created: false };
        return;
      }
      const decision = await this.decideLocked(manager, shipment, decide);
      const id = uuidv7();
      await manager.query(
        `INSERT INTO ${T.shipments} (id, tenant_id, connection_id, shipment_id, amazon_order_id, shipped_at, held_reason, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          id,
          tenantId,
          shipment.connectionId,
          shipment.shipmentId,
          shipment.amazonOrderId,
          shipment.shippedAt,
          decision.kind === 'held' ? decision.reason : null,
          shipment,
        ],
      );
      if (decision.kind === 'accepted') await this.insertPackages(manager, id, shipment, decision.packages);
      await afterWrite(manager);
      result = { id, created: true };
    };
    if (tx) await effect(tx);
    else await this.dataSource.transaction(effect);
    return result;
  }

  /**
   * Decides the shipments held for an order that just arrived, inside the caller's transaction
   * (the one recording the order). @returns how many were released.
   */
  async releaseHeld(manager: EntityManager, connectionId: string, amazonOrderId: string, decide: DecideShipment): Promise<number> {
    await this.lockOrder(manager, connectionId, amazonOrderId);
    const held: Array<{ id: string; body: ShipmentReadyV2 }> = await manager.query(
      `SELECT id, body FROM ${T.shipments} WHERE connection_id = $1 AND amazon_order_id = $2 AND held_reason IS NOT NULL ORDER BY created_at, id`,
      [connectionId, amazonOrderId],
    );
    let released = 0;
    for (const row of held) {
      const decision = await this.decideLocked(manager, row.body, decide);
      if (decision.kind === 'held') continue;
      await manager.query(`UPDATE ${T.shipments} SET held_reason = NULL, updated_at = now() WHERE id = $1`, [row.id]);
      await this.insertPackages(manager, row.id, row.body, decision.packages);
      released++;
    }
    return released;
  }

  /** The tenant's shipments, newest first, optionally of one connection and with a package in `status` (HELD: held shipments). */
  async list(tenantId: string, filter: { connectionId?: string; status?: PackageStatus; limit: number }): Promise<ShipmentView[]> {
    const params: unknown[] = [tenantId, filter.limit];
    let where = 's.tenant_id = $1';
    if (filter.connectionId) {
      params.push(filter.connectionId);
      where += ` AND s.connection_id = $${params.length}`;
    }
    if (filter.status) {
      params.push(filter.status);
      where +=
        filter.status === 'HELD'
          ? ` AND s.held_reason IS NOT NULL AND $${params.length}::text IS NOT NULL`
          : ` AND EXISTS (SELECT 1 FROM ${T.packages} x WHERE x.shipment_row_id = s.id AND x.status = $${params.length})`;
    }
    const rows = await this.dataSource.query(`SELECT s.* FROM ${T.shipments} s WHERE ${where} ORDER BY s.created_at DESC, s.id DESC LIMIT $2`, params);
    return this.views(rows);
  }

  /** One shipment of the tenant (our id), or null. */
  async find(tenantId: string, id: string): Promise<ShipmentView | null> {
    const rows = await this.dataSource.query(`SELECT s.* FROM ${T.shipments} s WHERE s.tenant_id = $1 AND s.id = $2`, [tenantId, id]);
    return (await this.views(rows))[0] ?? null;
  }

  /** One package of the tenant's shipment, or null. */
  async findPackage(tenantId: string, shipmentRowId: string, packageId: string): Promise<StoredPackage | null> {
    const rows = await this.dataSource.query(
      `SELECT ${PACKAGE_COLUMNS} FROM ${T.packages} p JOIN ${T.shipments} s ON s.id = p.shipment_row_id WHERE s.tenant_id = $1 AND s.id = $2 AND p.package_id = $3`,
      [tenantId, shipmentRowId, packageId],
    );
    return rows[0] ? toPackage(rows[0]) : null;
  }

  /** Stores a seller's edit: new values and status, attempts reset so the package gets its full retries again; `afterWrite` in the same transaction. */
  async saveEdit(
    packageRowId: string,
    edit: {
      trackingNumber: string;
      carrierGiven: string | null;
      methodGiven: string | null;
      fields: CarrierFields;
      status: PackageStatus;
      errors: PackageError[];
    },
    afterWrite: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE ${T.packages} SET tracking_number = $2, carrier_given = $3, method_given = $4, carrier_code = $5, carrier_name = $6, shipping_method = $7,
         detected_by = $8, check_digit = $9, status = $10, errors = $11, reason = NULL, fix = NULL, attempts = 0, resends = 0, next_attempt_at = NULL, updated_at = now()
       WHERE id = $1`,
        [
          packageRowId,
          edit.trackingNumber,
          edit.carrierGiven,
          edit.methodGiven,
          edit.fields.carrierCode,
          edit.fields.carrierName,
          edit.fields.shippingMethod,
          edit.fields.detectedBy,
          edit.fields.checkDigit,
          edit.status,
          JSON.stringify(edit.errors),
        ],
      );
      await afterWrite(manager);
    });
  }

  /** Orders of the connection with packages a run has work for now. */
  async dueOrders(connectionId: string, now: Date): Promise<string[]> {
    const rows: Array<{ amazon_order_id: string }> = await this.dataSource.query(
      `SELECT amazon_order_id FROM ${T.packages}
       WHERE connection_id = $1 AND (status IN ('READY', 'WAITING_BUNDLE', 'SENDING', 'SENT', 'NOT_RECORDED') OR (status = 'RETRY' AND next_attempt_at <= $2))
       GROUP BY amazon_order_id ORDER BY min(created_at)`,
      [connectionId, now],
    );
    return rows.map((r) => r.amazon_order_id);
  }

  /** Every package of an order, in `packageReferenceId` order. */
  async orderPackages(connectionId: string, amazonOrderId: string): Promise<StoredPackage[]> {
    const rows = await this.dataSource.query(
      `SELECT ${PACKAGE_COLUMNS} FROM ${T.packages} p JOIN ${T.shipments} s ON s.id = p.shipment_row_id
       WHERE p.connection_id = $1 AND p.amazon_order_id = $2 ORDER BY p.position`,
      [connectionId, amazonOrderId],
    );
    return rows.map(toPackage);
  }

  /** Sets packages waiting for the rest of a bundle, or covered by the package that completed it. */
  async setStatuses(ids: string[], status: PackageStatus): Promise<void> {
    if (ids.length) await this.dataSource.query(`UPDATE ${T.packages} SET status = $2, updated_at = now() WHERE id = ANY($1) AND status <> $2`, [ids, status]);
  }

  /**
   * Records the intent before the call: SENDING, the items and the request, one more attempt. After
   * a crash a SENDING package is read back first and re-sent under the same `packageReferenceId`,
   * which Amazon treats as an edit of that package, never a second one.
   */
  async recordIntent(packageRowId: string, items: PackageItem[], request: object): Promise<string> {
    const attemptId = uuidv7();
    await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        `UPDATE ${T.packages} SET status = 'SENDING', sent_items = $2, attempts = attempts + 1, updated_at = now() WHERE id = $1 RETURNING attempts`,
        [packageRowId, JSON.stringify(items)],
      );
      await manager.query(`INSERT INTO ${T.attempts} (id, package_row_id, attempt, request) VALUES ($1, $2, $3, $4)`, [
        attemptId,
        packageRowId,
        row[0].attempts,
        request,
      ]);
    });
    return attemptId;
  }

  /** Amazon answered 204: SENT, waiting for read-back. */
  async recordSent(packageRowId: string, attemptId: string, at: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE ${T.packages} SET status = 'SENT', sent_at = $2, updated_at = now() WHERE id = $1`, [packageRowId, at]);
      await manager.query(`UPDATE ${T.attempts} SET outcome = 'ACCEPTED', http_status = 204, updated_at = now() WHERE id = $1`, [attemptId]);
    });
  }

  /** A failed send: REJECTED, RETRY (at `nextAttemptAt`) or FAILED, with its events. */
  async recordFailure(
    packageRowId: string,
    attemptId: string | null,
    outcome: { status: 'REJECTED' | 'RETRY' | 'FAILED'; reason: string; fix: string | null; nextAttemptAt: Date | null; httpStatus: number | null },
    events: PendingEvent[],
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE ${T.packages} SET status = $2, reason = $3, fix = $4, next_attempt_at = $5, updated_at = now() WHERE id = $1`, [
        packageRowId,
        outcome.status,
        outcome.reason.slice(0, 2000),
        outcome.fix?.slice(0, 2000) ?? null,
        outcome.nextAttemptAt,
      ]);
      if (attemptId)
        await manager.query(`UPDATE ${T.attempts} SET outcome = $2, http_status = $3, message = $4, updated_at = now() WHERE id = $1`, [
          attemptId,
          outcome.status,
          outcome.httpStatus,
          outcome.reason.slice(0, 2000),
        ]);
      await appendToOutbox(manager, events);
    });
  }

  /** What read-back found: CONFIRMED, NOT_RECORDED (to be re-sent once) or FLAGGED, with its events. */
  async recordReadBack(
    packageRowId: string,
    status: 'CONFIRMED' | 'NOT_RECORDED' | 'FLAGGED',
    reason: string | null,
    at: Date,
    events: PendingEvent[],
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE ${T.packages} SET status = $2::text, reason = $3, confirmed_at = CASE WHEN $2::text = 'CONFIRMED' THEN $4::timestamptz ELSE confirmed_at END,
           resends = resends + CASE WHEN $2::text = 'NOT_RECORDED' THEN 1 ELSE 0 END, updated_at = now() WHERE id = $1`,
        [packageRowId, status, reason, at],
      );
      await appendToOutbox(manager, events);
    });
  }

  /**
   * The connection's valid-tracking figures: packages Amazon shows (CONFIRMED), and of those the
   * ones whose tracking number passed its carrier's check digit (or has none to check).
   */
  async trackingFigures(connectionId: string): Promise<{ confirmed: number; valid: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS confirmed, count(*) FILTER (WHERE check_digit IS DISTINCT FROM 'invalid')::int AS valid
       FROM ${T.packages} WHERE connection_id = $1 AND status = 'CONFIRMED'`,
      [connectionId],
    );
    return { confirmed: row.confirmed, valid: row.valid };
  }

  private async lockOrder(manager: EntityManager, connectionId: string, amazonOrderId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`fulfillment:order:${connectionId}:${amazonOrderId}`]);
  }

  private async decideLocked(manager: EntityManager, shipment: ShipmentReadyV2, decide: DecideShipment): Promise<IntakeDecision> {
    const order = await this.knownOrders.find(manager, shipment.connectionId, shipment.amazonOrderId);
    const packages: Array<{ status: PackageStatus; items: PackageItem[]; sent_items: PackageItem[] | null; position: number }> = await manager.query(
      `SELECT status, items, sent_items, position FROM ${T.packages} WHERE connection_id = $1 AND amazon_order_id = $2`,
      [shipment.connectionId, shipment.amazonOrderId],
    );
    const claimed = new Map<string, number>();
    for (const p of packages) {
      if (!(LIVE_STATUSES as readonly string[]).includes(p.status)) continue;
      for (const item of p.sent_items ?? p.items) claimed.set(item.orderItemId, (claimed.get(item.orderItemId) ?? 0) + item.quantity);
    }
    const next = packages.reduce((max, p) => Math.max(max, p.position), 0) + 1;
    return decide(shipment, order, claimed, next);
  }

  private async insertPackages(manager: EntityManager, shipmentRowId: string, shipment: ShipmentReadyV2, rows: PackageRow[]): Promise<void> {
    for (const r of rows)
      await manager.query(
        `INSERT INTO ${T.packages} (id, shipment_row_id, connection_id, amazon_order_id, package_id, package_reference_id, position, status, tracking_number,
           carrier_given, method_given, carrier_code, carrier_name, shipping_method, detected_by, check_digit, lines, items, errors)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
        [
          uuidv7(),
          shipmentRowId,
          shipment.connectionId,
          shipment.amazonOrderId,
          r.packageId,
          r.packageReferenceId,
          r.position,
          r.status,
          r.trackingNumber,
          r.carrierGiven,
          r.methodGiven,
          r.carrierCode,
          r.carrierName,
          r.shippingMethod,
          r.detectedBy,
          r.checkDigit,
          JSON.stringify(r.lines),
          JSON.stringify(r.items),
          JSON.stringify(r.errors),
        ],
      );
  }

  private async views(rows: SqlRow[]): Promise<ShipmentView[]> {
    if (rows.length === 0) return [];
    const packages = await this.dataSource.query(
      `SELECT ${PACKAGE_COLUMNS} FROM ${T.packages} p JOIN ${T.shipments} s ON s.id = p.shipment_row_id WHERE p.shipment_row_id = ANY($1) ORDER BY p.position`,
      [rows.map((r) => r.id)],
    );
    const byShipment = new Map<string, StoredPackage[]>();
    for (const p of packages.map(toPackage)) byShipment.set(p.shipmentRowId, [...(byShipment.get(p.shipmentRowId) ?? []), p]);
    return rows.map((s) => {
      const body = s.body as ShipmentReadyV2;
      const own = byShipment.get(s.id) ?? [];
      const pkgs = s.held_reason
        ? body.packages.map((p) => ({ packageId: p.packageId, status: 'HELD', trackingNumber: p.trackingNumber, reason: heldText(s.held_reason) }))
        : own.map(packageView);
      return {
        id: s.id,
        shipmentId: s.shipment_id,
        connectionId: s.connection_id,
        amazonOrderId: s.amazon_order_id,
        shippedAt: new Date(s.shipped_at).toISOString(),
        status: s.held_reason ? 'HELD' : shipmentStatus(own.map((p) => p.status)),
        heldReason: s.held_reason,
        packages: pkgs,
        createdAt: new Date(s.created_at).toISOString(),
      };
    });
  }
}

function heldText(reason: string): string {
  return reason === 'ORDER_NOT_KNOWN' ? 'The order is not imported yet: the shipment is sent once it arrives.' : reason;
}

/** A shipment is as far as its least advanced package (problems first). */
function shipmentStatus(statuses: PackageStatus[]): string {
  for (const s of ['INVALID', 'REJECTED', 'FAILED', 'FLAGGED'] as const) if (statuses.includes(s)) return s;
  if (statuses.every((s) => s === 'CONFIRMED' || s === 'COVERED')) return 'CONFIRMED';
  return 'IN_PROGRESS';
}

function packageView(p: StoredPackage): Record<string, unknown> {
  return {
    packageId: p.packageId,
    packageReferenceId: p.packageReferenceId,
    status: p.status,
    trackingNumber: p.trackingNumber,
    carrierCode: p.carrierCode,
    carrierName: p.carrierName,
    shippingMethod: p.shippingMethod,
    detectedBy: p.detectedBy,
    checkDigit: p.checkDigit,
    items: p.sentItems ?? p.items,
    lines: p.lines,
    errors: p.errors,
    reason: p.reason,
    fix: p.fix,
    attempts: p.attempts,
    resends: p.resends,
    nextAttemptAt: p.nextAttemptAt?.toISOString() ?? null,
    confirmedAt: p.confirmedAt?.toISOString() ?? null,
  };
}

function toPackage(r: SqlRow): StoredPackage {
  const lines = r.lines as StoredPackage['lines'];
  return {
    id: r.id,
    shipmentRowId: r.shipment_row_id,
    shipmentId: r.shipment_id,
    tenantId: r.tenant_id,
    connectionId: r.connection_id,
    amazonOrderId: r.amazon_order_id,
    shippedAt: new Date(r.shipped_at),
    packageId: r.package_id,
    packageReferenceId: r.package_reference_id,
    position: r.position,
    status: r.status,
    trackingNumber: r.tracking_number,
    carrierGiven: r.carrier_given,
    methodGiven: r.method_given,
    carrierCode: r.carrier_code,
    carrierName: r.carrier_name,
    shippingMethod: r.shipping_method,
    detectedBy: r.detected_by,
    checkDigit: r.check_digit,
    lines,
    items: r.items,
    sentItems: r.sent_items,
    bundleParts: lines
      .filter((l) => l.bundleOrderItemId)
      .map((l) => ({ bundleOrderItemId: l.bundleOrderItemId as string, sku: l.sku ?? '', quantity: l.quantity, components: l.bundleComponents ?? null })),
    errors: r.errors,
    reason: r.reason,
    fix: r.fix,
    attempts: r.attempts,
    resends: r.resends,
    nextAttemptAt: r.next_attempt_at ? new Date(r.next_attempt_at) : null,
    sentAt: r.sent_at ? new Date(r.sent_at) : null,
    confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null,
  };
}
