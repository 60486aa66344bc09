import { gzipSync } from 'node:zlib';
import { SpApiClient } from '../client/sp-api-client';
import { InMemoryRateLimitStore } from '../rate-limit/in-memory-rate-limit-store';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { FakeTransport } from '../testing/fake-transport';
import { VirtualClock } from '../testing/virtual-clock';
import type { ListingsFeedProcessingReport } from './processing-report';
import { toFeedResults } from './processing-report';

const REPORT: ListingsFeedProcessingReport = {
  header: { sellerId: 'A1', version: '2.0', feedId: 'F1' },
  issues: [
    { messageId: 2, sku: 'SKU-2', code: '90220', severity: 'ERROR', message: "'[batteries_required]' is required but not supplied." },
    { messageId: 2, sku: 'SKU-2', code: '18027', severity: 'WARNING', message: 'image too small' },
    { messageId: 3, sku: 'SKU-3', code: '99300', severity: 'WARNING', message: 'deprecated attribute' },
    { code: '50001', severity: 'ERROR', message: 'Feed header invalid' },
  ],
  summary: { errors: 2, warnings: 2, messagesProcessed: 3, messagesAccepted: 2, messagesInvalid: 1 },
};

describe('toFeedResults', () => {
  it('gives every submitted message a status with its issues, and keeps feed-level issues apart', () => {
    const results = toFeedResults(REPORT, [
      { messageId: 1, sku: 'SKU-1' },
      { messageId: 2, sku: 'SKU-2' },
      { messageId: 3, sku: 'SKU-3' },
    ]);
    expect(results.feedId).toBe('F1');
    expect(results.messages.map((m) => [m.messageId, m.sku, m.status, m.issues.length])).toEqual([
      [1, 'SKU-1', 'ACCEPTED', 0],
      [2, 'SKU-2', 'INVALID', 2],
      [3, 'SKU-3', 'ACCEPTED', 1],
    ]);
    expect(results.feedIssues.map((i) => i.code)).toEqual(['50001']);
  });

  it('without the submitted list, reports the messages that have issues', () => {
    expect(toFeedResults(REPORT).messages.map((m) => m.messageId)).toEqual([2, 3]);
  });
});

describe('FeedsApi.submitAndWait', () => {
  it('declares and uploads with the same content type, polls, and parses the gzipped report', async () => {
    const clock = new VirtualClock();
    let polls = 0;
    const transport = new FakeTransport((req) => {
      const url = new URL(req.url);
      if (req.method === 'POST' && url.pathname === '/feeds/2021-06-30/documents')
        return { status: 201, body: { feedDocumentId: 'D-in', url: 'https://s3.test/upload?sig=1' } };
      if (req.method === 'PUT' && url.host === 's3.test') return { status: 200 };
      if (req.method === 'POST' && url.pathname === '/feeds/2021-06-30/feeds') return { status: 202, body: { feedId: 'F1' } };
      if (url.pathname === '/feeds/2021-06-30/feeds/F1') {
        polls++;
        return {
          status: 200,
          body: {
            feedId: 'F1',
            feedType: 'JSON_LISTINGS_FEED',
            createdTime: 'x',
            processingStatus: polls < 3 ? 'IN_PROGRESS' : 'DONE',
            resultFeedDocumentId: polls < 3 ? undefined : 'D-out',
          },
        };
      }
      if (url.pathname === '/feeds/2021-06-30/documents/D-out')
        return { status: 200, body: { feedDocumentId: 'D-out', url: 'https://s3.test/result?sig=2', compressionAlgorithm: 'GZIP' } };
      if (url.host === 's3.test' && url.pathname === '/result')
        return { status: 200, headers: { 'content-type': 'application/json' }, body: gzipSync(JSON.stringify(REPORT)) };
      return { status: 404 };
    });
    const client = new SpApiClient({
      region: 'NA',
      sellingPartnerId: 'A1',
      accessTokens: { getAccessToken: () => Promise.resolve('Atza|t'), invalidate: () => undefined },
      baseUrl: 'https://sp.test',
      transport,
      clock,
      rateLimiter: new RateLimiter(new InMemoryRateLimitStore(() => clock.now()), { clock }),
    });
    const doc = JSON.stringify({ header: { sellerId: 'A1', version: '2.0' }, messages: [] });
    const outcome = await client.feeds.submitAndWait({ feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['ATVPDKIKX0DER'], content: doc }, [
      { messageId: 2, sku: 'SKU-2' },
    ]);
    expect(outcome.feed.processingStatus).toBe('DONE');
    expect(outcome.results?.messages[0]).toMatchObject({ messageId: 2, status: 'INVALID' });
    const declared = JSON.parse(transport.requests[0]?.body ?? '{}') as { contentType: string };
    const upload = transport.requests.find((r) => r.method === 'PUT');
    expect(upload?.headers['content-type']).toBe(declared.contentType);
    expect(upload?.headers['content-length']).toBe(String(Buffer.byteLength(doc)));
    expect(upload?.headers['x-amz-access-token']).toBeUndefined();
    expect(upload?.body).toBe(doc);
    expect(JSON.parse(transport.requests[2]?.body ?? '{}')).toEqual({
      feedType: 'JSON_LISTINGS_FEED',
      marketplaceIds: ['ATVPDKIKX0DER'],
      inputFeedDocumentId: 'D-in',
    });
  });
});
