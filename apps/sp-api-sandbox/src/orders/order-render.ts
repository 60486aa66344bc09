import { isoSeconds } from '../core/clock';
import { findMarketplace } from '../state/marketplaces';
import type { OrderRecord } from '../state/order-model';
import { effectiveStatus, shippedQuantity } from '../state/order-model';

/** Orders 2026-01-01 `includedData` values. */
export const INCLUDED_DATA = [
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'EXPENSE',
  'PROMOTION',
  'CANCELLATION',
  'FULFILLMENT',
  'PACKAGES',
  'TAX',
  'PAYMENT',
  'FULFILLMENT_ORDERS',
] as const;
/** One Orders 2026-01-01 dataset name. */
export type IncludedData = (typeof INCLUDED_DATA)[number];

function money(minor: number, currencyCode: string) {
  return { amount: (minor / 100).toFixed(2), currencyCode };
}

const HOUR = 3_600_000;

/**
 * Renders an order in the Orders 2026-01-01 shape. Datasets appear only when asked for in
 * `includedData` (inferred from the model's descriptions; see the digest §11.3).
 */
export function renderOrder(o: OrderRecord, included: ReadonlySet<IncludedData>) {
  const status = effectiveStatus(o);
  const itemsTotal = o.items.reduce((s, i) => s + i.unitPriceMinor * (i.quantityOrdered - i.quantityCancelled), 0);
  const merchant = o.fulfilledBy === 'MERCHANT';
  return {
    orderId: o.orderId,
    orderAliases: [{ aliasId: `SBX-${o.orderId.slice(-7)}`, aliasType: 'SELLER_ORDER_ID' }],
    createdTime: isoSeconds(o.createdMs),
    lastUpdatedTime: isoSeconds(o.lastUpdatedMs),
    programs: o.programs,
    salesChannel: { channelName: 'AMAZON', marketplaceId: o.marketplaceId, marketplaceName: findMarketplace(o.marketplaceId)?.name ?? 'Amazon' },
    ...(included.has('BUYER')
      ? {
          buyer: {
            buyerName: o.buyer.name,
            // Email only for merchant-fulfilled orders that are (being) shipped (digest §11.4).
            ...(merchant && ['UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED'].includes(status) ? { buyerEmail: o.buyer.email } : {}),
          },
        }
      : {}),
    ...(included.has('RECIPIENT')
      ? {
          recipient: {
            deliveryAddress: {
              name: o.address.name,
              addressLine1: o.address.addressLine1,
              ...(o.address.addressLine2 ? { addressLine2: o.address.addressLine2 } : {}),
              city: o.address.city,
              stateOrRegion: o.address.stateOrRegion,
              postalCode: o.address.postalCode,
              countryCode: o.address.countryCode,
              // Phone is suppressed for FBA orders (digest §11.4).
              ...(merchant && o.address.phone ? { phone: o.address.phone } : {}),
              addressType: 'RESIDENTIAL',
            },
          },
        }
      : {}),
    ...(included.has('PROCEEDS')
      ? {
          proceeds: {
            grandTotal: money(itemsTotal + o.shippingMinor, o.currency),
            breakdowns: [
              { type: 'ITEM', subtotal: money(itemsTotal, o.currency) },
              { type: 'SHIPPING', subtotal: money(o.shippingMinor, o.currency) },
            ],
          },
        }
      : {}),
    ...(included.has('FULFILLMENT')
      ? {
          fulfillment: {
            fulfillmentStatus: status,
            fulfilledBy: o.fulfilledBy,
            fulfillmentServiceLevel: o.serviceLevel,
            shipByWindow: { earliestDateTime: isoSeconds(o.createdMs), latestDateTime: isoSeconds(o.createdMs + 48 * HOUR) },
            deliverByWindow: { earliestDateTime: isoSeconds(o.createdMs + 72 * HOUR), latestDateTime: isoSeconds(o.createdMs + 168 * HOUR) },
          },
        }
      : {}),
    orderItems: o.items.map((i) => {
      const shipped = merchant ? shippedQuantity(o, i.orderItemId) : status === 'SHIPPED' ? i.quantityOrdered : 0;
      return {
        orderItemId: i.orderItemId,
        quantityOrdered: i.quantityOrdered,
        product: {
          asin: i.asin,
          title: i.title,
          sellerSku: i.sku,
          condition: { conditionType: 'New', conditionSubtype: 'New' },
          price: { unitPrice: money(i.unitPriceMinor, o.currency) },
        },
        ...(included.has('PROCEEDS')
          ? {
              proceeds: {
                proceedsTotal: money(i.unitPriceMinor * (i.quantityOrdered - i.quantityCancelled), o.currency),
                breakdowns: [{ type: 'ITEM', subtotal: money(i.unitPriceMinor * (i.quantityOrdered - i.quantityCancelled), o.currency) }],
              },
            }
          : {}),
        ...(included.has('CANCELLATION') && i.quantityCancelled > 0
          ? {
              cancellation: {
                cancellationRequest: { requester: o.cancelledBy === 'BUYER' ? 'BUYER' : 'SYSTEM', cancelReason: i.cancelReason ?? 'BuyerCanceled' },
                cancellationExecution: { cancelledBy: o.cancelledBy ?? 'MERCHANT', cancelReason: i.cancelReason ?? 'BuyerCanceled' },
              },
            }
          : {}),
        ...(included.has('FULFILLMENT')
          ? { fulfillment: { quantityFulfilled: shipped, quantityUnfulfilled: Math.max(0, i.quantityOrdered - i.quantityCancelled - shipped) } }
          : {}),
      };
    }),
    ...(included.has('PACKAGES') && merchant
      ? {
          packages: o.packages.map((p) => ({
            packageReferenceId: p.packageReferenceId,
            createdTime: isoSeconds(p.createdMs),
            packageStatus: { status: 'SHIPPED' },
            carrier: p.carrierCode === 'Other' ? (p.carrierName ?? 'Other') : p.carrierCode,
            shipTime: isoSeconds(Date.parse(p.shipDate)),
            ...(p.shippingMethod ? { shippingService: p.shippingMethod } : {}),
            trackingNumber: p.trackingNumber,
            packageItems: p.items.map((i) => ({
              orderItemId: i.orderItemId,
              quantity: i.quantity,
              ...(i.transparencyCodes ? { transparencyCodes: i.transparencyCodes } : {}),
            })),
          })),
        }
      : {}),
  };
}
