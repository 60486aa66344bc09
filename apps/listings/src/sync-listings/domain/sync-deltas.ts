/**
 * Bulk-lane decision (pure): what one SKU's desired state needs on Amazon, as JSON_LISTINGS_FEED
 * PATCH patches, given what Amazon last confirmed and the connection's sync template.
 * write-path.md §B: quantity-only is a `merge` (handling time stays); a handling-time change carries
 * the quantity; price is a `replace` of purchasable_offer; FBA never gets a quantity; a restock that
 * comes with a price change waits until the price is live (§B.5); unknown SKUs are never patched.
 */

/** The connection's sync template, evaluated for one record (libs/mapping `sync` fields). */
export type SyncTemplate = (record: SyncTemplateRecord) => { price?: number; quantity?: number; handling_time?: number; fulfillment_channel?: string };

/** What the template reads (the names of libs/mapping's DefaultListingSource). */
export interface SyncTemplateRecord {
  sku: string;
  /** Major units, as templates see money. */
  price: number | null;
  quantity: number | null;
  handlingTime: number | null;
  fulfillmentChannel: string;
}

/** One SKU to decide. */
export interface SyncCandidate {
  sku: string;
  version: number;
  desired: {
    priceMinor: number | null;
    currency: string | null;
    quantity: number | null;
    handlingTimeDays: number | null;
    fulfillmentChannel: 'DEFAULT' | 'FBA' | null;
    active: boolean | null;
    hidden: boolean;
  };
  /** What Amazon last showed (read-back or import); null when never seen. */
  confirmed: { priceMinor: number | null; quantity: number | null; handlingTimeDays: number | null; fulfillmentChannel: string | null } | null;
  /** Whether the SKU is known to exist on Amazon (import/link/read-back, not delisted). */
  onAmazon: boolean;
  productType: string;
}

/** The values a message sets (what landing confirmation compares). */
export interface SentValues {
  priceMinor?: number;
  currency?: string;
  quantity?: number;
  handlingTimeDays?: number;
}

/** One JSON-Patch operation of a listings PATCH message. */
export interface SyncPatch {
  op: 'replace' | 'merge';
  path: '/attributes/purchasable_offer' | '/attributes/fulfillment_availability';
  value: Array<Record<string, unknown>>;
}

/** The decision for one SKU. */
export type SyncDecision =
  | { kind: 'SEND'; sku: string; version: number; productType: string; patches: SyncPatch[]; sent: SentValues; deferredQuantity: boolean }
  | { kind: 'SKIP'; sku: string; version: number; reason: 'NOT_ON_AMAZON' | 'IN_SYNC' | 'NOT_MANAGED' };

/** Amazon's FBA channel codes start with AMAZON_ (write-path.md §B.3). */
export const isFbaChannel = (code: string | null | undefined): boolean => !!code && code.startsWith('AMAZON_');

/** The quantity sync sends: 0 while hidden or inactive, else the desired one (null = not managed). */
export function effectiveQuantity(desired: SyncCandidate['desired']): number | null {
  return desired.hidden || desired.active === false ? 0 : desired.quantity;
}

