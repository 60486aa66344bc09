/** An order as fulfillment knows it from orders' events. */
export interface KnownOrder {
  amazonOrderId: string;
  marketplaceId: string;
  purchasedAt: Date;
  lines: KnownLine[];
}

/** One Amazon order item of a known order. */
export interface KnownLine {
  orderItemId: string;
  sku: string;
  quantityOrdered: number;
  quantityCancelled: number;
}

/** Units of a line still to ship: ordered minus cancelled minus already claimed by packages. */
export function openUnits(line: KnownLine, claimed: number): number {
  return Math.max(0, line.quantityOrdered - line.quantityCancelled - claimed);
}
