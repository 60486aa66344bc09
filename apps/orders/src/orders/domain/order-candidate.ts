import type { CandidatePii } from '../../pii/buyer-data';
import type { CompiledTemplate, GetOrdersMappedRecord } from '@amazon-channel/mapping';
import { findMarketplace, type Order } from '@amazon-channel/sp-api';
import { toMinorUnits } from './money';
import { normaliseServiceLevel } from '../../shipping-mappings/domain/service-level';

/** Per-connection get-orders settings (defaults: unshipped + partially shipped, merchant, 7 days, SKU). */
export interface GetOrdersSettings {
  productCode: 'SKU' | 'ASIN';
  fulfillmentStatuses: string[];
  fulfilledBy: string[];
  createdWithinDays: number;
  keepPendingAsReservations: boolean;
}

/** The defaults a connection starts with. */
export const DEFAULT_GET_ORDERS_SETTINGS: GetOrdersSettings = {
  productCode: 'SKU',
  fulfillmentStatuses: ['UNSHIPPED', 'PARTIALLY_SHIPPED'],
  fulfilledBy: ['MERCHANT'],
  createdWithinDays: 7,
  keepPendingAsReservations: false,
};

/** One line as the platform keeps it. */
export interface CandidateLine {
  orderItemId: string;
  sku: string;
  asin: string | null;
  productCode: string;
  title: string | null;
  quantityOrdered: number;
  quantityCancelled: number;
  quantityShipped: number;
  unitPriceMinor: number | null;
  currency: string | null;
}

export type { CandidatePii } from '../../pii/buyer-data';

/** Why an order cannot be imported as it is; it is held with this reason. */
export interface OrderProblem {
  reason: OrderProblemReason;
  /** Names fields and codes only, never a value Amazon sent (it may be a buyer's). */
  detail: string;
}

/** The hold reasons of orders whose data from Amazon cannot be imported as it is. */
export type OrderProblemReason =
  | 'INVALID_TEXT'
  | 'UNKNOWN_MARKETPLACE'
  | 'NO_LINES'
  | 'LINE_WITHOUT_SKU'
  | 'ABSURD_QUANTITY'
  | 'ABSURD_PRICE'
  | 'UNKNOWN_CURRENCY'
  | 'MALFORMED_ADDRESS'
  | 'MAPPING_FAILED';

/** An Amazon order turned into the platform's shape by the get-orders template, not yet stored. */
export interface OrderCandidate {
  amazonOrderId: string;
  marketplaceId: string;
  amazonStatus: string;
  fulfilledBy: string | null;
  serviceLevel: string | null;
  shippingText: string | null;
  purchasedAt: Date;
  amazonUpdatedAt: Date;
  totalMinor: number | null;
  currency: string | null;
  shipBy: Date | null;
  shippedAt: Date | null;
  lines: CandidateLine[];
  pii: CandidatePii;
  problem: OrderProblem | null;
}

/** Above this a line quantity is treated as a data error, not an order (Amazon caps quantities far lower). */
export const MAX_LINE_QUANTITY = 10_000;

/**
 * Above this an amount (in minor units: 100,000,000 is one million dollars or a hundred million
 * yen) is treated as a data error rather than a sale.
 */
export const MAX_AMOUNT_MINOR = 100_000_000;

/** ISO 4217 codes as the runtime's ICU knows them. */
const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));

/** Whether `code` is an ISO 4217 currency code. */
export function isIsoCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && ISO_4217.has(code);
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : null);
const date = (value: string | undefined | null): Date | null => {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
};

/**
 * Maps one Amazon order with the compiled get-orders template. Never throws: what cannot be
 * imported becomes a {@link OrderProblem} so the order is held with a reason and the batch goes on.
 */
