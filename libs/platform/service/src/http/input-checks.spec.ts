import { invalidIdParams, isIdParam, nulBytePaths } from './input-checks';
import { checkRequest } from './input-validation.interceptor';
import { PlatformHttpError } from './platform-http.error';

describe('input checks', () => {
  it.each([
    ['id', true],
    ['connectionId', true],
    ['jobId', true],
    ['sku', false],
    ['amazonOrderId', false],
    ['sourceId', false],
    ['identity', false],
  ])('treats path parameter %s as a UUID id: %s', (name, expected) => {
    expect(isIdParam(name)).toBe(expected);
  });

  it('names each id parameter that is not a UUID, and accepts UUIDs of any version and case', () => {
    expect(invalidIdParams({ connectionId: "' OR 1=1 --", id: '0190A8F2-7C1E-7D3A-9B2C-1D2E3F4A5B6C', sku: 'not-an-id', jobId: '' })).toEqual([
      { field: 'params.connectionId', reason: 'must be a UUID' },
      { field: 'params.jobId', reason: 'must be a UUID' },
    ]);
    expect(invalidIdParams({ amazonOrderId: '123-1234567-1234567', id: '6f1c2a3b-1111-4222-8333-944455566677' })).toEqual([]);
  });

  it('finds NUL bytes in nested values and keys, with the path of each', () => {
    const body = { name: 'ok', lines: [{ sku: 'A' }, { sku: 'B\u0000' }], ['k\u0000']: 1, nested: { deep: { text: '\u0000' } } };
    expect(nulBytePaths(body, 'body')).toEqual([
      { field: 'body.lines[1].sku', reason: 'contains a NUL byte' },
      { field: 'body.k\\u0000', reason: 'the name contains a NUL byte' },
      { field: 'body.nested.deep.text', reason: 'contains a NUL byte' },
    ]);
    expect(nulBytePaths({ a: ['x', 1, null, true] }, 'query')).toEqual([]);
    expect(nulBytePaths('\u0000', 'body')).toEqual([{ field: 'body', reason: 'contains a NUL byte' }]);
  });

  it('refuses a request: NUL bytes first (INVALID_INPUT), then ids (INVALID_ID), and lets a clean one through', () => {
    const refusal = (req: Parameters<typeof checkRequest>[0]) => {
      try {
        checkRequest(req);
        return undefined;
      } catch (error) {
        return error as PlatformHttpError;
      }
    };
    const nul = refusal({ params: { sku: 'a\u0000' }, query: { cursor: '\u0000' }, body: { name: 'x\u0000' } } as never);
    expect(nul).toBeInstanceOf(PlatformHttpError);
    expect(nul).toMatchObject({ code: 'INVALID_INPUT', status: 400 });
    expect(nul?.details.map((d) => d.field)).toEqual(['params.sku', 'query.cursor', 'body.name']);
    expect(refusal({ params: { connectionId: 'conn-1' }, query: {}, body: {} } as never)).toMatchObject({
      code: 'INVALID_ID',
      message: 'connectionId must be a UUID',
      details: [{ field: 'params.connectionId', reason: 'must be a UUID' }],
    });
    expect(
      refusal({ params: { connectionId: '0190a8f2-7c1e-7d3a-9b2c-1d2e3f4a5b6c', sku: 'SKU-1' }, query: { limit: '5' }, body: undefined } as never),
    ).toBeUndefined();
  });
});
