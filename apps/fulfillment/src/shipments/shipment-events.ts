import { ShipmentConfirmedV1, ShipmentRejectedV1, type EnvelopeContext } from '@amazon-channel/contracts';
import type { PendingEvent } from '@amazon-channel/platform-persistence';
import type { StoredPackage } from './shipments.repository';

/** The envelope context of a package's events. */
export function packageEventContext(p: StoredPackage, correlationId: string): EnvelopeContext {
  return { producer: 'fulfillment', tenantId: p.tenantId, connectionId: p.connectionId, correlationId, causationId: correlationId };
}

function base(p: StoredPackage, at: Date) {
  return {
    shipmentId: p.shipmentId,
    connectionId: p.connectionId,
    amazonOrderId: p.amazonOrderId,
    at: at.toISOString(),
    packageId: p.packageId,
    packageReferenceId: p.packageReferenceId,
    ...(p.carrierCode ? { carrierCode: p.carrierCode } : {}),
    shippingMethod: p.shippingMethod,
    trackingNumber: p.trackingNumber,
  };
}

/** ShipmentConfirmed for a package Amazon's order now shows. */
export function packageConfirmedEvent(p: StoredPackage, at: Date, context: EnvelopeContext): PendingEvent {
  return { definition: ShipmentConfirmedV1, data: { ...base(p, at), reason: null }, context };
}

/** ShipmentRejected for a package Amazon refused, that failed for good, or that Amazon still does not show. */
export function packageRejectedEvent(p: StoredPackage, at: Date, reason: string, fix: string | null, context: EnvelopeContext): PendingEvent {
  return { definition: ShipmentRejectedV1, data: { ...base(p, at), reason: reason.slice(0, 2000), fix: fix?.slice(0, 2000) ?? null }, context };
}
