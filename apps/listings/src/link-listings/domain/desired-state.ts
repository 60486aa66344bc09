import { createHash } from 'node:crypto';

/** Product data publish needs to create an offer; sync ignores it. */
export interface DesiredProduct {
  title: string | null;
  brand: string | null;
  identifiers: { asin: string | null; upc: string | null; ean: string | null; isbn: string | null; gtin: string | null };
  condition: string | null;
  conditionNote: string | null;
  fulfillmentCenterId: string | null;
}

/** The platform's desired state of a SKU on a connection; null = not managed, left as it is on Amazon. */
export interface DesiredState {
  platformListingId: string;
  price: { amountMinor: number; currency: string } | null;
  quantity: number | null;
  handlingTimeDays: number | null;
  fulfillmentChannel: 'DEFAULT' | 'FBA' | null;
  active: boolean | null;
  product: DesiredProduct | null;
}

/** The values sync manages, as read back from Amazon (or as desired, to compare). */
export interface SyncedValues {
  priceMinor: number | null;
  currency: string | null;
  quantity: number | null;
  handlingTimeDays: number | null;
  /** Amazon's channel code (`DEFAULT`, `AMAZON_NA`, ...). */
  fulfillmentChannel: string | null;
  /** ISO time of the read-back. */
  confirmedAt: string;
}

/** One issue Amazon reported for a SKU, with the sentence shown to the seller. */
export interface SyncIssue {
  code: string;
  severity: string;
  attribute: string | null;
  message: string;
  sentence: string;
}

/** Per field that differs: what the platform wants and what Amazon shows. */
export type SyncDrift = Partial<Record<'price' | 'quantity' | 'handlingTimeDays', { desired: unknown; amazon: unknown }>>;

/** Hash of the whole desired state (key order fixed): equal hashes mean nothing to write. */
export function desiredStateHash(state: DesiredState): string {
  const canonical = [
    state.platformListingId,
    state.price?.amountMinor ?? null,
    state.price?.currency ?? null,
    state.quantity,
    state.handlingTimeDays,
    state.fulfillmentChannel,
    state.active,
    state.product
      ? [
          state.product.title,
          state.product.brand,
          state.product.identifiers.asin,
          state.product.identifiers.upc,
          state.product.identifiers.ean,
          state.product.identifiers.isbn,
          state.product.identifiers.gtin,
          state.product.condition,
          state.product.conditionNote,
          state.product.fulfillmentCenterId,
        ]
      : null,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url').slice(0, 22);
}

/** Whether the platform manages any value sync sends (otherwise the SKU has no sync state). */
export function managesSyncValues(state: Pick<DesiredState, 'price' | 'quantity' | 'handlingTimeDays' | 'active'>): boolean {
  return state.price !== null || state.quantity !== null || state.handlingTimeDays !== null || state.active !== null;
}