export function toOrderCandidate(order: Order, template: CompiledTemplate<GetOrdersMappedRecord>): OrderCandidate {
  const result = template.evaluate(order);
  const mapped = result.value;
  const marketplaceId = order.salesChannel?.marketplaceId ?? '';
  const status = order.fulfillment?.fulfillmentStatus ?? 'UNKNOWN';
  const currency = str(mapped.invoice_currency) ?? order.proceeds?.grandTotal?.currencyCode ?? null;
  const shipped = order.orderItems.map((item) => item.fulfillment?.quantityFulfilled ?? 0);
  const mappedLines = mapped.lines ?? [];
  const lines: CandidateLine[] = order.orderItems.map((item, index) => {
    const line = mappedLines[index] ?? {};
    const ordered = typeof line.item_quantity === 'number' ? line.item_quantity : item.quantityOrdered;
    const quantityShipped = shipped[index] ?? 0;
    // Orders 2026-01-01 has no cancelled quantity; it is what is neither fulfilled nor still
    // unfulfilled (FULFILLMENT dataset). Inferred from the model, not confirmed with Amazon.
    const unfulfilled = item.fulfillment?.quantityUnfulfilled;
    let quantityCancelled = typeof unfulfilled === 'number' ? Math.max(0, ordered - quantityShipped - unfulfilled) : 0;
    if (status === 'CANCELLED') quantityCancelled = Math.max(0, ordered - quantityShipped);
    const sku = str(line.item_sku) ?? '';
    return {
      orderItemId: str(line.item_order_item_id) ?? item.orderItemId,
      sku,
      asin: str(item.product?.asin),
      productCode: str(line.item_product_code) ?? sku,
      title: str(line.item_title),
      quantityOrdered: ordered,
      quantityCancelled,
      quantityShipped,
      unitPriceMinor: currency && line.item_unit_price !== undefined ? toMinorUnits(line.item_unit_price, currency) : null,
      currency,
    };
  });
  const address: Record<string, string> = {};
  for (const [key, field] of [
    ['company', mapped.shipping_company],
    ['addressLine1', mapped.shipping_address_line_1],
    ['addressLine2', mapped.shipping_address_line_2],
    ['addressLine3', mapped.shipping_address_line_3],
    ['city', mapped.shipping_city],
    ['stateOrRegion', mapped.shipping_state],
    ['postalCode', mapped.shipping_postal_code],
    ['countryCode', mapped.shipping_country_code],
  ] as const) {
    const value = str(field);
    if (value) address[key] = value;
  }
  const packageShipTimes = (order.packages ?? []).map((p) => date(p.shipTime)?.getTime() ?? 0).filter((t) => t > 0);
  const amazonUpdatedAt = date(order.lastUpdatedTime) ?? new Date(0);
  const candidate: OrderCandidate = {
    amazonOrderId: str(mapped.reference_number) ?? order.orderId,
    marketplaceId,
    amazonStatus: status,
    fulfilledBy: order.fulfillment?.fulfilledBy ?? null,
    serviceLevel: normaliseServiceLevel(order.fulfillment?.fulfillmentServiceLevel) ?? order.fulfillment?.fulfillmentServiceLevel ?? null,
    shippingText: str(mapped.shipping_method),
    purchasedAt: date(mapped.ordered_on) ?? date(order.createdTime) ?? new Date(0),
    amazonUpdatedAt,
    totalMinor: currency ? toMinorUnits(mapped.invoice_total ?? null, currency) : null,
    currency,
    shipBy: date(order.fulfillment?.shipByWindow?.latestDateTime),
    // Shipment time: the last package's, else when Amazon last changed a SHIPPED order.
    shippedAt: status === 'SHIPPED' ? (packageShipTimes.length ? new Date(Math.max(...packageShipTimes)) : amazonUpdatedAt) : null,
    lines,
    pii: {
      buyerName: str(mapped.buyer_name),
      buyerEmail: str(mapped.buyer_email),
      shippingName: str(mapped.shipping_name),
      shippingPhone: str(mapped.shipping_phone),
      shippingAddress: Object.keys(address).length ? address : null,
    },
    problem: null,
  };
  // PostgreSQL text cannot hold NUL: the characters go, and the order is held saying where they were.
  const nulFields = scrubNul(candidate);
  candidate.problem = nulFields.length
    ? { reason: 'INVALID_TEXT', detail: `Amazon sent a NUL character in ${nulFields.slice(0, 5).join(', ')}` }
    : findProblem(
        candidate,
        // Codes and field names only: a message could quote a buyer's value.
        result.errors.map((e) => `${e.field}${e.line !== undefined ? `[${e.line}]` : ''}: ${e.code}`),
      );
  return candidate;
}

