import { SandboxHarness, op } from '../testing/sandbox-harness';
import { checkProcessingReport } from '../testing/feed-report-schema';

const createFeedDocument = op('createFeedDocument');
const createFeed = op('createFeed');
const getFeed = op('getFeed');
const getFeeds = op('getFeeds');
const cancelFeed = op('cancelFeed');
const getFeedDocument = op('getFeedDocument');

const SELLER = 'A1DEMOSELLER00';
const JSON_TYPE = 'application/json; charset=UTF-8';

type Feed = { feedId: string; processingStatus: string; resultFeedDocumentId?: string };
type ProcessingReport = {
  header: { feedId: string };
  issues: Array<{ messageId?: number; sku?: string; severity: string; message: string; code?: string }>;
  summary: { errors: number; warnings: number; messagesProcessed: number; messagesAccepted: number; messagesInvalid: number };
  items?: Array<{ sku: string }>;
};

describe('Feeds 2021-06-30 with JSON_LISTINGS_FEED processing', () => {
  let h: SandboxHarness;
  let reportChecks = 0;
  beforeAll(async () => {
    h = await SandboxHarness.start();
  });
  afterAll(async () => {
    if (h.contract) h.contract.checks += reportChecks;
    await h.stop('feeds');
  });
  beforeEach(async () => {
    await h.admin('DELETE', '/faults');
    await h.advance(240); // createFeed refills slowly (one per 2 minutes): keep each test inside the plan
  });

  async function submit(content: string, feedType = 'JSON_LISTINGS_FEED', contentType = JSON_TYPE): Promise<string> {
    const doc = await h.call<{ feedDocumentId: string; url: string }>(createFeedDocument, { body: { contentType } });
    expect(doc.status).toBe(201);
    const upload = await fetch(doc.json.url, { method: 'PUT', headers: { 'content-type': contentType }, body: content });
    expect(upload.status).toBe(200);
    const feed = await h.call<{ feedId: string }>(createFeed, {
      body: { feedType, marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: doc.json.feedDocumentId },
    });
    expect(feed.status).toBe(202);
    return feed.json.feedId;
  }

  async function finish(feedId: string): Promise<{ feed: Feed; report: ProcessingReport }> {
    await h.advance(4);
    const feed = (await h.call<Feed>(getFeed, { params: { feedId } })).json;
    const doc = await h.call<{ url: string }>(getFeedDocument, { params: { feedDocumentId: feed.resultFeedDocumentId as string } });
    const report = (await (await fetch(doc.json.url)).json()) as ProcessingReport;
    reportChecks += checkProcessingReport(report);
    return { feed, report };
  }

  const offer = (sku: string, messageId: number, price: number, quantity: number) => ({
    messageId,
    sku,
    operationType: 'PATCH',
    productType: 'PRODUCT',
    patches: [
      {
        op: 'replace',
        path: '/attributes/purchasable_offer',
        value: [{ marketplace_id: 'ATVPDKIKX0DER', currency: 'USD', our_price: [{ schedule: [{ value_with_tax: price }] }] }],
      },
      {
        op: 'replace',
        path: '/attributes/fulfillment_availability',
        value: [{ fulfillment_channel_code: 'DEFAULT', quantity, lead_time_to_ship_max_days: 5 }],
      },
    ],
  });

  it('applies accepted messages, reports per-message issues and ends DONE (not FATAL) with a schema-valid processing report', async () => {
    const document = {
      header: { sellerId: SELLER, version: '2.0', issueLocale: 'en_US', report: { includedData: ['offers'], apiVersion: '2021-08-01' } },
      messages: [
        offer('SKU-0000001', 1, 21.5, 9),
        offer('NO-SUCH-SKU', 2, 5, 1),
        { messageId: 3, sku: 'SKU-0000002', operationType: 'PATCH', productType: 'PRODUCT', attributes: {} },
        { messageId: 4, sku: 'SKU-0000003', operationType: 'DELETE' },
      ],
    };
    const feedId = await submit(JSON.stringify(document));
    expect((await h.call<Feed>(getFeed, { params: { feedId } })).json.processingStatus).toBe('IN_QUEUE');
    const { feed, report } = await finish(feedId);
    expect(feed.processingStatus).toBe('DONE');
    expect(report.header.feedId).toBe(feedId);
    // A PATCH of a SKU the seller does not have is accepted and changes nothing (Amazon: models#4402).
    expect(report.summary).toMatchObject({ messagesProcessed: 4, messagesAccepted: 3, messagesInvalid: 1 });
    expect(report.issues.map((i) => [i.messageId, i.severity])).toEqual([[3, 'ERROR']]);
    expect((await h.admin('GET', `/sellers/${SELLER}/listings/NO-SUCH-SKU`)).status).toBe(404);
    // The deleted SKU has no listing left to embed.
    expect(report.items?.map((i) => i.sku)).toEqual(['SKU-0000001']);
    const listing = await h.admin<{ priceMinor: number; quantity: number; handlingDays: number }>('GET', `/sellers/${SELLER}/listings/SKU-0000001`);
    expect(listing.json).toMatchObject({ priceMinor: 2150, quantity: 9, handlingDays: 5 });
    expect((await h.admin('GET', `/sellers/${SELLER}/listings/SKU-0000003`)).status).toBe(404);
  });

  it('makes a malformed document, a wrong seller and a retired feed type FATAL with a report saying why', async () => {
    const broken = await finish(await submit('{"header": {"sellerId": '));
    expect(broken.feed.processingStatus).toBe('FATAL');
    expect(broken.report.issues[0]?.message).toMatch(/not valid JSON/);
    const wrongSeller = await finish(
      await submit(JSON.stringify({ header: { sellerId: 'AOTHER', version: '2.0' }, messages: [offer('SKU-0000001', 1, 1, 1)] })),
    );
    expect(wrongSeller.feed.processingStatus).toBe('FATAL');
    expect(wrongSeller.report.issues[0]?.message).toMatch(/sellerId/);
    const noMessages = await finish(await submit(JSON.stringify({ header: { sellerId: SELLER, version: '2.0' }, messages: [] })));
    expect(noMessages.feed.processingStatus).toBe('FATAL');
    const retired = await finish(await submit('<AmazonEnvelope/>', 'POST_PRODUCT_DATA', 'text/xml; charset=UTF-8'));
    expect(retired.feed.processingStatus).toBe('FATAL');
    expect(retired.report.issues[0]?.message).toMatch(/no longer supported/);
  });

  it('injects FATAL feeds and per-SKU message errors on demand', async () => {
    await h.admin('POST', '/faults', { feedErrorSkus: ['SKU-0000004'] });
    const doc = { header: { sellerId: SELLER, version: '2.0' }, messages: [offer('SKU-0000004', 1, 9, 9), offer('SKU-0000005', 2, 9, 9)] };
    const partial = await finish(await submit(JSON.stringify(doc)));
    expect(partial.feed.processingStatus).toBe('DONE');
    expect(partial.report.issues.map((i) => i.sku)).toEqual(['SKU-0000004']);
    await h.admin('POST', '/faults', { feedFatal: true, feedErrorSkus: [] });
    expect((await finish(await submit(JSON.stringify(doc)))).feed.processingStatus).toBe('FATAL');
  });

  it('limits JSON_LISTINGS_FEED to five submissions per five minutes on top of the createFeed plan', async () => {
    await h.advance(600);
    const doc = await h.call<{ feedDocumentId: string }>(createFeedDocument, { body: { contentType: JSON_TYPE } });
    const create = () =>
      h.call<{ errors?: Array<{ code: string }> }>(createFeed, {
        body: { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: doc.json.feedDocumentId },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await create()).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    await h.advance(61);
    expect((await create()).status).toBe(202);
  });

  it('refuses uploads with another content type than declared, cancels queued feeds and lists feeds', async () => {
    const doc = await h.call<{ feedDocumentId: string; url: string }>(createFeedDocument, { body: { contentType: JSON_TYPE } });
    expect((await fetch(doc.json.url, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: '{}' })).status).toBe(403);
    expect((await h.call(createFeedDocument, { body: {} })).status).toBe(400);
    const feedId = await submit(JSON.stringify({ header: { sellerId: SELLER, version: '2.0' }, messages: [offer('SKU-0000006', 1, 3, 3)] }));
    expect((await h.call(cancelFeed, { params: { feedId } })).status).toBe(200);
    await h.advance(4);
    expect((await h.call<Feed>(getFeed, { params: { feedId } })).json.processingStatus).toBe('CANCELLED');
    expect((await h.admin<{ priceMinor: number }>('GET', `/sellers/${SELLER}/listings/SKU-0000006`)).json.priceMinor).not.toBe(300);
    const list = await h.call<{ feeds: Feed[] }>(getFeeds, { query: { feedTypes: 'JSON_LISTINGS_FEED', processingStatuses: 'CANCELLED' } });
    expect(list.json.feeds.map((f) => f.feedId)).toEqual([feedId]);
    expect((await h.call(getFeed, { params: { feedId: 'badFeedId1' } })).status).toBe(404);
  });
});
