import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { changeOrderSchema, orderSpecSchema } from '../admin/admin-schemas';
import { SandboxError } from '../core/sandbox-error';
import { SeededRandom } from '../core/rng';
import { findMarketplace } from '../state/marketplaces';
import type { OrderItemRecord, OrderRecord } from '../state/order-model';
import { SandboxState } from '../state/sandbox-state';
import type { SellerState } from '../state/seller-state';

type OrderSpec = z.infer<typeof orderSpecSchema>;
type OrderChange = z.infer<typeof changeOrderSchema>;

/** Admin-side order changes: what buyers and Amazon do to orders in real life. */
@Injectable()
export class OrderAdminService {
  constructor(@Inject(SandboxState) private readonly state: SandboxState) {}

  /** Creates orders: generated ones fill every field the spec leaves out. */
  create(seller: SellerState, specs: OrderSpec[] | undefined, count: number | undefined): OrderRecord[] {
    if (!specs) return this.state.addGeneratedOrders(seller, count ?? 1);
    return specs.map((spec) => {
      const [base] = this.state.addGeneratedOrders(seller, 1) as [OrderRecord];
      seller.orders.delete(base.orderId);
      const order = this.apply(seller, base, spec);
      if (seller.orders.has(order.orderId)) throw SandboxError.invalid('orderId', `Order ${order.orderId} already exists.`);
      seller.orders.set(order.orderId, order);
      return order;
    });
  }

  private apply(seller: SellerState, base: OrderRecord, spec: OrderSpec): OrderRecord {
    const marketplaceId = spec.marketplaceId ?? seller.marketplaceIds[0] ?? base.marketplaceId;
    if (!seller.marketplaceIds.includes(marketplaceId)) throw SandboxError.invalid('marketplaceId', `Seller does not sell in ${marketplaceId}.`);
    const rng = new SeededRandom(`${seller.seed}:${base.orderId}`);
    const createdMs = spec.createdTime ? Date.parse(spec.createdTime) : base.createdMs;
    const items: OrderItemRecord[] = spec.items
      ? spec.items.map((i, k) => {
          const listing = i.sku ? seller.getListing(i.sku) : undefined;
          const template = base.items[k % base.items.length] as OrderItemRecord;
          return {
            orderItemId: i.orderItemId ?? String(rng.int(10_000_000, 99_999_999)) + String(rng.int(100_000, 999_999)),
            sku: i.sku ?? template.sku,
            asin: listing?.asin ?? template.asin,
            title: i.title ?? template.title,
            quantityOrdered: i.quantity ?? 1,
            quantityCancelled: 0,
            unitPriceMinor: i.unitPriceMinor ?? template.unitPriceMinor,
          };
        })
      : base.items;
    const status = spec.status ?? 'UNSHIPPED';
    return {
      ...base,
      orderId: spec.orderId ?? base.orderId,
      marketplaceId,
      currency: findMarketplace(marketplaceId)?.currency ?? base.currency,
      createdMs,
      lastUpdatedMs: Math.max(createdMs, base.createdMs),
      baseStatus: status,
      fulfilledBy: spec.fulfilledBy ?? 'MERCHANT',
      serviceLevel: spec.serviceLevel ?? base.serviceLevel,
      items: items.map((i) => ({ ...i, quantityCancelled: status === 'CANCELLED' ? i.quantityOrdered : 0 })),
      buyer: spec.buyer ?? base.buyer,
      address: spec.address ?? base.address,
      cancelledBy: status === 'CANCELLED' ? 'BUYER' : undefined,
      programs: spec.programs ?? base.programs,
    };
  }

  /** Changes an order: status, service level, address, added lines, (partial) cancellation. */
  change(seller: SellerState, orderId: string, change: OrderChange): OrderRecord {
    const order = seller.orders.get(orderId);
    if (!order) throw SandboxError.notFound(`Order ${orderId}`);
    if (change.status) order.baseStatus = change.status;
    if (change.serviceLevel) order.serviceLevel = change.serviceLevel;
    if (change.address) order.address = change.address;
    if (change.addItems) {
      const rng = new SeededRandom(`${seller.seed}:${orderId}:${order.items.length}`);
      for (const i of change.addItems) {
        const listing = i.sku ? seller.getListing(i.sku) : undefined;
        order.items.push({
          orderItemId: i.orderItemId ?? String(rng.int(10_000_000, 99_999_999)) + String(rng.int(100_000, 999_999)),
          sku: i.sku ?? order.items[0]?.sku ?? 'SKU-0000001',
          asin: listing?.asin ?? order.items[0]?.asin ?? '',
          title: i.title ?? order.items[0]?.title ?? 'Item',
          quantityOrdered: i.quantity ?? 1,
          quantityCancelled: 0,
          unitPriceMinor: i.unitPriceMinor ?? 999,
        });
      }
    }
    if (change.cancel) {
      order.cancelledBy = change.cancel.by;
      const targets = change.cancel.items ?? order.items.map((i) => ({ orderItemId: i.orderItemId, quantity: undefined }));
      for (const t of targets) {
        const line = order.items.find((i) => i.orderItemId === t.orderItemId);
        if (!line) throw SandboxError.invalid('cancel.items', `Order item ${t.orderItemId} is not part of order ${orderId}.`);
        line.quantityCancelled = Math.min(line.quantityOrdered, line.quantityCancelled + (t.quantity ?? line.quantityOrdered));
        line.cancelReason = change.cancel.reason;
      }
      if (!change.cancel.items) order.baseStatus = 'CANCELLED';
    }
    order.lastUpdatedMs = this.state.clock.now();
    return order;
  }
}