/**
 * Removes NUL characters from every text of the candidate, in place.
 * @returns the stored (non-PII) fields that held one (e.g. `lines[0].sku`).
 */
function scrubNul(candidate: OrderCandidate): string[] {
  const fields: string[] = [];
  const scrub = <K extends string>(target: Partial<Record<K, string | null>>, key: K, name: string): void => {
    const value = target[key];
    if (typeof value === 'string' && value.includes('\u0000')) {
      target[key] = value.replaceAll('\u0000', '') as never;
      fields.push(name);
    }
  };
  for (const key of ['amazonOrderId', 'marketplaceId', 'amazonStatus', 'fulfilledBy', 'serviceLevel', 'shippingText', 'currency'] as const)
    scrub(candidate, key, key);
  candidate.lines.forEach((line, index) => {
    for (const key of ['orderItemId', 'sku', 'asin', 'productCode', 'title', 'currency'] as const) scrub(line, key, `lines[${index}].${key}`);
  });
  const stored = fields.length;
  // Buyer data is stored encrypted, where a NUL is harmless, but it is fingerprinted and printed
  // on labels: it is cleaned too, without holding the order for it.
  for (const key of ['buyerName', 'buyerEmail', 'shippingName', 'shippingPhone'] as const) scrub(candidate.pii, key, key);
  const address = candidate.pii.shippingAddress;
  if (address) for (const key of Object.keys(address)) scrub(address, key, key);
  return fields.slice(0, stored);
}

function findProblem(candidate: OrderCandidate, mappingErrors: string[]): OrderProblem | null {
  if (!findMarketplace(candidate.marketplaceId))
    return { reason: 'UNKNOWN_MARKETPLACE', detail: `Marketplace ${candidate.marketplaceId || '(none)'} is not an Amazon marketplace this service knows` };
  if (candidate.lines.length === 0) return { reason: 'NO_LINES', detail: 'Amazon returned the order without lines' };
  const noSku = candidate.lines.find((line) => !line.sku);
  if (noSku) return { reason: 'LINE_WITHOUT_SKU', detail: `Order item ${noSku.orderItemId} has no seller SKU` };
  const absurd = candidate.lines.find(
    (line) => !Number.isInteger(line.quantityOrdered) || line.quantityOrdered < 0 || line.quantityOrdered > MAX_LINE_QUANTITY,
  );
  if (absurd)
    return { reason: 'ABSURD_QUANTITY', detail: `Order item ${absurd.orderItemId} has quantity ${absurd.quantityOrdered} (allowed 0-${MAX_LINE_QUANTITY})` };
  const badCurrency = [candidate.currency, ...candidate.lines.map((line) => line.currency)].find((code) => code !== null && !isIsoCurrency(code));
  if (badCurrency !== undefined) return { reason: 'UNKNOWN_CURRENCY', detail: 'The order carries a currency code that is not ISO 4217' };
  const amounts: Array<[string, number | null]> = [
    ['total', candidate.totalMinor],
    ...candidate.lines.map((line, index): [string, number | null] => [`lines[${index}].unitPrice`, line.unitPriceMinor]),
  ];
  const absurdAmount = amounts.find(([, minor]) => minor !== null && (!Number.isSafeInteger(minor) || minor < 0 || minor > MAX_AMOUNT_MINOR));
  if (absurdAmount) return { reason: 'ABSURD_PRICE', detail: `${absurdAmount[0]} is ${absurdAmount[1]} minor units (allowed 0-${MAX_AMOUNT_MINOR})` };
  // A merchant-fulfilled order must be deliverable; Amazon-fulfilled ones carry no address to check.
  if (candidate.fulfilledBy !== 'AMAZON' && candidate.pii.shippingAddress) {
    const a = candidate.pii.shippingAddress;
    const missing = ['addressLine1', 'city', 'countryCode'].filter((key) => !a[key]);
    if (a.countryCode && !/^[A-Z]{2}$/.test(a.countryCode)) missing.push('countryCode (not ISO 3166 alpha-2)');
    if (missing.length) return { reason: 'MALFORMED_ADDRESS', detail: `The shipping address lacks ${missing.join(', ')}` };
  }
  if (mappingErrors.length) return { reason: 'MAPPING_FAILED', detail: mappingErrors.slice(0, 3).join('; ').slice(0, 500) };
  return null;
}
