import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/**
 * One line of a package: an Amazon order item (or a SKU of the order), and for a bundle's component
 * the Amazon order item of its bundle in `bundleOrderItemId` with the component's own SKU.
 */
export const shipmentLineSchema = z.object({
  orderItemId: z.string().min(1).max(100).nullable().default(null),
  sku: z.string().min(1).max(200).nullable().default(null),
  quantity: z.number().int().positive().max(100_000),
  bundleOrderItemId: z.string().min(1).max(100).nullable().default(null),
  /**
   * For a bundle's component: what one unit of the bundle is made of (component SKU and units). A
   * bundle unit counts as shipped once every component's units have shipped; without it, the
   * components in the package are taken as the whole bundle.
   */
  bundleComponents: z
    .array(z.object({ sku: z.string().min(1).max(200), quantity: z.number().int().positive().max(1000) }))
    .max(50)
    .nullable()
    .default(null),
});

/**
 * One package. The tracking number is only bounded here: an empty one, one of 200 characters or
 * one holding a NUL is refused per package by fulfillment with a coded error, so the rest of the
 * shipment is kept and nothing is lost on the bus.
 */
export const shipmentPackageSchema = z.object({
  packageId: z.string().min(1).max(100),
  trackingNumber: z.string().max(1000),
  /** null = auto-detect from the tracking number or map through the connection's template. */
  carrier: z.string().max(200).nullable().default(null),
  shippingMethod: z.string().max(200).nullable().default(null),
  lines: z.array(shipmentLineSchema).min(1).max(500),
});

/** The body of a shipment, on the bus and over HTTP (`POST /connections/{id}/shipments`). */
export const shipmentReadySchema = z.object({
  shipmentId: z.string().min(1).max(100),
  connectionId: z.string().min(1),
  amazonOrderId: z.string().min(1).max(50),
  shippedAt: z.iso.datetime({ offset: true }),
  packages: z.array(shipmentPackageSchema).min(1).max(100),
});

/**
 * Input from the platform: a shipment of an Amazon order left the warehouse, in one or several
 * packages, each with its lines. v2 of ShipmentReady (v1 had one package per shipment and no
 * bundles); key: the Amazon order, so one order's shipments stay in order.
 */
export const ShipmentReadyV2 = defineEvent({
  type: 'platform.shipment-ready',
  version: 2,
  topic: 'platform.shipment.ready.v2',
  key: (data) => data.amazonOrderId,
  data: shipmentReadySchema,
});
/** Data of {@link ShipmentReadyV2}. */
export type ShipmentReadyV2 = EventData<typeof ShipmentReadyV2>;
