/**
 * The source record shapes the default templates read. Services build these from platform data
 * (publish, sync, sync orders) or pass Amazon's data through (get orders: an Orders API
 * 2026-01-01 `Order`). Custom templates may read any other shape.
 */

/** Platform listing variant, as the default publish and sync templates read it. */
export interface DefaultListingSource {
  sku?: string;
  title?: string;
  description?: string;
  asin?: string;
  upc?: string;
  /** Platform price in the marketplace currency's major unit (e.g. 29.99). */
  price?: number | string;
  quantity?: number | string;
  /** Handling time in days, when the seller set one. */
  handlingTime?: number | string;
  /** Platform condition label, e.g. "New" or "Used - Like New". */
  condition?: string;
  conditionNote?: string;
  /** The listing's fulfillment channel: DEFAULT for FBM, AMAZON_NA / AMAZON_EU / ... for FBA. */
  fulfillmentChannel?: string;
}

/** Platform shipment, as the default sync-orders template reads it. */
export interface DefaultShipmentSource {
  carrier?: string;
  trackingNumber?: string;
  shippingMethod?: string;
}
