import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { FakeTransport } from '../testing/fake-transport';
import { resolveCharset } from './charset';
import { decompressIfGzip, parseTsvDocument, streamReportRows } from './document-stream';
import type { TsvRow } from './tsv-row-parser';

async function collect(stream: AsyncIterable<TsvRow>): Promise<TsvRow[]> {
  const rows: TsvRow[] = [];
  for await (const row of stream) rows.push(row);
  return rows;
}

/** Splits bytes into small chunks so multi-byte characters and lines straddle chunk borders. */
function chunked(bytes: Buffer, size = 7): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

const TSV = 'seller-sku\titem-name\tprice\tquantity\r\nSKU-1\tCafé crème\t12.50\t3\r\nSKU-2\tÜber-Tasse\t9.99\t\r\n';

describe('parseTsvDocument', () => {
  it('parses rows by header name across chunk borders, tolerating CRLF and missing trailing cells', async () => {
    const rows = await collect(await parseTsvDocument(chunked(Buffer.from(TSV, 'utf8')), { charset: 'utf-8' }));
    expect(rows).toEqual([
      { 'seller-sku': 'SKU-1', 'item-name': 'Café crème', price: '12.50', quantity: '3' },
      { 'seller-sku': 'SKU-2', 'item-name': 'Über-Tasse', price: '9.99', quantity: '' },
    ]);
  });

  it('decodes windows-1252 from the Content-Type charset (Cp1252 as Amazon spells it)', async () => {
    const bytes = iconv.encode(TSV, 'windows-1252');
    const rows = await collect(await parseTsvDocument(chunked(bytes), { contentType: 'text/plain;charset=Cp1252' }));
    expect(rows[0]?.['item-name']).toBe('Café crème');
    expect(rows[1]?.['item-name']).toBe('Über-Tasse');
  });

  it('decodes the windows-1252-only characters (0x80–0x9F: €, curly quotes) as well as Latin-1 ones', async () => {
    const text = 'sku\tname\nA\tPrice in € – “best” Café\nB\tplain ascii\nC\tÜber\n';
    const bytes = iconv.encode(text, 'windows-1252');
    const rows = await collect(await parseTsvDocument(chunked(bytes, 5), { contentType: 'text/plain;charset=Cp1252' }));
    expect(rows.map((r) => r['name'])).toEqual(['Price in € – “best” Café', 'plain ascii', 'Über']);
  });

  it('falls back to windows-1252 for NA/EU listings reports without a charset, windows-31j for JP', async () => {
    expect(resolveCharset('text/plain', { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', region: 'EU' })).toBe('windows-1252');
    expect(resolveCharset(undefined, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceId: 'A1VC38T7YXB528' })).toBe('windows-31j');
    expect(resolveCharset('text/plain; charset=UTF-8', { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA' })).toBe('utf-8');
    const bytes = iconv.encode('sku\tname\nJ1\t日本語の商品\n', 'windows-31j');
    const rows = await collect(await parseTsvDocument(chunked(bytes, 3), { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceId: 'A1VC38T7YXB528' }));
    expect(rows).toEqual([{ sku: 'J1', name: '日本語の商品' }]);
  });

  it('gunzips when the bytes start with 1f 8b, whatever the flag says, and passes plain bytes through', async () => {
    const gz = gzipSync(Buffer.from(TSV, 'utf8'));
    const fromGzip = await collect(await parseTsvDocument(chunked(gz, 1), { charset: 'utf-8' }));
    const fromPlain = await collect(await parseTsvDocument(chunked(Buffer.from(TSV)), { charset: 'utf-8' }));
    expect(fromGzip).toEqual(fromPlain);
    expect(fromGzip).toHaveLength(2);
  });

  it('handles empty documents and a header-only document', async () => {
    await expect(collect(await parseTsvDocument(Readable.from([]), { charset: 'utf-8' }))).resolves.toEqual([]);
    await expect(collect(await parseTsvDocument(Readable.from([Buffer.from('a\tb\n')]), { charset: 'utf-8' }))).resolves.toEqual([]);
  });

  it('ignores extra cells and strips a BOM from the header', async () => {
    const rows = await collect(await parseTsvDocument(Readable.from([Buffer.from('\uFEFFsku\tqty\nA\t1\textra\n')]), { charset: 'utf-8' }));
    expect(rows).toEqual([{ sku: 'A', qty: '1' }]);
  });

  it('applies backpressure: a paused consumer stops the source from being drained', async () => {
    let produced = 0;
    const total = 200_000;
    function* source(): Generator<Buffer> {
      yield Buffer.from('sku\tqty\n');
      for (let i = 0; i < total; i += 1000) {
        let chunk = '';
        for (let j = i; j < i + 1000; j++) chunk += `SKU-${j}\t${j}\n`;
        produced += 1000;
        yield Buffer.from(chunk);
      }
    }
    const rows = await parseTsvDocument(Readable.from(source(), { objectMode: false }), { charset: 'utf-8' });
    const iterator = rows[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((r) => setTimeout(r, 50));
    expect(produced).toBeLessThan(total / 4);
    let count = 1;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) count++;
    expect(count).toBe(total);
  });

  it('propagates a corrupt gzip stream as an error instead of ending silently', async () => {
    const gz = gzipSync(Buffer.from(TSV));
    const broken = Buffer.concat([gz.subarray(0, 12), Buffer.from('garbage-garbage-garbage')]);
    await expect(collect(await parseTsvDocument(Readable.from([broken]), { charset: 'utf-8' }))).rejects.toThrow();
  });
});

describe('decompressIfGzip', () => {
  it('recognises gzip split across one-byte chunks', async () => {
    const out = await decompressIfGzip(chunked(gzipSync(Buffer.from('hello')), 1));
    const chunks: Buffer[] = [];
    for await (const c of out) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello');
  });
});

describe('streamReportRows', () => {
  it('downloads without SP-API headers and uses the response Content-Type charset', async () => {
    const transport = new FakeTransport(() => ({
      status: 200,
      headers: { 'content-type': 'text/plain;charset=windows-1252' },
      body: gzipSync(iconv.encode(TSV, 'windows-1252')),
    }));
    const rows = await collect(await streamReportRows(transport, 'https://s3.test/doc?X-Amz-Signature=abc', { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA' }));
    expect(rows[0]?.['item-name']).toBe('Café crème');
    expect(transport.requests[0]?.headers['x-amz-access-token']).toBeUndefined();
  });

  it('fails with the URL redacted when the document is gone', async () => {
    const transport = new FakeTransport(() => ({ status: 403, body: '<Error>Request has expired</Error>' }));
    const error = await streamReportRows(transport, 'https://s3.test/doc?X-Amz-Signature=abc').catch((e: unknown) => e);
    expect(String(error)).toContain('https://s3.test/doc?<redacted>');
    expect(String(error)).not.toContain('abc');
  });
});
