import { compilePathReader, parseSourcePath } from './source-path';

describe('source paths', () => {
  it.each([
    ['sku', ['sku']],
    ['recipient.deliveryAddress.addressLine1', ['recipient', 'deliveryAddress', 'addressLine1']],
    ['orderItems[0].product.sellerSku', ['orderItems', 0, 'product', 'sellerSku']],
    ['seller-sku', ['seller-sku']],
    ['a[1][2]', ['a', 1, 2]],
    ['[0].x', [0, 'x']],
  ])('parses %s', (path, segments) => {
    expect(parseSourcePath(path)).toEqual({ ok: true, segments });
  });

  it.each(['', 'a..b', '.a', 'a.', 'a[x]', 'a[0]b', 'a.[0]', 'constructor', 'a.prototype', `${'a.'.repeat(16)}a`, 'x'.repeat(300)])('rejects %p', (path) => {
    expect(parseSourcePath(path).ok).toBe(false);
  });

  it.each([1, 2, 3, 4, 6])('reads %i-segment paths and returns undefined for anything missing', (depth) => {
    const segments = Array.from({ length: depth }, (_, i) => `k${i}`);
    const read = compilePathReader(segments);
    const record = segments.reduceRight<unknown>((inner, k) => ({ [k]: inner }), 'leaf');
    expect(read(record)).toBe('leaf');
    expect(read({})).toBeUndefined();
    expect(read(null)).toBeUndefined();
    expect(read('text')).toBeUndefined();
  });

  it('stops at a scalar in the middle of a path', () => {
    expect(compilePathReader(['a', 'b', 'c'])({ a: 5 })).toBeUndefined();
    expect(compilePathReader(['a', 'b', 'c', 'd', 'e'])({ a: { b: 'x' } })).toBeUndefined();
  });

  it('does not index into strings', () => {
    const read = compilePathReader(['s', 0]);
    expect(read({ s: 'abc' })).toBeUndefined();
    expect(read({ s: ['abc'] })).toBe('abc');
  });
});
