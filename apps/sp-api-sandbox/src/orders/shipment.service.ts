import { Inject, Injectable } from '@nestjs/common';
import { isAmazonCarrierCode } from '@amazon-channel/sp-api';
import { z } from 'zod';
import { validate } from '../core/http';
import { SandboxError } from '../core/sandbox-error';
import type { OrderRecord, PackageRecord } from '../state/order-model';
import { effectiveStatus, shippedQuantity } from '../state/order-model';
import { SandboxState } from '../state/sandbox-state';
import type { SellerState } from '../state/seller-state';
import { OrdersService } from './orders.service';

const isoDateTime = z.string().refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date-time');

const confirmSchema = z.object({
  marketplaceId: z.string().min(1),
  codCollectionMethod: z.literal('DirectPayment').optional(),
  packageDetail: z.object({
    packageReferenceId: z.string(),
    carrierCode: z.string().min(1),
    carrierName: z.string().min(1).optional(),
    shippingMethod: z.string().optional(),
    trackingNumber: z.string().min(1),
    shipDate: isoDateTime,
    shipFromSupplySourceId: z.string().optional(),
    orderItems: z
      .array(z.object({ orderItemId: z.string().min(1), quantity: z.number().int().min(1), transparencyCodes: z.array(z.string()).optional() }))
      .min(1),
  }),
});

const statusSchema = z.object({
  marketplaceId: z.string().min(1),
  shipmentStatus: z.enum(['ReadyForPickup', 'PickedUp', 'RefusedPickup']),
  orderItems: z.array(z.object({ orderItemId: z.string().min(1).optional(), quantity: z.number().int().min(1).optional() })).optional(),
});

/** Orders v0 `confirmShipment` and `updateShipmentStatus` (the write operations still current). */
@Injectable()
export class ShipmentService {
  constructor(
    @Inject(SandboxState) private readonly state: SandboxState,
    @Inject(OrdersService) private readonly orders: OrdersService,
  ) {}

