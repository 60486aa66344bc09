import type { PendingEvent } from '@amazon-channel/platform-persistence';
import type { AddressFingerprint } from '../../pii/address-fingerprint';
import type { KnownOrder, OrderDecision } from '../domain/import-decision';
import { DEFAULT_GET_ORDERS_SETTINGS, type OrderCandidate } from '../domain/order-candidate';
import type { ImportScope, OrderImportWriter } from '../order-import.writer';
import { OrdersError } from '../../errors/orders.error';
import type { OrdersRepository } from '../orders.repository';
import { ImportOrdersUseCase, type PageScope } from './import-orders.use-case';

/** An in-memory stand-in for the orders tables: what one transaction writes is kept only if it commits. */
class FakeOrdersRepository implements Pick<OrdersRepository, 'importPage' | 'recordUnstored'> {
  readonly stored = new Map<string, OrderDecision>();
  readonly events: PendingEvent[] = [];
  readonly unstored: Array<{ amazonOrderId: string; reason: string; detail: string }> = [];
  /** Orders whose write the "database" refuses, as PostgreSQL refuses text it cannot hold. */
  readonly refused = new Set<string>();

  async importPage<R>(work: (writer: OrderImportWriter) => Promise<R>): Promise<R> {
    const pending = new Map<string, OrderDecision>();
    const events: PendingEvent[] = [];
    const writer: Pick<OrderImportWriter, 'eligibleSources' | 'lockKnown' | 'insertOrders' | 'write' | 'announce'> = {
      eligibleSources: async () => ['src-1'],
      lockKnown: async () => new Map<string, KnownOrder>(),
      insertOrders: async (_scope: ImportScope, creates) => new Set(creates.map((d) => d.candidate.amazonOrderId)),
      write: async (_scope: ImportScope, decisions) => {
        for (const d of decisions) {
          if (this.refused.has(d.candidate.amazonOrderId)) throw new OrdersError('STORE_FAILED', 'The order store refused the write (SQLSTATE 22021)');
          pending.set(d.candidate.amazonOrderId, d);
        }
      },
      announce: async (e) => {
        events.push(...e);
      },
    };
    const result = await work(writer as OrderImportWriter);
    for (const [id, d] of pending) this.stored.set(id, d);
    this.events.push(...events);
    return result;
  }

  async recordUnstored(_tenantId: string, _connectionId: string, amazonOrderId: string, reason: string, detail: string): Promise<void> {
    this.unstored.push({ amazonOrderId, reason, detail });
  }
}

const fingerprint = { differs: () => false, of: () => null } as unknown as AddressFingerprint;

function candidate(amazonOrderId: string, overrides: Partial<OrderCandidate> = {}): OrderCandidate {
  return {
    amazonOrderId,
    marketplaceId: 'ATVPDKIKX0DER',
    amazonStatus: 'UNSHIPPED',
    fulfilledBy: 'MERCHANT',
    serviceLevel: 'STANDARD',
    shippingText: null,
    purchasedAt: new Date('2026-11-30T10:00:00Z'),
    amazonUpdatedAt: new Date('2026-11-30T10:05:00Z'),
    totalMinor: 999,
    currency: 'USD',
    shipBy: null,
    shippedAt: null,
    lines: [
      {
        orderItemId: '1',
        sku: 'SKU-1',
        asin: null,
        productCode: 'SKU-1',
        title: null,
        quantityOrdered: 1,
        quantityCancelled: 0,
        quantityShipped: 0,
        unitPriceMinor: 999,
        currency: 'USD',
      },
    ],
    pii: { buyerName: null, buyerEmail: null, shippingName: null, shippingPhone: null, shippingAddress: null },
    problem: null,
    ...overrides,
  };
}

const scope: PageScope = {
  tenantId: 't',
  connectionId: 'conn-us',
  account: { sellingPartnerId: 'A1SELLER', region: 'NA' },
  connectionMarketplaceId: 'ATVPDKIKX0DER',
  settings: DEFAULT_GET_ORDERS_SETTINGS,
  mappings: [{ channelShippingText: 'Std', serviceLevelCategory: 'STANDARD', shippingPolicy: 'Ground' }],
  now: new Date('2026-12-01T00:00:00Z'),
  correlationId: 'run-1',
  causationId: 'run-1',
};

describe('ImportOrdersUseCase.applyPage', () => {
  it('imports a page in one transaction with one OrderImported per order, and names orders held for bad data', async () => {
    const orders = new FakeOrdersRepository();
    const useCase = new ImportOrdersUseCase(orders as unknown as OrdersRepository, fingerprint);
    const outcome = await useCase.applyPage(scope, [
      candidate('111-0000000-0000001'),
      candidate('111-0000000-0000002', { problem: { reason: 'INVALID_TEXT', detail: 'Amazon sent a NUL character in lines[0].sku' } }),
    ]);
    expect(outcome.counts).toMatchObject({ created: 2, held: 1, held_invalid_data: 1, failed: 0 });
    expect(outcome.issues).toEqual([{ amazonOrderId: '111-0000000-0000002', reason: 'INVALID_TEXT' }]);
    expect(orders.events.map((e) => (e.data as { amazonOrderId: string }).amazonOrderId)).toEqual(['111-0000000-0000001']);
  });

  it('stores the rest of a page when the store refuses one order, and names that order with a code only', async () => {
    const orders = new FakeOrdersRepository();
    orders.refused.add('111-0000000-0000002');
    const useCase = new ImportOrdersUseCase(orders as unknown as OrdersRepository, fingerprint);
    const outcome = await useCase.applyPage(
      scope,
      ['111-0000000-0000001', '111-0000000-0000002', '111-0000000-0000003'].map((id) => candidate(id)),
    );
    expect(outcome.counts).toMatchObject({ created: 2, failed: 1 });
    expect(outcome.issues).toEqual([{ amazonOrderId: '111-0000000-0000002', reason: 'STORE_FAILED' }]);
    expect([...orders.stored.keys()].sort()).toEqual(['111-0000000-0000001', '111-0000000-0000003']);
    expect(orders.events).toHaveLength(2);
    expect(orders.unstored).toEqual([
      { amazonOrderId: '111-0000000-0000002', reason: 'STORE_FAILED', detail: 'The order store refused the write (SQLSTATE 22021)' },
    ]);
  });

  it('lets any other failure end the run (a transient Amazon or database outage is retried by the job, not swallowed)', async () => {
    const orders = new FakeOrdersRepository();
    orders.importPage = () => Promise.reject(new Error('connection terminated'));
    const useCase = new ImportOrdersUseCase(orders as unknown as OrdersRepository, fingerprint);
    await expect(useCase.applyPage(scope, [candidate('111-0000000-0000001')])).rejects.toThrow('connection terminated');
  });
});
