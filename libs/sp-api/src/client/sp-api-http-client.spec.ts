import { AccessTokenCache } from '../auth/access-token-cache';
import type { AccessTokenProvider } from '../auth/access-token-provider';
import { RefreshTokenAccessTokenProvider } from '../auth/access-token-provider';
import { LwaClient } from '../auth/lwa-client';
import { SpApiError, SpApiErrorCode } from '../errors/sp-api-error';
import type { SpApiCallEvent, SpApiRetryEvent } from '../observability/sp-api-observer';
import { InMemoryRateLimitStore } from '../rate-limit/in-memory-rate-limit-store';
import { RateLimiter } from '../rate-limit/rate-limiter';
import type { FakeReply, RecordedRequest } from '../testing/fake-transport';
import { FakeTransport } from '../testing/fake-transport';
import { VirtualClock } from '../testing/virtual-clock';
import { SpApiClient } from './sp-api-client';

const QUOTA = { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] };

function tokens(): AccessTokenProvider & { invalidated: string[]; n: number } {
  return {
    invalidated: [],
    n: 1,
    getAccessToken() {
      return Promise.resolve(`Atza|t${this.n}`);
    },
    invalidate(token: string) {
      this.invalidated.push(token);
      this.n++;
    },
  };
}

function setup(handler: (req: RecordedRequest, n: number) => FakeReply | Promise<FakeReply>, accessTokens: AccessTokenProvider = tokens()) {
  const clock = new VirtualClock();
  let n = 0;
  const transport = new FakeTransport((req) => handler(req, n++));
  const store = new InMemoryRateLimitStore(() => clock.now());
  const rateLimiter = new RateLimiter(store, { clock });
  const events = { calls: [] as SpApiCallEvent[], throttled: [] as SpApiCallEvent[], retries: [] as SpApiRetryEvent[], adapted: [] as number[] };
  const client = new SpApiClient({
    region: 'NA',
    sellingPartnerId: 'A1SELLER',
    accessTokens,
    baseUrl: 'https://sp.test',
    transport,
    rateLimiter,
    clock,
    random: () => 0.5,
    observer: {
      onCall: (e) => events.calls.push(e),
      onThrottled: (e) => events.throttled.push(e),
      onRetry: (e) => events.retries.push(e),
      onRateAdapted: (e) => events.adapted.push(e.rate),
    },
  });
  return { client, transport, clock, store, events };
}

