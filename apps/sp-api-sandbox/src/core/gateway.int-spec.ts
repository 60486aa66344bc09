import { DEFAULTS } from '../state/sandbox-state';
import { SandboxHarness, op } from '../testing/sandbox-harness';

const participations = op('getMarketplaceParticipations');
const createReport = op('createReport');

type Errors = { errors: Array<{ code: string; message: string; details?: string }> };

describe('Amazon edge behaviour: tokens, routing, bad input, rate limits, faults', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await SandboxHarness.start();
  });
  afterAll(async () => h.stop('gateway'));
  beforeEach(async () => {
    await h.admin('DELETE', '/faults');
  });

  it('returns the demo seller participations with request id and rate-limit headers', async () => {
    const res = await h.call<{ payload: Array<{ marketplace: { id: string; defaultCurrencyCode: string }; participation: { isParticipating: boolean } }> }>(
      participations,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBe('0.016');
    expect(res.json.payload.map((p) => [p.marketplace.id, p.marketplace.defaultCurrencyCode, p.participation.isParticipating])).toEqual([
      ['ATVPDKIKX0DER', 'USD', true],
      ['A2EUQ1WTGCTBG2', 'CAD', true],
    ]);
  });

  it('refuses missing and unknown access tokens with 403 in Amazon error shape', async () => {
    const missing = await h.call<Errors>(participations, { token: null });
    expect(missing.status).toBe(403);
    expect(missing.json.errors[0]).toMatchObject({ code: 'Unauthorized', message: 'Access to requested resource is denied.' });
    const wrong = await h.call<Errors>(participations, { token: 'Atza|forged' });
    expect(wrong.status).toBe(403);
    expect(wrong.json.errors[0]?.details).toMatch(/revoked, malformed or invalid/);
  });

  it('answers unknown paths with 404 and known paths with the wrong method with 405, both in Amazon shape', async () => {
    const unknown = await fetch(`${h.baseUrl}/reports/2021-06-30/unknown`, { headers: { 'x-amz-access-token': h.token } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(((await unknown.json()) as Errors).errors[0]?.code).toBe('NotFound');
    const wrongMethod = await fetch(`${h.baseUrl}/sellers/v1/marketplaceParticipations`, { method: 'DELETE', headers: { 'x-amz-access-token': h.token } });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('rejects malformed JSON, wrong content types and schema violations with 400/415 naming the problem, and keeps serving', async () => {
    const malformed = await h.call<Errors>(createReport, { rawBody: '{"reportType":' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.errors[0]).toMatchObject({ code: 'InvalidInput', details: 'body' });
    const wrongType = await h.call<Errors>(createReport, { rawBody: 'reportType=x', headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status).toBe(415);
    const missingField = await h.call<Errors>(createReport, { body: { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [] } });
    expect(missingField.status).toBe(400);
    expect(missingField.json.errors[0]?.details).toBe('body.marketplaceIds');
    expect((await h.call(participations)).status).toBe(200);
  });

  it('applies the token bucket per seller and operation: the burst passes, then 429 QuotaExceeded without the limit header, refilled by time', async () => {
    await h.admin('POST', '/reset');
    h.token = await h.accessToken(DEFAULTS.refreshToken);
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await h.call(participations)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(15);
    const limited = await h.call<Errors>(participations);
    expect(limited.status).toBe(429);
    expect(limited.json.errors[0]).toMatchObject({ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' });
    expect(limited.headers.get('x-amzn-ratelimit-limit')).toBeNull();
    // Another seller has its own bucket.
    const other = await h.admin<{ refreshToken: string }>('POST', '/sellers', {
      sellingPartnerId: 'A2OTHERSELLER1',
      region: 'NA',
      marketplaceIds: ['ATVPDKIKX0DER'],
    });
    expect((await h.call(participations, { token: await h.accessToken(other.json.refreshToken) })).status).toBe(200);
    await h.advance(63); // 0.016 tokens/s → one token after 62.5 s
    expect((await h.call(participations)).status).toBe(200);
    expect((await h.call(participations)).status).toBe(429);
  });

  it('injects server errors, latency and usage-plan changes on demand', async () => {
    await h.admin('POST', '/faults', { errorRate: 1, errorStatus: 503, operations: ['getMarketplaceParticipations'] });
    const failed = await h.call<Errors>(participations);
    expect(failed.status).toBe(503);
    expect(failed.json.errors[0]?.code).toBe('ServiceUnavailable');
    await h.admin('POST', '/faults', { errorRate: 0, latencyMs: 150, ratePlans: { getMarketplaceParticipations: { rate: 3, burst: 1 } } });
    const started = Date.now();
    const slow = await h.call(participations);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(slow.headers.get('x-amzn-ratelimit-limit')).toBe('3');
    expect((await h.call(participations)).status).toBe(429);
  });
});
