import { decideSync, planFeeds, type SyncCandidate, type SyncDecision } from './sync-deltas';
import { compileSyncTemplate } from './sync-template';

const template = compileSyncTemplate();
const US = 'ATVPDKIKX0DER';

function candidate(change: { desired?: Partial<SyncCandidate['desired']>; confirmed?: SyncCandidate['confirmed']; onAmazon?: boolean } = {}): SyncCandidate {
  return {
    sku: 'SKU-1',
    version: 3,
    desired: {
      priceMinor: null,
      currency: null,
      quantity: null,
      handlingTimeDays: null,
      fulfillmentChannel: null,
      active: null,
      hidden: false,
      ...change.desired,
    },
    confirmed: change.confirmed === undefined ? { priceMinor: 1999, quantity: 5, handlingTimeDays: 3, fulfillmentChannel: 'DEFAULT' } : change.confirmed,
    onAmazon: change.onAmazon ?? true,
    productType: 'PRODUCT',
  };
}
const send = (d: SyncDecision) => {
  if (d.kind !== 'SEND') throw new Error(`expected SEND, got ${d.kind} ${d.reason}`);
  return d;
};

describe('decideSync', () => {
  it('sends a quantity-only change as a merge without handling time (Amazon keeps it)', () => {
    const d = send(decideSync(candidate({ desired: { quantity: 7 } }), template, US));
    expect(d.patches).toEqual([{ op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 7 }] }]);
    expect(d.sent).toEqual({ quantity: 7 });
  });

  it('sends nothing when the desired values are what Amazon shows (deltas only)', () => {
    expect(decideSync(candidate({ desired: { quantity: 5, priceMinor: 1999, currency: 'USD', handlingTimeDays: 3 } }), template, US)).toMatchObject({
      kind: 'SKIP',
      reason: 'IN_SYNC',
    });
  });

  it('carries the quantity with a handling-time change', () => {
    const d = send(decideSync(candidate({ desired: { handlingTimeDays: 5 } }), template, US));
    expect(d.patches[0]?.value).toEqual([{ fulfillment_channel_code: 'DEFAULT', quantity: 5, lead_time_to_ship_max_days: 5 }]);
  });

  it('replaces purchasable_offer for a price change', () => {
    const d = send(decideSync(candidate({ desired: { priceMinor: 2499, currency: 'USD' } }), template, US));
    expect(d.patches).toEqual([
      {
        op: 'replace',
        path: '/attributes/purchasable_offer',
        value: [{ marketplace_id: US, currency: 'USD', audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: 24.99 }] }] }],
      },
    ]);
  });

  it('sends the price alone before a restock of the same SKU', () => {
    const d = send(
      decideSync(
        candidate({
          desired: { priceMinor: 2499, currency: 'USD', quantity: 10 },
          confirmed: { priceMinor: 1999, quantity: 0, handlingTimeDays: 2, fulfillmentChannel: 'DEFAULT' },
        }),
        template,
        US,
      ),
    );
    expect(d.patches.map((p) => p.path)).toEqual(['/attributes/purchasable_offer']);
    expect(d.deferredQuantity).toBe(true);
  });

  it('sends price and quantity together when it is not a restock', () => {
    const d = send(decideSync(candidate({ desired: { priceMinor: 2499, currency: 'USD', quantity: 2 } }), template, US));
    expect(d.patches.map((p) => p.path)).toEqual(['/attributes/purchasable_offer', '/attributes/fulfillment_availability']);
    expect(d.deferredQuantity).toBe(false);
  });

  it('never sends a quantity for FBA', () => {
    const fba = { priceMinor: 1999, quantity: null, handlingTimeDays: 1, fulfillmentChannel: 'AMAZON_NA' };
    expect(decideSync(candidate({ desired: { quantity: 9, fulfillmentChannel: 'FBA' }, confirmed: fba }), template, US)).toMatchObject({ kind: 'SKIP' });
    const d = send(decideSync(candidate({ desired: { quantity: 9, priceMinor: 2999, currency: 'USD' }, confirmed: fba }), template, US));
    expect(JSON.stringify(d.patches)).not.toContain('quantity');
  });

  it('sends quantity 0 for a hidden or inactive SKU', () => {
    expect(send(decideSync(candidate({ desired: { quantity: 4, hidden: true } }), template, US)).sent).toEqual({ quantity: 0 });
    expect(send(decideSync(candidate({ desired: { quantity: 4, active: false } }), template, US)).sent).toEqual({ quantity: 0 });
  });

  it('never patches a SKU not known on Amazon', () => {
    expect(decideSync(candidate({ desired: { quantity: 1 }, onAmazon: false }), template, US)).toMatchObject({ kind: 'SKIP', reason: 'NOT_ON_AMAZON' });
  });

  it('leaves a SKU whose values are all unmanaged alone', () => {
    expect(decideSync(candidate(), template, US)).toMatchObject({ kind: 'SKIP', reason: 'NOT_MANAGED' });
  });
});

describe('planFeeds', () => {
  const decisions = (n: number) =>
    Array.from({ length: n }, (_, i) => send(decideSync({ ...candidate({ desired: { quantity: i + 100 } }), sku: `SKU-${i}` }, template, US)));

  it('splits at the message limit, numbering messages from 1 in each feed', () => {
    const feeds = planFeeds('A1', decisions(7), { maxMessages: 3, maxBytes: 10 * 1024 * 1024 });
    expect(feeds.map((f) => f.messages.length)).toEqual([3, 3, 1]);
    expect(feeds[1]?.messages[0]).toEqual({ messageId: 1, sku: 'SKU-3', version: 3 });
    const doc = JSON.parse(feeds[0]?.document as string);
    expect(doc.header).toMatchObject({ sellerId: 'A1', version: '2.0' });
    expect(doc.messages.map((m: { messageId: number }) => m.messageId)).toEqual([1, 2, 3]);
  });

  it('splits at the byte limit, each document within it', () => {
    const feeds = planFeeds('A1', decisions(50), { maxMessages: 25_000, maxBytes: 2_000 });
    expect(feeds.length).toBeGreaterThan(1);
    for (const f of feeds) expect(Buffer.byteLength(f.document)).toBeLessThanOrEqual(2_000);
    expect(feeds.flatMap((f) => f.messages).length).toBe(50);
  });

  it('keeps 100,000 SKUs within 4 feeds at the real limits', () => {
    expect(planFeeds('A1', decisions(100_000)).length).toBeLessThanOrEqual(4);
  });
});
