import fc from 'fast-check';
import { OPERATIONS } from './operations';
import { SandboxHarness } from '../testing/sandbox-harness';

describe('bad input never crashes the sandbox', () => {
  let h: SandboxHarness;
  const unexpected: unknown[] = [];
  beforeAll(async () => {
    h = await SandboxHarness.start({ onUnexpectedError: (e) => unexpected.push(e) });
    // Generous plans so the fuzzing reaches the handlers instead of stopping at 429.
    const ratePlans = Object.fromEntries(OPERATIONS.map((o) => [o.operationId, { rate: 1000, burst: 1000 }]));
    await h.admin('POST', '/faults', { ratePlans });
  });
  afterAll(async () => h.stop('bad-input'));

  it('answers random bodies, parameters and path segments on every operation with a non-5xx Amazon-shaped response', async () => {
    const json = fc.oneof(fc.jsonValue(), fc.string(), fc.constant('{"broken":'), fc.constant(''));
    const segment = fc.oneof(fc.string({ maxLength: 30 }), fc.constant('SKU-0000001'), fc.constant('A1DEMOSELLER00'), fc.constant('..'), fc.constant('%ZZ'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...OPERATIONS),
        json,
        segment,
        fc.dictionary(
          fc.constantFrom(
            'marketplaceIds',
            'includedData',
            'createdAfter',
            'pageSize',
            'identifiers',
            'identifiersType',
            'mode',
            'pageToken',
            'paginationToken',
            'nextToken',
          ),
          fc.string({ maxLength: 20 }),
        ),
        async (op, body, seg, query) => {
          const path = op.path.replace(/\{(\w+)\}/g, () => encodeURIComponent(seg) || 'x');
          const qs = new URLSearchParams(query).toString();
          const hasBody = op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH';
          const res = await fetch(`${h.baseUrl}${path}${qs ? `?${qs}` : ''}`, {
            method: op.method,
            headers: { 'x-amz-access-token': h.token, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
            body: hasBody ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
          });
          const text = await res.text();
          expect(res.status).toBeLessThan(500);
          expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
          const errors = [{ code: expect.any(String), message: expect.any(String) }];
          if (res.status >= 400) expect(JSON.parse(text)).toMatchObject(op.errorShape === 'bare-array' ? errors : { errors });
        },
      ),
      { numRuns: 300, seed: 4010 },
    );
    expect(unexpected).toEqual([]);
    expect((await fetch(`${h.baseUrl}/_sandbox/health`)).status).toBe(200);
  });
});
