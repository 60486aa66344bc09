import { countDecisions } from './import-counts';
import { decideKnownOrder, decideNewOrder, latestVersions, type ImportRules, type KnownOrder } from './import-decision';
import { DEFAULT_GET_ORDERS_SETTINGS, type OrderCandidate } from './order-candidate';

const NOW = new Date('2026-12-01T12:00:00Z');
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';

function candidate(overrides: Partial<OrderCandidate> = {}): OrderCandidate {
  return {
    amazonOrderId: '111-0000001-0000001',
    marketplaceId: US,
    amazonStatus: 'UNSHIPPED',
    fulfilledBy: 'MERCHANT',
    serviceLevel: 'STANDARD',
    shippingText: null,
    purchasedAt: new Date('2026-11-30T10:00:00Z'),
    amazonUpdatedAt: new Date('2026-11-30T10:05:00Z'),
    totalMinor: 1999,
    currency: 'USD',
    shipBy: null,
    shippedAt: null,
    lines: [
      {
        orderItemId: '10000000000001',
        sku: 'SKU-1',
        asin: 'B000000001',
        productCode: 'SKU-1',
        title: 'Mug',
        quantityOrdered: 2,
        quantityCancelled: 0,
        quantityShipped: 0,
        unitPriceMinor: 999,
        currency: 'USD',
      },
    ],
    pii: {
      buyerName: 'B',
      buyerEmail: null,
      shippingName: null,
      shippingPhone: null,
      shippingAddress: { addressLine1: '1 Road', city: 'Town', countryCode: 'US' },
    },
    problem: null,
    ...overrides,
  };
}

function known(overrides: Partial<KnownOrder> = {}): KnownOrder {
  return {
    id: '0190d4c0-0000-7000-8000-000000000001',
    connectionId: 'conn-us',
    amazonOrderId: '111-0000001-0000001',
    state: 'IMPORTED',
    amazonStatus: 'UNSHIPPED',
    holdReason: null,
    serviceLevel: 'STANDARD',
    shippingPolicy: 'Ground',
    amazonUpdatedAt: new Date('2026-11-30T10:05:00Z'),
    importedAt: new Date('2026-11-30T10:06:00Z'),
    shippedAt: null,
    cancelledAt: null,
    piiRedactedAt: null,
    lines: new Map([['10000000000001', { quantityOrdered: 2, quantityCancelled: 0 }]]),
    address: { hasAddress: true, fingerprint: 'k.same' },
    adopt: false,
    ...overrides,
  };
}

function rules(overrides: Partial<ImportRules> = {}): ImportRules {
  return {
    settings: DEFAULT_GET_ORDERS_SETTINGS,
    now: NOW,
    mappings: [{ channelShippingText: 'Std US D2D Dom', serviceLevelCategory: 'STANDARD', shippingPolicy: 'Ground' }],
    connectionMarketplaceId: US,
    addressDiffers: (fingerprint) => (fingerprint === null ? null : fingerprint !== 'k.same'),
    ...overrides,
  };
}

const ID = '0190d4c0-0000-7000-8000-00000000000a';
const [LINE] = candidate().lines as [OrderCandidate['lines'][number]];

