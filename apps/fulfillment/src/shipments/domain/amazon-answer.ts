/** What an SP-API failure means for a package. */
export type AmazonAnswer = { kind: 'rejected'; reason: string; fix: string } | { kind: 'transient'; reason: string } | { kind: 'refused'; reason: string };

/** The parts of an SP-API error the decision reads (status and Amazon's first error). */
export interface FailureFacts {
  status?: number;
  code: string;
  amazonMessage?: string;
  details?: string;
  retryable?: boolean;
}

/** The package's posted values, to name them in the fix. */
export interface PostedValues {
  carrierCode: string;
  shippingMethod: string | null;
  trackingNumber: string;
}

/**
 * Turns Amazon's answer into what the seller must do. A 400 is REJECTED with a fix naming the field
 * and the value Amazon refused (the seed's "UP Ground" instead of "UPS Ground"); 429, 5xx, network
 * and time-outs are transient (retried with backoff); 401/403/404 are refused for good (access or
 * an order Amazon does not show this seller).
 */
export function classifyFailure(error: FailureFacts, posted: PostedValues): AmazonAnswer {
  const said = [error.amazonMessage, error.details].filter(Boolean).join(' — ') || error.code;
  if (error.status === 400)
    return { kind: 'rejected', reason: `Amazon refused the package: ${said}`, fix: fixFor(`${error.amazonMessage ?? ''} ${error.details ?? ''}`, posted) };
  if (
    error.retryable ||
    error.status === 429 ||
    (error.status !== undefined && error.status >= 500) ||
    ['NETWORK', 'TIMEOUT', 'THROTTLED'].includes(error.code)
  )
    return { kind: 'transient', reason: `Amazon could not take the package now: ${said}` };
  return { kind: 'refused', reason: `Amazon refused access (${error.status ?? error.code}): ${said}` };
}

function fixFor(text: string, posted: PostedValues): string {
  const t = text.toLowerCase();
  if (t.includes('shippingmethod') || t.includes('shipping method'))
    return `Amazon does not accept the shipping method "${posted.shippingMethod ?? ''}" for ${posted.carrierCode}: use a method exactly as Seller Central lists it (e.g. "UPS Ground", not "UP Ground"), then edit the package to re-send.`;
  if (t.includes('carriercode') || t.includes('carrier code') || t.includes('carriername'))
    return `Amazon does not accept the carrier "${posted.carrierCode}": pick a carrier from Amazon's list (or Other with the carrier's name), then edit the package to re-send.`;
  if (t.includes('orderitemid'))
    return 'Amazon does not know an order item of this package: check the lines against the Amazon order (order item ids), then send a corrected shipment.';
  if (t.includes('quantity'))
    return 'Amazon has fewer units left to ship than this package holds: check what already shipped for the order, then send a corrected shipment.';
  if (t.includes('packagetoupdatenotfound') || t.includes('already fulfilled'))
    return 'Amazon shows the order as already fully shipped: nothing more can be confirmed for it.';
  if (t.includes('trackingnumber') || t.includes('tracking number')) return 'Amazon refused the tracking number: correct it, then edit the package to re-send.';
  if (t.includes('shipdate')) return 'Amazon refused the ship date: send the time the package left, then edit the package to re-send.';
  return 'Correct the package as Amazon says, then edit it to re-send.';
}
