import { gunzipSync } from 'node:zlib';
import { decode } from 'iconv-lite';
import { SandboxHarness, op } from '../testing/sandbox-harness';
import { MERCHANT_LISTINGS_COLUMNS } from './merchant-listings-report';

const createReport = op('createReport');
const getReport = op('getReport');
const getReports = op('getReports');
const cancelReport = op('cancelReport');
const getReportDocument = op('getReportDocument');

type Report = { reportId: string; processingStatus: string; reportDocumentId?: string; processingStartTime?: string; processingEndTime?: string };
type Doc = { reportDocumentId: string; url: string; compressionAlgorithm?: string };

describe('Reports 2021-06-30 and the GET_MERCHANT_LISTINGS_ALL_DATA document', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await SandboxHarness.start({ demoListingCount: 60 });
  });
  afterAll(async () => h.stop('reports'));

  async function requestReport(marketplaceIds = ['ATVPDKIKX0DER'], token?: string): Promise<string> {
    const res = await h.call<{ reportId: string }>(createReport, { body: { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds }, token });
    expect(res.status).toBe(202);
    return res.json.reportId;
  }

  async function download(doc: Doc): Promise<{ text: string; contentType: string | null; raw: Buffer }> {
    const res = await fetch(doc.url);
    expect(res.status).toBe(200);
    const raw = Buffer.from(await res.arrayBuffer());
    const bytes = doc.compressionAlgorithm === 'GZIP' ? gunzipSync(raw) : raw;
    return { text: decode(bytes, 'windows-1252'), contentType: res.headers.get('content-type'), raw };
  }

  it('moves IN_QUEUE → IN_PROGRESS → DONE on the sandbox clock and serves a windows-1252 TSV with the 29 real columns', async () => {
    const reportId = await requestReport();
    expect((await h.call<Report>(getReport, { params: { reportId } })).json.processingStatus).toBe('IN_QUEUE');
    await h.advance(1.5);
    const inProgress = (await h.call<Report>(getReport, { params: { reportId } })).json;
    expect(inProgress.processingStatus).toBe('IN_PROGRESS');
    expect(inProgress.reportDocumentId).toBeUndefined();
    await h.advance(2);
    const done = (await h.call<Report>(getReport, { params: { reportId } })).json;
    expect(done).toMatchObject({ processingStatus: 'DONE', processingStartTime: expect.any(String), processingEndTime: expect.any(String) });

    const doc = (await h.call<Doc>(getReportDocument, { params: { reportDocumentId: done.reportDocumentId as string } })).json;
    expect(doc.compressionAlgorithm).toBeUndefined();
    const { text, contentType, raw } = await download(doc);
    expect(contentType).toBe('text/plain;charset=Cp1252');
    const lines = text.split('\n').filter((l) => l.length > 0);
    expect(lines[0]?.split('\t')).toEqual([...MERCHANT_LISTINGS_COLUMNS]);
    expect(lines).toHaveLength(61);
    for (const line of lines) expect(line.split('\t')).toHaveLength(29);
    const header = lines[0]?.split('\t') ?? [];
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [header[i], v])));
    expect(rows[0]).toMatchObject({ 'seller-sku': 'SKU-0000001', 'fulfillment-channel': 'DEFAULT', status: 'Active' });
    expect(rows.some((r) => r['fulfillment-channel'] === 'AMAZON_NA' && r['quantity'] === '')).toBe(true);
    // "–" exists in windows-1252 (0x96); Polish "Ł" does not and arrives as "?", as Amazon's files do.
    expect(raw.includes(Buffer.from([0x96]))).toBe(true);
    expect(text).toContain('–');
    expect(text).not.toContain('Ł');
    expect(text).toMatch(/\?\S*d\S* Heritage/);
  });

  it('serves large reports GZIP-compressed and expires document URLs after five minutes', async () => {
    const big = await h.admin<{ refreshToken: string }>('POST', '/sellers', {
      sellingPartnerId: 'A3BIGSELLER001',
      region: 'NA',
      marketplaceIds: ['ATVPDKIKX0DER'],
      listingCount: 12_000,
      orderCount: 0,
    });
    const token = await h.accessToken(big.json.refreshToken);
    const reportId = await requestReport(['ATVPDKIKX0DER'], token);
    await h.advance(4);
    const report = (await h.call<Report>(getReport, { params: { reportId }, token })).json;
    const doc = (await h.call<Doc>(getReportDocument, { params: { reportDocumentId: report.reportDocumentId as string }, token })).json;
    expect(doc.compressionAlgorithm).toBe('GZIP');
    const { text, raw } = await download(doc);
    expect(raw.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(text.split('\n').filter((l) => l.length > 0)).toHaveLength(12_001);
    await h.advance(301);
    const expired = await fetch(doc.url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
    // Tampering with the signature is refused as well.
    expect((await fetch(doc.url.replace(/Signature=[^&]+/, 'Signature=abc'))).status).toBe(403);
  });

  it('reflects listing changes made before the request, and only those', async () => {
    const put = await h.call<{ status: string }>(op('putListingsItem'), {
      params: { sellerId: 'A1DEMOSELLER00', sku: 'NEW-SKU-1' },
      query: { marketplaceIds: 'ATVPDKIKX0DER' },
      body: {
        productType: 'PRODUCT',
        requirements: 'LISTING_OFFER_ONLY',
        attributes: {
          merchant_suggested_asin: [{ value: 'B000000001', marketplace_id: 'ATVPDKIKX0DER' }],
          condition_type: [{ value: 'new_new' }],
          purchasable_offer: [{ marketplace_id: 'ATVPDKIKX0DER', currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 12.5 }] }] }],
          fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 4, lead_time_to_ship_max_days: 2 }],
        },
      },
    });
    expect(put.json.status).toBe('ACCEPTED');
    const reportId = await requestReport();
    await h.advance(4);
    const report = (await h.call<Report>(getReport, { params: { reportId } })).json;
    const doc = (await h.call<Doc>(getReportDocument, { params: { reportDocumentId: report.reportDocumentId as string } })).json;
    // A change after the request does not leak into the report (it is a snapshot).
    await h.call(op('deleteListingsItem'), { params: { sellerId: 'A1DEMOSELLER00', sku: 'NEW-SKU-1' }, query: { marketplaceIds: 'ATVPDKIKX0DER' } });
    const row = (await download(doc)).text.split('\n').find((l) => l.includes('\tNEW-SKU-1\t'));
    expect(row?.split('\t').slice(3, 6)).toEqual(['NEW-SKU-1', '12.50', '4']);
  });

  it('ends FATAL on demand, CANCELLED when cancelled in the queue, and refuses to cancel a finished report', async () => {
    await h.admin('POST', '/faults', { reportFatal: true });
    const fatalId = await requestReport();
    await h.admin('DELETE', '/faults');
    await h.advance(4);
    expect((await h.call<Report>(getReport, { params: { reportId: fatalId } })).json.processingStatus).toBe('FATAL');

    const queuedId = await requestReport();
    expect((await h.call(cancelReport, { params: { reportId: queuedId } })).status).toBe(200);
    expect((await h.call<Report>(getReport, { params: { reportId: queuedId } })).json.processingStatus).toBe('CANCELLED');
    await h.advance(4);
    expect((await h.call<Report>(getReport, { params: { reportId: queuedId } })).json.processingStatus).toBe('CANCELLED');
    expect((await h.call(cancelReport, { params: { reportId: fatalId } })).status).toBe(400);
  });

  it('lists reports by type and status with nextToken paging, and rejects unknown report types and statuses', async () => {
    const first = await h.call<{ reports: Report[]; nextToken?: string }>(getReports, {
      query: { reportTypes: 'GET_MERCHANT_LISTINGS_ALL_DATA', pageSize: 2 },
    });
    expect(first.status).toBe(200);
    expect(first.json.reports).toHaveLength(2);
    const second = await h.call<{ reports: Report[] }>(getReports, { query: { nextToken: first.json.nextToken as string } });
    expect(second.json.reports.map((r) => r.reportId)).not.toContain(first.json.reports[0]?.reportId);
    const done = await h.call<{ reports: Report[] }>(getReports, {
      query: { reportTypes: 'GET_MERCHANT_LISTINGS_ALL_DATA', processingStatuses: 'DONE', pageSize: 100 },
    });
    expect(done.json.reports.every((r) => r.processingStatus === 'DONE')).toBe(true);
    expect((await h.call(getReports, { query: { processingStatuses: 'BAD_VALUE' } })).status).toBe(400);
    expect((await h.call(createReport, { body: { reportType: 'BAD_FEE_DISCOUNTS_REPORT', marketplaceIds: ['ATVPDKIKX0DER'] } })).status).toBe(400);
    expect((await h.call(getReport, { params: { reportId: '123' } })).status).toBe(404);
  });
});