describe('decideNewOrder', () => {
  it.each<[string, Partial<OrderCandidate>, Partial<ImportRules>, Record<string, unknown>]>([
    [
      'imports a shippable order with the mapped policy',
      {},
      {},
      { kind: 'create', placement: { state: 'IMPORTED', holdReason: null, holdDetail: null, shippingPolicy: 'Ground' }, importedAt: NOW, writePii: true },
    ],
    [
      'holds an order no mapping covers',
      { serviceLevel: 'NEXT_DAY' },
      {},
      { kind: 'create', placement: expect.objectContaining({ state: 'HELD', holdReason: 'MISSING_SHIPPING_MAPPING' }), importedAt: null },
    ],
    [
      'holds an order with a problem, whatever the mappings',
      { problem: { reason: 'INVALID_TEXT', detail: 'Amazon sent a NUL character in lines[0].sku' } },
      {},
      { kind: 'create', placement: expect.objectContaining({ state: 'HELD', holdReason: 'INVALID_TEXT' }) },
    ],
    ['skips a status the connection does not import', { amazonStatus: 'SHIPPED' }, {}, { kind: 'skip', reason: 'STATUS_FILTERED' }],
    ['skips an order created before the window', { purchasedAt: new Date('2026-11-01T00:00:00Z') }, {}, { kind: 'skip', reason: 'OUTSIDE_CREATED_WINDOW' }],
    ['skips an Amazon-fulfilled order of a merchant-only connection', { fulfilledBy: 'AMAZON' }, {}, { kind: 'skip', reason: 'FULFILLED_BY_FILTERED' }],
    [
      'keeps a pending order as a reservation without buyer data when asked',
      { amazonStatus: 'PENDING' },
      { settings: { ...DEFAULT_GET_ORDERS_SETTINGS, keepPendingAsReservations: true } },
      { kind: 'create', placement: expect.objectContaining({ state: 'RESERVED' }), writePii: false },
    ],
    [
      "leaves an order of another of the seller's marketplaces to that marketplace's connection",
      { marketplaceId: CA },
      {},
      { kind: 'skip', reason: 'OTHER_MARKETPLACE' },
    ],
    [
      'holds (does not skip) an order of a marketplace nobody knows',
      { marketplaceId: 'XX', problem: { reason: 'UNKNOWN_MARKETPLACE', detail: 'x' } },
      {},
      { kind: 'create', placement: expect.objectContaining({ state: 'HELD', holdReason: 'UNKNOWN_MARKETPLACE' }) },
    ],
  ])('%s', (_name, order, rule, expected) => {
    expect(decideNewOrder(candidate(order), rules(rule), ID)).toMatchObject(expected);
  });
});

