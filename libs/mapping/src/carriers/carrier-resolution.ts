import { checkDigitStatus, detectCarrier, type CheckDigitStatus } from './tracking-detection';

/** A package's carrier and method as the sync-orders template produced them (after normalisation). */
export interface MappedShipment {
  carrier: string | null;
  trackingNumber: string;
  shippingMethod: string | null;
}

/** The connection's carrier settings. */
export interface CarrierSettings {
  /** Auto-detect from the tracking number; when on it overrides the mapping (seed 003). Default on. */
  autoDetect: boolean;
}

/** What goes to Amazon for a package, and how it was decided. */
export type CarrierResolution =
  | {
      ok: true;
      carrierCode: string;
      /** Only with carrierCode `Other`: the carrier's own name. */
      carrierName: string | null;
      shippingMethod: string | null;
      trackingNumber: string;
      /** The detection rule that decided the carrier, or null when the mapping did. */
      detectedBy: string | null;
      checkDigit: CheckDigitStatus;
    }
  | { ok: false; code: 'CARRIER_MISSING'; message: string };

/**
 * Decides the carrier code, name and method posted to Amazon. With auto-detect on, a tracking
 * number the detection table recognises overrides the mapped carrier (and the method, where the
 * pattern names one; where it does not, the mapped method is kept only if it was for the same
 * carrier). A carrier is matched to Amazon's list case-insensitively and posted with Amazon's
 * spelling; one Amazon does not list goes as `Other` with `carrierName`.
 */
export function resolveCarrier(mapped: MappedShipment, settings: CarrierSettings, amazonCarrierCodes: readonly string[]): CarrierResolution {
  const trackingNumber = mapped.trackingNumber.trim();
  const mappedCarrier = mapped.carrier?.trim() || null;
  const mappedMethod = mapped.shippingMethod?.trim() || null;
  const detected = settings.autoDetect ? detectCarrier(trackingNumber) : null;
  let carrier = mappedCarrier;
  let method = mappedMethod;
  if (detected) {
    const sameCarrier = mappedCarrier !== null && mappedCarrier.toUpperCase() === detected.carrier.toUpperCase();
    carrier = detected.carrier;
    method = detected.method === null ? (sameCarrier ? mappedMethod : null) : detected.method || null;
  }
  if (!carrier) {
    return {
      ok: false,
      code: 'CARRIER_MISSING',
      message: settings.autoDetect
        ? 'No carrier was given and the tracking number matches no known carrier pattern: set the carrier on the package or in the sync-orders template.'
        : 'No carrier was given and auto-detection is off: set the carrier on the package or in the sync-orders template.',
    };
  }
  const code = amazonCarrierCodes.find((c) => c.toUpperCase() === carrier.toUpperCase() && c !== 'Other');
  return {
    ok: true,
    carrierCode: code ?? 'Other',
    carrierName: code ? null : carrier,
    shippingMethod: method,
    trackingNumber,
    detectedBy: detected?.rule ?? null,
    checkDigit: checkDigitStatus(code ?? carrier, trackingNumber),
  };
}
