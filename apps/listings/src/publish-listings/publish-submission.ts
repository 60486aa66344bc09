import type { SellerAccount } from '@amazon-channel/platform-amazon';
import { JSON_FEED_CONTENT_TYPE, type FeedResults, type ListingsItem, type ListingsItemPutRequest, type SpApiClient } from '@amazon-channel/sp-api';
import { judgeLanding, judgeSubmission, type LandingVerdict, type SubmissionVerdict } from './domain/amazon-verdict';
import { FALLBACK_PRODUCT_TYPE } from './domain/asin-resolution';
import type { OfferFeedMessage } from './domain/offer-body';
import type { PublishWarning } from './domain/publish-errors';
import type { PublishCallCounts } from './publish-lookups';

/** What one putListingsItem (preview or write) ended with, after the PRODUCT retry when the type was refused. */
export interface PutOutcome {
  verdict: SubmissionVerdict;
  productType: string;
  submissionId: string | null;
}

/** Read-backs confirm landing 20 SKUs a call (searchListingsItems by SKU). */
export const LANDING_BATCH = 20;

/**
 * Sends one offer with putListingsItem (`mode=VALIDATION_PREVIEW` for previews). When Amazon
 * refuses the catalog's product type, the same offer goes once more as PRODUCT (write-path.md §A.1
 * step 3), and a warning says so.
 */
export async function putOffer(
  client: SpApiClient,
  account: SellerAccount,
  sku: string,
  body: ListingsItemPutRequest,
  preview: boolean,
  calls: PublishCallCounts,
  signal?: AbortSignal,
): Promise<PutOutcome> {
  const send = async (productType: string) => {
    calls.put_calls++;
    const { data } = await client.listings.putListingsItem(
      account.sellingPartnerId,
      sku,
      account.marketplaceId,
      { ...body, productType },
      { ...(preview ? { mode: 'VALIDATION_PREVIEW' as const } : {}), includedData: ['issues', 'identifiers'], issueLocale: 'en_US' },
      { signal },
    );
    return { verdict: judgeSubmission(data.status, data.issues), productType, submissionId: data.submissionId ?? null };
  };
  const first = await send(body.productType);
  if (first.verdict.kind !== 'INVALID' || !first.verdict.productTypeRejected || body.productType === FALLBACK_PRODUCT_TYPE) return first;
  const retry = await send(FALLBACK_PRODUCT_TYPE);
  const note: PublishWarning = {
    code: 'PRODUCT_TYPE_FALLBACK',
    field: 'product_type',
    message: `Amazon refused the catalog's product type ${body.productType} for this offer; it was sent as ${FALLBACK_PRODUCT_TYPE}`,
  };
  return { ...retry, verdict: { ...retry.verdict, warnings: [note, ...retry.verdict.warnings] } as SubmissionVerdict };
}

/** Submits offer messages as one JSON_LISTINGS_FEED; returns the feed id (persist it before waiting). */
export async function submitOfferFeed(
  client: SpApiClient,
  account: SellerAccount,
  messages: OfferFeedMessage[],
  calls: PublishCallCounts,
  signal?: AbortSignal,
): Promise<string> {
  const content = JSON.stringify({
    header: { sellerId: account.sellingPartnerId, version: '2.0', issueLocale: 'en_US' },
    messages,
  });
  calls.feeds++;
  const { feedId } = await client.feeds.submitFeed(
    { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [account.marketplaceId], content, contentType: JSON_FEED_CONTENT_TYPE },
    { signal },
  );
  return feedId;
}

/** Waits for a feed and reads its processing report; a feed that ends without one fails every message with the feed's status. */
export async function awaitOfferFeed(
  client: SpApiClient,
  feedId: string,
  submitted: Array<{ messageId: number; sku: string }>,
  pollMs: number,
  signal?: AbortSignal,
): Promise<{ status: string; results: FeedResults | null }> {
  const feed = await client.feeds.waitForFeed(feedId, { initialDelayMs: pollMs, maxDelayMs: Math.max(pollMs, 30_000), signal }, { signal });
  if (!feed.resultFeedDocumentId) return { status: feed.processingStatus, results: null };
  return { status: feed.processingStatus, results: await client.feeds.getProcessingReport(feed.resultFeedDocumentId, submitted, { signal }) };
}

/**
 * Landing confirmation (until sync's shared read-back is available here): reads the SKUs back with
 * searchListingsItems, 20 per call, and judges each (LIVE, FAILED with Amazon's issues that arrived
 * after acceptance, or still PENDING).
 */
export async function readBackLanding(
  client: SpApiClient,
  account: SellerAccount,
  skus: string[],
  calls: PublishCallCounts,
  signal?: AbortSignal,
): Promise<Map<string, LandingVerdict>> {
  const out = new Map<string, LandingVerdict>();
  for (let i = 0; i < skus.length; i += LANDING_BATCH) {
    const chunk = skus.slice(i, i + LANDING_BATCH);
    calls.landing_calls++;
    const { data } = await client.listings.searchListingsItems(
      account.sellingPartnerId,
      {
        marketplaceIds: [account.marketplaceId],
        identifiers: chunk,
        identifiersType: 'SKU',
        includedData: ['summaries', 'issues'],
        pageSize: 20,
        issueLocale: 'en_US',
      },
      { signal },
    );
    const found = new Map<string, ListingsItem>(data.items.map((item) => [item.sku, item]));
    for (const sku of chunk) out.set(sku, judgeLanding(found.get(sku) ?? null, account.marketplaceId));
  }
  return out;
}