describe('decideKnownOrder', () => {
  it('ignores an older version than the stored one', () => {
    expect(decideKnownOrder(candidate({ amazonUpdatedAt: new Date('2026-11-30T10:00:00Z') }), known(), rules()).kind).toBe('stale');
  });

  it('reports nothing for the same version, and asks for the buyer data again when the stored fingerprint is unusable', () => {
    expect(decideKnownOrder(candidate(), known(), rules())).toMatchObject({ kind: 'unchanged', rewritePii: false });
    expect(decideKnownOrder(candidate(), known({ address: { hasAddress: true, fingerprint: null } }), rules())).toMatchObject({
      kind: 'unchanged',
      rewritePii: true,
    });
  });

  it('names the changes of an imported order: status, lines, address, and the newly cancelled units', () => {
    const later = new Date('2026-11-30T11:00:00Z');
    const c = candidate({
      amazonStatus: 'CANCELLED',
      amazonUpdatedAt: later,
      lines: [{ ...LINE, quantityCancelled: 2 }],
    });
    const d = decideKnownOrder(c, known({ address: { hasAddress: true, fingerprint: 'k.other' } }), rules());
    expect(d).toMatchObject({
      kind: 'update',
      changes: ['status', 'shipping_address', 'cancellation'],
      cancelledLines: [{ orderItemId: '10000000000001', sku: 'SKU-1', cancelledQuantity: 2 }],
      becomesImported: false,
      cancelledAt: NOW,
    });
    expect(d.kind === 'update' && d.placement.state).toBe('IMPORTED');
  });

  it('removes the lines Amazon no longer lists, but not when Amazon sent no lines at all', () => {
    const stored = known({
      lines: new Map([
        ['10000000000001', { quantityOrdered: 2, quantityCancelled: 0 }],
        ['10000000000002', { quantityOrdered: 1, quantityCancelled: 0 }],
      ]),
    });
    const later = { amazonUpdatedAt: new Date('2026-11-30T11:00:00Z') };
    expect(decideKnownOrder(candidate(later), stored, rules())).toMatchObject({ kind: 'update', removedLines: ['10000000000002'], changes: ['lines'] });
    expect(decideKnownOrder(candidate({ ...later, lines: [] }), stored, rules())).toMatchObject({ removedLines: [] });
  });

  it('releases a held order once a mapping covers it', () => {
    const held = known({ state: 'HELD', holdReason: 'MISSING_SHIPPING_MAPPING', importedAt: null, shippingPolicy: null });
    expect(decideKnownOrder(candidate(), held, rules())).toMatchObject({
      kind: 'update',
      becomesImported: true,
      importedAt: NOW,
      placement: { state: 'IMPORTED', shippingPolicy: 'Ground' },
    });
    expect(decideKnownOrder(candidate(), held, rules({ mappings: [] }))).toMatchObject({ kind: 'unchanged' });
  });

  it.each<[string, Partial<KnownOrder>]>([
    ['held for a missing mapping', { state: 'HELD', holdReason: 'MISSING_SHIPPING_MAPPING', importedAt: null, shippingPolicy: null }],
    ['held for bad data', { state: 'HELD', holdReason: 'ABSURD_PRICE', importedAt: null, shippingPolicy: null }],
    ['reserved', { state: 'RESERVED', amazonStatus: 'PENDING', importedAt: null, shippingPolicy: null }],
  ])('ends an order cancelled at Amazon while %s as CANCELLED, never imported, without buyer data written', (_name, stored) => {
    const c = candidate({ amazonStatus: 'CANCELLED', amazonUpdatedAt: new Date('2026-11-30T11:00:00Z'), lines: [{ ...LINE, quantityCancelled: 2 }] });
    const d = decideKnownOrder(c, known(stored), rules());
    expect(d).toMatchObject({
      kind: 'update',
      becomesImported: false,
      importedAt: null,
      cancelledAt: NOW,
      writePii: false,
      placement: { state: 'CANCELLED', holdReason: null, holdDetail: null },
    });
    expect(countDecisions([d])).toMatchObject({ updated: 1, cancelled_before_import: 1, released: 0, cancelled: 0 });
    // A later read (even with a mapping that would cover it) keeps it cancelled.
    const again = decideKnownOrder(
      { ...c, amazonUpdatedAt: new Date('2026-11-30T12:00:00Z') },
      known({
        ...stored,
        state: 'CANCELLED',
        amazonStatus: 'CANCELLED',
        cancelledAt: NOW,
        lines: new Map([['10000000000001', { quantityOrdered: 2, quantityCancelled: 2 }]]),
      }),
      rules(),
    );
    expect(d.kind === 'update' && again.kind === 'update' && again.placement.state).toBe('CANCELLED');
  });

  it('rewrites an unchanged order stored without its seller account (or under another connection) so it is completed', () => {
    expect(decideKnownOrder(candidate(), known({ adopt: true }), rules())).toMatchObject({
      kind: 'update',
      changes: [],
      becomesImported: false,
      placement: { state: 'IMPORTED' },
    });
  });

  it("leaves a stored order of another marketplace to that marketplace's connection", () => {
    expect(decideKnownOrder(candidate({ marketplaceId: CA }), known(), rules())).toMatchObject({ kind: 'skip', reason: 'OTHER_MARKETPLACE' });
  });
});

describe('latestVersions', () => {
  it('keeps the newest version of each order, in AmazonOrderId order', () => {
    const older = candidate({ amazonOrderId: '222-0000000-0000000', amazonStatus: 'PENDING' });
    const newer = candidate({ amazonOrderId: '222-0000000-0000000', amazonUpdatedAt: new Date('2026-11-30T12:00:00Z') });
    const other = candidate({ amazonOrderId: '111-0000000-0000000' });
    expect(latestVersions([newer, older, other])).toEqual([other, newer]);
  });
});
