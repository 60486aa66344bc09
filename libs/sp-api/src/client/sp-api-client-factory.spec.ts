import { FakeTransport } from '../testing/fake-transport';
import { SpApiClientFactory } from './sp-api-client-factory';

describe('SpApiClientFactory', () => {
  // The limiter polls its store every ≤ 5 s while a caller waits, and an aborted caller does not
  // cut that sleep short: on real time the timer outlived the test and held Jest's worker open.
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('makes clients that share one seller budget, and keep other sellers and regions apart', async () => {
    const transport = new FakeTransport(() => ({ status: 200, body: { payload: [] } }));
    const factory = new SpApiClientFactory({ transport, baseUrls: { NA: 'https://na.test', EU: 'https://eu.test' } });
    const accessTokens = { getAccessToken: () => Promise.resolve('Atza|t'), invalidate: () => undefined };
    // getMarketplaceParticipations: burst 15, then one call per ~62 s
    for (let i = 0; i < 15; i++) await factory.forSeller({ sellingPartnerId: 'A1', region: 'NA', accessTokens }).sellers.getMarketplaceParticipations();
    const controller = new AbortController();
    const sixteenth = factory
      .forSeller({ sellingPartnerId: 'A1', region: 'NA', accessTokens })
      .sellers.getMarketplaceParticipations({ signal: controller.signal });
    await factory.forSeller({ sellingPartnerId: 'A2', region: 'NA', accessTokens }).sellers.getMarketplaceParticipations();
    await factory.forSeller({ sellingPartnerId: 'A1', region: 'EU', accessTokens }).sellers.getMarketplaceParticipations();
    expect(factory.rateLimiter.queued('A1:NA:sellers.getMarketplaceParticipations')).toBe(1);
    controller.abort(new Error('test done'));
    await expect(sixteenth).rejects.toThrow('test done');
    expect(transport.requests.map((r) => new URL(r.url).host)).toEqual([...Array.from({ length: 16 }, () => 'na.test'), 'eu.test']);

    // With nobody left waiting, the limiter's next poll ends its pump: no timer stays behind.
    await jest.runOnlyPendingTimersAsync();
    expect(jest.getTimerCount()).toBe(0);
  });
});
