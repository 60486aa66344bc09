import type { OrderImportedV1 } from '@amazon-channel/contracts';

/** What OrderImported needs of an order row. */
export interface ImportedOrderFacts {
  id: string;
  connectionId: string;
  amazonOrderId: string;
  marketplaceId: string;
  purchasedAt: Date;
  shippingPolicy: string | null;
  totalMinor: number | null;
  currency: string | null;
}

/** What OrderImported needs of a line. */
export interface ImportedLineFacts {
  orderItemId: string;
  sku: string;
  productCode: string;
  quantityOrdered: number;
  quantityCancelled: number;
  unitPriceMinor: number | null;
  currency: string | null;
}

/**
 * The OrderImported data: ids, open lines, totals, shipping policy and eligible sources — no buyer
 * data ever (PII never travels on the bus).
 */
export function orderImportedData(order: ImportedOrderFacts, lines: readonly ImportedLineFacts[], eligibleSourceIds: readonly string[]): OrderImportedV1 {
  return {
    orderId: order.id,
    connectionId: order.connectionId,
    amazonOrderId: order.amazonOrderId,
    marketplaceId: order.marketplaceId,
    purchasedAt: order.purchasedAt.toISOString(),
    shippingPolicy: order.shippingPolicy,
    total: order.totalMinor !== null && order.currency ? { amountMinor: order.totalMinor, currency: order.currency } : null,
    lines: lines
      .filter((line) => line.quantityOrdered - line.quantityCancelled > 0)
      .map((line) => ({
        orderItemId: line.orderItemId,
        sku: line.sku,
        productCode: line.productCode || line.sku,
        quantity: line.quantityOrdered - line.quantityCancelled,
        unitPrice: line.unitPriceMinor !== null && line.currency ? { amountMinor: line.unitPriceMinor, currency: line.currency } : null,
      })),
    eligibleSourceIds: [...eligibleSourceIds],
  };
}