  /**
   * Records one package. A `packageReferenceId` already on the order edits that package (Amazon's
   * documented behaviour); quantities are checked against what is still unshipped.
   */
  confirm(seller: SellerState, orderId: string, body: unknown): void {
    checkPackageReferenceId(body);
    const req = validate(confirmSchema, body, 'body');
    const order = this.orders.find(seller, orderId);
    checkMarketplace(order, req.marketplaceId);
    const d = req.packageDetail;
    // Amazon's exact wording for an unlisted carrier code is not documented (write-path.md §C.4).
    if (!isAmazonCarrierCode(d.carrierCode))
      throw SandboxError.invalid(
        'packageDetail.carrierCode',
        `CarrierCode: ${d.carrierCode} is invalid; use a carrier code listed in Seller Central, or Other with carrierName.`,
      );
    if (d.shippingMethod !== undefined && this.state.faults.rejectShippingMethods.includes(d.shippingMethod))
      throw SandboxError.invalid(
        'packageDetail.shippingMethod',
        `ShippingMethod: ${d.shippingMethod} is not a valid shipping method for carrier ${d.carrierCode}.`,
      );
    if (d.carrierCode === 'Other' && !d.carrierName)
      throw SandboxError.invalid('packageDetail.carrierName', 'carrierName is required when carrierCode is Other.');
    if (order.fulfilledBy !== 'MERCHANT') throw SandboxError.invalid('orderId', 'Shipment confirmation is only possible for merchant-fulfilled orders.');
    if (order.programs.includes('FBM_SHIP_PLUS'))
      throw SandboxError.invalid('orderId', 'Ship+ orders are confirmed by Amazon; confirmShipment is not accepted.');
    const status = effectiveStatus(order);
    const existing = order.packages.find((p) => p.packageReferenceId === d.packageReferenceId);
    if (status === 'CANCELLED') throw SandboxError.invalid('orderId', 'The order is cancelled.');
    if (status === 'PENDING' || status === 'PENDING_AVAILABILITY') throw SandboxError.invalid('orderId', `The order is ${status} and cannot be shipped yet.`);
    const seen = new Set<string>();
    for (const [k, item] of d.orderItems.entries()) {
      const line = order.items.find((i) => i.orderItemId === item.orderItemId);
      const field = `packageDetail.orderItems.${k}`;
      if (!line) throw SandboxError.invalid(`${field}.orderItemId`, `Order item ${item.orderItemId} is not part of order ${orderId}.`);
      if (seen.has(item.orderItemId)) throw SandboxError.invalid(`${field}.orderItemId`, `Order item ${item.orderItemId} appears twice.`);
      seen.add(item.orderItemId);
      const open = line.quantityOrdered - line.quantityCancelled - shippedQuantity(order, line.orderItemId, existing?.packageReferenceId);
      if (item.quantity > open)
        throw SandboxError.invalid(`${field}.quantity`, `Quantity ${item.quantity} exceeds the ${open} unit(s) of ${item.orderItemId} left to ship.`);
    }
    // Injected "204 but nothing changed" (jlevers#613): the caller can only notice it by reading back.
    if (this.state.faults.silentDropShipments > 0) {
      this.state.faults.silentDropShipments -= 1;
      return;
    }
    const now = this.state.clock.now();
    const pkg: PackageRecord = {
      packageReferenceId: d.packageReferenceId,
      carrierCode: d.carrierCode,
      carrierName: d.carrierName,
      shippingMethod: d.shippingMethod,
      trackingNumber: d.trackingNumber,
      shipDate: d.shipDate,
      shipFromSupplySourceId: d.shipFromSupplySourceId,
      createdMs: existing?.createdMs ?? now,
      items: d.orderItems.map((i) => ({
        orderItemId: i.orderItemId,
        quantity: i.quantity,
        ...(i.transparencyCodes ? { transparencyCodes: i.transparencyCodes } : {}),
      })),
    };
    order.packages = existing ? order.packages.map((p) => (p === existing ? pkg : p)) : [...order.packages, pkg];
    order.lastUpdatedMs = now;
  }

  updateStatus(seller: SellerState, orderId: string, body: unknown): void {
    const req = validate(statusSchema, body, 'body');
    const order = this.orders.find(seller, orderId);
    checkMarketplace(order, req.marketplaceId);
    for (const [k, item] of (req.orderItems ?? []).entries()) {
      if (item.orderItemId && !order.items.some((i) => i.orderItemId === item.orderItemId)) {
        throw SandboxError.invalid(`orderItems.${k}.orderItemId`, `Order item ${item.orderItemId} is not part of order ${orderId}.`);
      }
    }
    if (effectiveStatus(order) === 'CANCELLED') throw SandboxError.invalid('orderId', 'The order is cancelled.');
    order.shipmentStatus = req.shipmentStatus;
    order.lastUpdatedMs = this.state.clock.now();
  }
}

/**
 * `packageReferenceId` as Amazon checks it since about January 2026 (models#5094): a JSON number is
 * refused for its type, and a string must hold a positive number.
 */
function checkPackageReferenceId(body: unknown): void {
  const id = (body as { packageDetail?: { packageReferenceId?: unknown } } | null)?.packageDetail?.packageReferenceId;
  if (typeof id === 'number')
    throw SandboxError.invalid('packageDetail.packageReferenceId', 'Request has fields with invalid type [packageDetail.packageReferenceId].');
  if (typeof id === 'string' && !/^[1-9]\d*$/.test(id))
    throw SandboxError.invalid('packageDetail.packageReferenceId', 'PackageReferenceId: is invalid, must be a positive numeric value.');
}

function checkMarketplace(order: OrderRecord, marketplaceId: string): void {
  if (marketplaceId !== order.marketplaceId)
    throw SandboxError.invalid('marketplaceId', `Marketplace ID ${marketplaceId} does not match the order's marketplace.`);
}