describe('SpApiHttpClient', () => {
  it('sends the access token, comma-joined arrays and an encoded SKU, and returns the request id', async () => {
    const { client, transport } = setup(() => ({ status: 200, headers: { 'x-amzn-RequestId': 'req-1' }, body: { sku: 'a/b c' } }));
    const res = await client.listings.getListingsItem('A1SELLER', 'a/b c', {
      marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
      includedData: ['summaries', 'offers'],
    });
    expect(res).toMatchObject({ data: { sku: 'a/b c' }, requestId: 'req-1', status: 200 });
    const req = transport.requests[0];
    expect(req?.url).toBe(
      'https://sp.test/listings/2021-08-01/items/A1SELLER/a%2Fb%20c?marketplaceIds=ATVPDKIKX0DER,A2EUQ1WTGCTBG2&includedData=summaries,offers',
    );
    expect(req?.headers['x-amz-access-token']).toBe('Atza|t1');
  });

  it('retries 429 with backoff honouring Retry-After, then succeeds, and reports the throttle', async () => {
    const { client, clock, events } = setup((_, n) =>
      n < 2 ? { status: 429, headers: { 'retry-after': '3', 'x-amzn-RequestId': `r${n}` }, body: QUOTA } : { status: 200, body: { payload: [] } },
    );
    const start = clock.now();
    const res = await client.sellers.getMarketplaceParticipations();
    expect(res.data).toEqual([]);
    expect(events.throttled).toHaveLength(2);
    expect(events.retries.map((r) => [r.reason, r.delayMs])).toEqual([
      ['throttled', 3000],
      ['throttled', 3000],
    ]);
    // after a 429 the bucket is drained, so the retry also waits for a real refill (1/0.016 s)
    expect(clock.now() - start).toBeGreaterThanOrEqual(2 * 62_000);
  });

  it('gives up after the bounded attempts with a typed THROTTLED error carrying Amazon details', async () => {
    const { client, transport } = setup(() => ({ status: 429, headers: { 'x-amzn-RequestId': 'rq' }, body: QUOTA }));
    const error = (await client.orders.getOrder('123-1234567-1234567').catch((e: unknown) => e)) as SpApiError;
    expect(error).toBeInstanceOf(SpApiError);
    expect(error).toMatchObject({
      code: SpApiErrorCode.Throttled,
      status: 429,
      requestId: 'rq',
      operation: 'orders.getOrder',
      amazonCode: 'QuotaExceeded',
      retryable: true,
    });
    expect(transport.requests).toHaveLength(5);
  });

  it('retries 500 and 503 but never other 4xx', async () => {
    const flaky = setup((_, n) => (n === 0 ? { status: 500 } : n === 1 ? { status: 503 } : { status: 200, body: { reportId: 'R1' } }));
    await expect(flaky.client.reports.getReport('R1')).resolves.toMatchObject({ data: { reportId: 'R1' } });
    expect(flaky.transport.requests).toHaveLength(3);

    const bad = setup(() => ({
      status: 400,
      headers: { 'x-amzn-RequestId': 'bad-1' },
      body: { errors: [{ code: 'InvalidInput', message: 'Invalid input', details: 'marketplaceIds' }] },
    }));
    const error = (await bad.client.reports.getReport('R1').catch((e: unknown) => e)) as SpApiError;
    expect(error).toMatchObject({ code: SpApiErrorCode.HttpError, status: 400, amazonCode: 'InvalidInput', details: 'marketplaceIds', requestId: 'bad-1' });
    expect(bad.transport.requests).toHaveLength(1);
  });

  it('on a 403 for an expired token invalidates it and retries exactly once with a new token', async () => {
    const provider = tokens();
    const { client, transport } = setup(
      (req) =>
        req.headers['x-amz-access-token'] === 'Atza|t1'
          ? { status: 403, body: { errors: [{ code: 'Unauthorized', message: 'The access token you provided has expired.' }] } }
          : { status: 200, body: { reportId: 'R' } },
      provider,
    );
    await expect(client.reports.getReport('R')).resolves.toMatchObject({ data: { reportId: 'R' } });
    expect(provider.invalidated).toEqual(['Atza|t1']);
    expect(transport.requests.map((r) => r.headers['x-amz-access-token'])).toEqual(['Atza|t1', 'Atza|t2']);
  });

  it('does not loop on a 403 that a new token cannot fix', async () => {
    const provider = tokens();
    const { client, transport } = setup(
      () => ({ status: 403, body: { errors: [{ code: 'Unauthorized', message: 'The access token you provided is revoked, malformed or invalid.' }] } }),
      provider,
    );
    await expect(client.reports.getReport('R')).rejects.toMatchObject({ code: SpApiErrorCode.Forbidden, status: 403 });
    expect(transport.requests).toHaveLength(2);
  });

  it('100 concurrent calls after the access token expired cost exactly one LWA request', async () => {
    let now = 0;
    const lwaTransport = new FakeTransport(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return { status: 200, body: { access_token: `Atza|${now}`, token_type: 'bearer', expires_in: 3600 } };
    });
    const lwa = new LwaClient(lwaTransport, 'http://lwa.test/token', { clientId: 'c', clientSecret: 's' });
    const provider = new RefreshTokenAccessTokenProvider(lwa, new AccessTokenCache({ now: () => now }), 'Atzr|x', () => now);
    await provider.getAccessToken();
    now = 7_200_000;
    const { client } = setup(() => ({ status: 200, body: { sku: 's' } }), provider);
    await Promise.all(Array.from({ length: 100 }, () => client.listings.getListingsItem('A1SELLER', 's', { marketplaceIds: ['ATVPDKIKX0DER'] })));
    expect(lwaTransport.requests).toHaveLength(2);
  });

  it('adapts the bucket from x-amzn-RateLimit-Limit and tells the observer', async () => {
    const { client, store, events } = setup(() => ({ status: 200, headers: { 'x-amzn-RateLimit-Limit': '10.0' }, body: { sku: 's' } }));
    await client.listings.getListingsItem('A1SELLER', 's', { marketplaceIds: ['ATVPDKIKX0DER'] });
    await client.listings.getListingsItem('A1SELLER', 's', { marketplaceIds: ['ATVPDKIKX0DER'] });
    expect(events.adapted).toEqual([10]);
    expect(store.peek('A1SELLER:NA:listings.getListingsItem')?.rate).toBe(10);
    expect(events.calls).toHaveLength(2);
    expect(events.calls[0]).toMatchObject({ operation: 'listings.getListingsItem', sellingPartnerId: 'A1SELLER', region: 'NA', status: 200 });
  });

  it('does not re-send a POST after a connection failure (Amazon may have applied it)', async () => {
    const { client, transport } = setup(() => {
      throw new SpApiError({ code: SpApiErrorCode.Network, message: 'HTTP request failed (ECONNRESET)', retryable: true });
    });
    await expect(
      client.ordersV0.confirmShipment('123-1234567-1234567', {
        marketplaceId: 'ATVPDKIKX0DER',
        packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: '1Z', shipDate: '2026-01-01T00:00:00Z', orderItems: [] },
      }),
    ).rejects.toMatchObject({ code: SpApiErrorCode.Network, operation: 'ordersV0.confirmShipment' });
    expect(transport.requests).toHaveLength(1);
  });

  it('returns undefined data for 204 responses with the request id', async () => {
    const { client } = setup(() => ({ status: 204, headers: { 'x-amzn-RequestId': 'ok-204' } }));
    const res = await client.ordersV0.updateShipmentStatus('123-1234567-1234567', { marketplaceId: 'ATVPDKIKX0DER', shipmentStatus: 'PickedUp' });
    expect(res).toEqual({ data: undefined, status: 204, requestId: 'ok-204', rateLimit: undefined });
  });

  it('never puts the access token into error messages or JSON', async () => {
    const { client } = setup(() => ({ status: 400, body: { errors: [{ code: 'InvalidInput', message: 'bad' }] } }));
    const error = await client.reports.getReport('R').catch((e: unknown) => e);
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain('Atza|');
  });
});
