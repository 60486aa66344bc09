import type { ShipmentReadyV2 } from '@amazon-channel/contracts';
import { openUnits, type KnownOrder } from './known-order';

/** Amazon's limit is not published; every carrier's numbers fit in this and the sync-orders template allows no more. */
export const MAX_TRACKING_LENGTH = 100;
/** Clock skew tolerated between the warehouse and us before a ship date counts as "in the future". */
export const FUTURE_SHIP_DATE_SKEW_MS = 10 * 60_000;

/** Codes of a package's problems, each with what the seller must fix. */
export type PackageErrorCode =
  | 'TRACKING_EMPTY'
  | 'TRACKING_TOO_LONG'
  | 'TRACKING_INVALID_CHARACTERS'
  | 'SHIP_DATE_IN_FUTURE'
  | 'SHIP_DATE_BEFORE_ORDER'
  | 'ORDER_ITEM_NOT_ON_ORDER'
  | 'SKU_NOT_ON_ORDER'
  | 'QUANTITY_EXCEEDS_OPEN'
  | 'CARRIER_MISSING'
  | 'CHECK_DIGIT_FAILED';

/** One problem of a package, named by field (`packages[1].lines[0].sku`). */
export interface PackageError {
  code: PackageErrorCode;
  field: string;
  message: string;
}

/** A line resolved to Amazon's order item. */
export interface PackageItem {
  orderItemId: string;
  quantity: number;
}

/** A bundle component shipped in a package. */
export interface BundlePart {
  bundleOrderItemId: string;
  sku: string;
  quantity: number;
  /** One bundle unit's make-up; null = the components of this package make the bundle. */
  components: Array<{ sku: string; quantity: number }> | null;
}

/** What the checks found for one package. */
export interface CheckedPackage {
  packageId: string;
  errors: PackageError[];
  items: PackageItem[];
  bundleParts: BundlePart[];
}

/** The shipment's verdict: held until its order is known, or checked package by package. */
export type ShipmentCheck = { kind: 'held'; reason: 'ORDER_NOT_KNOWN' } | { kind: 'checked'; packages: CheckedPackage[] };

/**
 * Checks a shipment against its order before anything goes to Amazon: tracking numbers, ship date,
 * lines (order item or SKU on the order) and quantities (never more than ordered − cancelled −
 * already claimed by other shipments' packages, counted across this shipment's packages in order).
 * A shipment whose order is not known yet is held, not failed: it is checked again when the order
 * arrives. Bundle components are checked against their bundle's order item; their quantities are
 * decided at send time, when it is known whether the whole bundle shipped.
 * @param claimed - units per order item held by other shipments' live packages
 */
export function checkShipment(shipment: ShipmentReadyV2, order: KnownOrder | null, claimed: ReadonlyMap<string, number>, now: Date): ShipmentCheck {
  if (!order) return { kind: 'held', reason: 'ORDER_NOT_KNOWN' };
  const shippedAt = new Date(shipment.shippedAt);
  const dateErrors: Array<Omit<PackageError, 'field'>> = [];
  if (shippedAt.getTime() > now.getTime() + FUTURE_SHIP_DATE_SKEW_MS)
    dateErrors.push({ code: 'SHIP_DATE_IN_FUTURE', message: `The ship date ${shipment.shippedAt} is in the future: send the time the package left.` });
  if (shippedAt.getTime() < order.purchasedAt.getTime())
    dateErrors.push({
      code: 'SHIP_DATE_BEFORE_ORDER',
      message: `The ship date ${shipment.shippedAt} is before the order was placed (${order.purchasedAt.toISOString()}).`,
    });
  const used = new Map(claimed);
  const packages = shipment.packages.map((pkg, p): CheckedPackage => {
    const at = `packages[${p}]`;
    const errors: PackageError[] = dateErrors.map((e) => ({ ...e, field: 'shippedAt' }));
    errors.push(...trackingErrors(pkg.trackingNumber, `${at}.trackingNumber`));
    const items = new Map<string, number>();
    const bundleParts: BundlePart[] = [];
    // Units count as claimed only when the whole package is valid: a refused package ships nothing.
    const local = new Map(used);
    pkg.lines.forEach((line, l) => {
      const lf = `${at}.lines[${l}]`;
      if (line.bundleOrderItemId) {
        if (!order.lines.some((ol) => ol.orderItemId === line.bundleOrderItemId))
          errors.push({
            code: 'ORDER_ITEM_NOT_ON_ORDER',
            field: `${lf}.bundleOrderItemId`,
            message: `Order item ${line.bundleOrderItemId} is not on order ${order.amazonOrderId}.`,
          });
        else bundleParts.push({ bundleOrderItemId: line.bundleOrderItemId, sku: line.sku ?? '', quantity: line.quantity, components: line.bundleComponents });
        return;
      }
      const match = line.orderItemId
        ? order.lines.find((ol) => ol.orderItemId === line.orderItemId)
        : (order.lines.find((ol) => ol.sku === line.sku && openUnits(ol, used.get(ol.orderItemId) ?? 0) > 0) ?? order.lines.find((ol) => ol.sku === line.sku));
      if (!match) {
        errors.push(
          line.orderItemId
            ? { code: 'ORDER_ITEM_NOT_ON_ORDER', field: `${lf}.orderItemId`, message: `Order item ${line.orderItemId} is not on order ${order.amazonOrderId}.` }
            : { code: 'SKU_NOT_ON_ORDER', field: `${lf}.sku`, message: `SKU ${line.sku ?? '(none)'} is not on order ${order.amazonOrderId}.` },
        );
        return;
      }
      const open = openUnits(match, local.get(match.orderItemId) ?? 0);
      if (line.quantity > open) {
        errors.push({
          code: 'QUANTITY_EXCEEDS_OPEN',
          field: `${lf}.quantity`,
          message: `${line.quantity} unit(s) of ${match.sku} (order item ${match.orderItemId}) but only ${open} left to ship (ordered ${match.quantityOrdered}, cancelled ${match.quantityCancelled}, already in packages ${match.quantityOrdered - match.quantityCancelled - open}).`,
        });
        return;
      }
      local.set(match.orderItemId, (local.get(match.orderItemId) ?? 0) + line.quantity);
      items.set(match.orderItemId, (items.get(match.orderItemId) ?? 0) + line.quantity);
    });
    if (errors.length === 0) for (const [id, n] of local) used.set(id, n);
    return { packageId: pkg.packageId, errors, items: [...items].map(([orderItemId, quantity]) => ({ orderItemId, quantity })), bundleParts };
  });
  return { kind: 'checked', packages };
}

/** Empty, over-long, or holding NUL or other control characters: Amazon would refuse it or store garbage. */
export function trackingErrors(trackingNumber: string, field: string): PackageError[] {
  if (trackingNumber.trim() === '') return [{ code: 'TRACKING_EMPTY', field, message: 'The tracking number is empty.' }];
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trackingNumber))
    return [{ code: 'TRACKING_INVALID_CHARACTERS', field, message: 'The tracking number holds a control character (e.g. NUL).' }];
  if (trackingNumber.trim().length > MAX_TRACKING_LENGTH)
    return [{ code: 'TRACKING_TOO_LONG', field, message: `The tracking number has ${trackingNumber.length} characters; at most ${MAX_TRACKING_LENGTH}.` }];
  return [];
}
