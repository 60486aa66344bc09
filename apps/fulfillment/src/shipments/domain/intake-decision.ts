import type { ShipmentReadyV2 } from '@amazon-channel/contracts';
import { resolveCarrier, type CheckDigitStatus, type CompiledTemplate } from '@amazon-channel/mapping';
import type { KnownOrder } from './known-order';
import type { PackageStatus } from './package-status';
import { checkShipment, trackingErrors, type BundlePart, type PackageError, type PackageItem } from './shipment-checks';

/** The connection's carrier settings. */
export interface FulfillmentSettings {
  /** Detect the carrier from the tracking number (overrides the mapping when on). Default on. */
  autoDetect: boolean;
  /** A failed check digit only warns (`warn`, default) or keeps the package from Amazon until fixed (`hold`). */
  checkDigitPolicy: 'warn' | 'hold';
}

/** Default settings of a connection that saved none. */
export const DEFAULT_FULFILLMENT_SETTINGS: FulfillmentSettings = { autoDetect: true, checkDigitPolicy: 'warn' };

/** What is stored for one package. */
export interface PackageRow {
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
  checkDigit: CheckDigitStatus | null;
  lines: ShipmentReadyV2['packages'][number]['lines'];
  items: PackageItem[];
  bundleParts: BundlePart[];
  errors: PackageError[];
}

/** What the carrier decision needs: the connection's sync-orders template, settings and Amazon's codes. */
export interface CarrierContext {
  template: CompiledTemplate;
  settings: FulfillmentSettings;
  amazonCarrierCodes: readonly string[];
}

/** The carrier fields of a package after template, detection and Amazon's list; or its errors. */
export interface CarrierFields {
  carrierCode: string | null;
  carrierName: string | null;
  shippingMethod: string | null;
  detectedBy: string | null;
  checkDigit: CheckDigitStatus | null;
  errors: PackageError[];
}

/**
 * Carrier, method and tracking for Amazon: the sync-orders template maps and normalises the given
 * values (GOSO → GLS US), then auto-detection (when on) and Amazon's list decide. A failed check
 * digit is an error only when the connection holds such packages.
 */
export function decideCarrier(
  pkg: { trackingNumber: string; carrier: string | null; shippingMethod: string | null },
  field: string,
  ctx: CarrierContext,
): CarrierFields {
  const mapped = ctx.template.evaluate({
    carrier: pkg.carrier ?? undefined,
    trackingNumber: pkg.trackingNumber,
    shippingMethod: pkg.shippingMethod ?? undefined,
  }).value;
  const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
  const resolution = resolveCarrier(
    {
      carrier: text(mapped['carrier']),
      trackingNumber: text(mapped['tracking_number']) ?? pkg.trackingNumber,
      shippingMethod: text(mapped['shipping_method']),
    },
    { autoDetect: ctx.settings.autoDetect },
    ctx.amazonCarrierCodes,
  );
  if (!resolution.ok)
    return {
      carrierCode: null,
      carrierName: null,
      shippingMethod: null,
      detectedBy: null,
      checkDigit: null,
      errors: [{ code: 'CARRIER_MISSING', field: `${field}.carrier`, message: resolution.message }],
    };
  const errors: PackageError[] =
    resolution.checkDigit === 'invalid' && ctx.settings.checkDigitPolicy === 'hold'
      ? [
          {
            code: 'CHECK_DIGIT_FAILED',
            field: `${field}.trackingNumber`,
            message: `The check digit of ${resolution.carrierCode} tracking number ${resolution.trackingNumber} is wrong: correct the number.`,
          },
        ]
      : [];
  return {
    carrierCode: resolution.carrierCode,
    carrierName: resolution.carrierName,
    shippingMethod: resolution.shippingMethod,
    detectedBy: resolution.detectedBy,
    checkDigit: resolution.checkDigit,
    errors,
  };
}

/** The decision on an arriving (or released) shipment: held, or one row per package. */
export type IntakeDecision = { kind: 'held'; reason: 'ORDER_NOT_KNOWN' } | { kind: 'accepted'; packages: PackageRow[] };

