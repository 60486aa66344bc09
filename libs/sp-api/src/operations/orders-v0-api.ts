import type { CallOptions, SpApiHttpClient, SpApiResponse } from '../client/sp-api-http-client';
import { buildRequest } from '../client/request-builder';

/** One confirmed package (one call per package; the same `packageReferenceId` edits it). */
export interface ConfirmShipmentPackageDetail {
  /** Positive integer as a string, unique per order. */
  packageReferenceId: string;
  carrierCode: string;
  /** Only with `carrierCode: 'Other'`. */
  carrierName?: string;
  shippingMethod?: string;
  trackingNumber: string;
  /** ISO 8601 date-time. */
  shipDate: string;
  shipFromSupplySourceId?: string;
  orderItems: { orderItemId: string; quantity: number; transparencyCodes?: string[] }[];
}

/** `confirmShipment` body. */
export interface ConfirmShipmentRequest {
  marketplaceId: string;
  packageDetail: ConfirmShipmentPackageDetail;
  /** JP only. */
  codCollectionMethod?: 'DirectPayment';
}

/** `updateShipmentStatus` body (in-store pickup orders). */
export interface UpdateShipmentStatusRequest {
  marketplaceId: string;
  shipmentStatus: 'ReadyForPickup' | 'PickedUp' | 'RefusedPickup';
  orderItems?: { orderItemId: string; quantity: number }[];
}

/** The current (non-deprecated) Orders v0 write operations. */
export class OrdersV0Api {
  constructor(private readonly http: SpApiHttpClient) {}

  /**
   * Sends tracking for one package (204 on success). Defaults to `critical` priority so it
   * overtakes bulk work queued for the same seller.
   */
  confirmShipment(orderId: string, body: ConfirmShipmentRequest, options: CallOptions = {}): Promise<SpApiResponse<void>> {
    return this.http.execute(buildRequest('ordersV0.confirmShipment', { orderId }, {}, body), {
      priority: 'critical',
      ...options,
    });
  }

  /** Updates a pickup order's shipment status (204 on success); `critical` priority by default. */
  updateShipmentStatus(orderId: string, body: UpdateShipmentStatusRequest, options: CallOptions = {}): Promise<SpApiResponse<void>> {
    return this.http.execute(buildRequest('ordersV0.updateShipmentStatus', { orderId }, {}, body), {
      priority: 'critical',
      ...options,
    });
  }
}