/** Decides one SKU (see the module comment). */
export function decideSync(candidate: SyncCandidate, template: SyncTemplate, marketplaceId: string): SyncDecision {
  const { sku, version, desired, confirmed } = candidate;
  if (!candidate.onAmazon) return { kind: 'SKIP', sku, version, reason: 'NOT_ON_AMAZON' };
  const fba = desired.fulfillmentChannel === 'FBA' || (desired.fulfillmentChannel === null && isFbaChannel(confirmed?.fulfillmentChannel));
  const channel = fba ? (isFbaChannel(confirmed?.fulfillmentChannel) ? (confirmed?.fulfillmentChannel as string) : 'AMAZON_NA') : 'DEFAULT';
  const quantity = effectiveQuantity(desired);
  const mapped = template({
    sku,
    price: desired.priceMinor === null ? null : desired.priceMinor / 100,
    quantity,
    handlingTime: desired.handlingTimeDays,
    fulfillmentChannel: channel,
  });
  const sendPrice = desired.priceMinor !== null && desired.currency !== null && mapped.price !== undefined;
  const priceMinor = sendPrice ? Math.round((mapped.price as number) * 100) : null;
  // FBA: Amazon counts the stock, whatever the template says.
  const sendQuantity = !fba && quantity !== null && mapped.quantity !== undefined;
  const newQuantity = sendQuantity ? (mapped.quantity as number) : null;
  const sendHandling = mapped.handling_time !== undefined;
  const handling = sendHandling ? (mapped.handling_time as number) : null;
  if (!sendPrice && !sendQuantity && !sendHandling) return { kind: 'SKIP', sku, version, reason: 'NOT_MANAGED' };

  const priceChanged = priceMinor !== null && priceMinor !== confirmed?.priceMinor;
  const quantityChanged = newQuantity !== null && newQuantity !== confirmed?.quantity;
  const handlingChanged = handling !== null && handling !== confirmed?.handlingTimeDays;
  if (!priceChanged && !quantityChanged && !handlingChanged) return { kind: 'SKIP', sku, version, reason: 'IN_SYNC' };

  // §B.5: a restock (0 → more) with a new price goes out as the price alone; the quantity follows once the price is live.
  const restock = quantityChanged && (newQuantity as number) > 0 && (confirmed?.quantity ?? 0) === 0;
  const deferredQuantity = priceChanged && restock;
  const patches: SyncPatch[] = [];
  const sent: SentValues = {};
  if (priceChanged) {
    patches.push({
      op: 'replace',
      path: '/attributes/purchasable_offer',
      value: [
        {
          marketplace_id: marketplaceId,
          currency: desired.currency,
          audience: 'ALL',
          our_price: [{ schedule: [{ value_with_tax: (priceMinor as number) / 100 }] }],
        },
      ],
    });
    sent.priceMinor = priceMinor as number;
    sent.currency = desired.currency as string;
  }
  if (!deferredQuantity && (handlingChanged || quantityChanged)) {
    const entry: Record<string, unknown> = { fulfillment_channel_code: channel };
    // Handling time cannot go alone (models#4841): it carries the quantity, ours or the last one Amazon showed.
    const carried = newQuantity ?? (fba ? null : (confirmed?.quantity ?? null));
    if (carried !== null && !fba) {
      entry['quantity'] = carried;
      sent.quantity = carried;
    }
    if (handlingChanged) {
      entry['lead_time_to_ship_max_days'] = handling;
      sent.handlingTimeDays = handling as number;
    }
    // merge keeps what is not sent (handling time on a quantity-only change, restock date).
    patches.push({ op: 'merge', path: '/attributes/fulfillment_availability', value: [entry] });
  }
  return { kind: 'SEND', sku, version, productType: candidate.productType, patches, sent, deferredQuantity };
}

/** Limits of one JSON_LISTINGS_FEED (write-path.md §B.6). */
export const FEED_LIMITS = { maxMessages: 25_000, maxBytes: 10 * 1024 * 1024 } as const;

/** One planned feed: its messages (SKU + message id) and the document text. */
export interface PlannedFeed {
  messages: Array<{ messageId: number; sku: string; version: number }>;
  document: string;
}

/**
 * Splits SEND decisions into feed documents of at most 25,000 messages and 10 MiB each, message
 * ids from 1 in each feed. The document is built as text piece by piece (no whole-object stringify).
 */
export function planFeeds(
  sellerId: string,
  decisions: ReadonlyArray<Extract<SyncDecision, { kind: 'SEND' }>>,
  limits: { maxMessages: number; maxBytes: number } = FEED_LIMITS,
): PlannedFeed[] {
  const head = `{"header":{"sellerId":${JSON.stringify(sellerId)},"version":"2.0","issueLocale":"en_US"},"messages":[`;
  const tail = ']}';
  const feeds: PlannedFeed[] = [];
  let parts: string[] = [];
  let messages: PlannedFeed['messages'] = [];
  let bytes = Buffer.byteLength(head + tail);
  const flush = () => {
    if (messages.length === 0) return;
    feeds.push({ messages, document: head + parts.join(',') + tail });
    parts = [];
    messages = [];
    bytes = Buffer.byteLength(head + tail);
  };
  for (const d of decisions) {
    const text = (id: number) => JSON.stringify({ messageId: id, sku: d.sku, operationType: 'PATCH', productType: d.productType, patches: d.patches });
    let message = text(messages.length + 1);
    let size = Buffer.byteLength(message) + (messages.length > 0 ? 1 : 0);
    if (messages.length >= limits.maxMessages || (messages.length > 0 && bytes + size > limits.maxBytes)) {
      flush();
      message = text(1);
      size = Buffer.byteLength(message);
    }
    parts.push(message);
    messages.push({ messageId: messages.length + 1, sku: d.sku, version: d.version });
    bytes += size;
  }
  flush();
  return feeds;
}