/**
 * Decides what is stored for a shipment: held while its order is unknown; otherwise each package
 * checked (lines, quantities, tracking, dates) and given its carrier fields and its Amazon
 * `packageReferenceId` (the next free positive integer of the order, as a string). A package with
 * errors is INVALID and never sent; the others are READY.
 */
export function decideIntake(
  shipment: ShipmentReadyV2,
  order: KnownOrder | null,
  claimed: ReadonlyMap<string, number>,
  nextReference: number,
  ctx: CarrierContext,
  now: Date,
): IntakeDecision {
  const check = checkShipment(shipment, order, claimed, now);
  if (check.kind === 'held') return check;
  return {
    kind: 'accepted',
    packages: check.packages.map((checked, i) => {
      const pkg = shipment.packages[i];
      const field = `packages[${i}]`;
      const carrier = checked.errors.some((e) => e.field === `${field}.trackingNumber`)
        ? { carrierCode: null, carrierName: null, shippingMethod: null, detectedBy: null, checkDigit: null, errors: [] }
        : decideCarrier(pkg, field, ctx);
      const errors = [...checked.errors, ...carrier.errors];
      return {
        packageId: pkg.packageId,
        packageReferenceId: String(nextReference + i),
        position: nextReference + i,
        status: errors.length ? 'INVALID' : 'READY',
        trackingNumber: pkg.trackingNumber,
        carrierGiven: pkg.carrier,
        methodGiven: pkg.shippingMethod,
        carrierCode: carrier.carrierCode,
        carrierName: carrier.carrierName,
        shippingMethod: carrier.shippingMethod,
        detectedBy: carrier.detectedBy,
        checkDigit: carrier.checkDigit,
        lines: pkg.lines,
        items: checked.items,
        bundleParts: checked.bundleParts,
        errors,
      };
    }),
  };
}

/** A seller's edit of a package: any of carrier, method, tracking number. */
export interface PackageEdit {
  carrier?: string | null;
  shippingMethod?: string | null;
  trackingNumber?: string;
}

/**
 * Applies an edit to a REJECTED, INVALID (carrier or tracking only), FLAGGED or FAILED package: the
 * edited values go through the same template, detection and checks, and the package is READY
 * again under the same `packageReferenceId` (Amazon edits a package re-sent under its id).
 */
export function decideEdit(
  current: { trackingNumber: string; carrierGiven: string | null; methodGiven: string | null; errors: PackageError[] },
  edit: PackageEdit,
  ctx: CarrierContext,
): { trackingNumber: string; carrierGiven: string | null; methodGiven: string | null; fields: CarrierFields; status: PackageStatus; errors: PackageError[] } {
  const trackingNumber = edit.trackingNumber ?? current.trackingNumber;
  const carrierGiven = edit.carrier !== undefined ? edit.carrier : current.carrierGiven;
  const methodGiven = edit.shippingMethod !== undefined ? edit.shippingMethod : current.methodGiven;
  // Errors of lines, quantities or dates stay: an edit of carrier or tracking cannot fix them.
  const kept = current.errors.filter(
    (e) => !['TRACKING_EMPTY', 'TRACKING_TOO_LONG', 'TRACKING_INVALID_CHARACTERS', 'CARRIER_MISSING', 'CHECK_DIGIT_FAILED'].includes(e.code),
  );
  const tracking = trackingErrors(trackingNumber, 'trackingNumber');
  const fields = tracking.length
    ? { carrierCode: null, carrierName: null, shippingMethod: null, detectedBy: null, checkDigit: null, errors: [] }
    : decideCarrier({ trackingNumber, carrier: carrierGiven, shippingMethod: methodGiven }, 'package', ctx);
  const errors = [...kept, ...tracking, ...fields.errors];
  return { trackingNumber, carrierGiven, methodGiven, fields, status: errors.length ? 'INVALID' : 'READY', errors };
}
