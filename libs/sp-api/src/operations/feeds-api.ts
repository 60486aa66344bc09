import type { CallOptions, ExtraBucket, SpApiHttpClient, SpApiResponse } from '../client/sp-api-http-client';
import type { QueryValue } from '../client/request-builder';
import { buildRequest } from '../client/request-builder';
import { paginate } from '../client/paginate';
import type { PollOptions } from '../client/poll';
import { pollUntil } from '../client/poll';
import { SpApiError, SpApiErrorCode } from '../errors/sp-api-error';
import type { FeedContent } from '../feeds/feed-upload';
import { uploadFeedDocument } from '../feeds/feed-upload';
import type { FeedResults, ListingsFeedProcessingReport } from '../feeds/processing-report';
import { toFeedResults } from '../feeds/processing-report';
import { FEED_TYPE_PLANS } from '../rate-limit/usage-plans';
import { downloadDocument, readDocumentText } from '../reports/document-stream';

/** Feed processing states. */
export type FeedProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';

/** `createFeed` body. */
export interface CreateFeedSpecification {
  feedType: string;
  marketplaceIds: string[];
  inputFeedDocumentId: string;
  feedOptions?: Record<string, string>;
}

/** A feed's status record. */
export interface Feed {
  feedId: string;
  feedType: string;
  marketplaceIds?: string[];
  createdTime: string;
  processingStatus: FeedProcessingStatus;
  processingStartTime?: string;
  processingEndTime?: string;
  resultFeedDocumentId?: string;
}

/** Upload slot from createFeedDocument (URL valid ~5 minutes; a credential). */
export interface CreateFeedDocumentResponse {
  feedDocumentId: string;
  url: string;
}

/** Where to download a feed document. */
export interface FeedDocument {
  feedDocumentId: string;
  url: string;
  compressionAlgorithm?: 'GZIP';
}

/** `getFeeds` query. */
export interface GetFeedsParams {
  feedTypes?: string[];
  marketplaceIds?: string[];
  pageSize?: number;
  processingStatuses?: FeedProcessingStatus[];
  createdSince?: string;
  createdUntil?: string;
  nextToken?: string;
}

/** Content type Amazon expects for JSON_LISTINGS_FEED documents. */
export const JSON_FEED_CONTENT_TYPE = 'application/json; charset=UTF-8';

/** Input of {@link FeedsApi.submitFeed}. */
export interface SubmitFeedInput {
  feedType: string;
  marketplaceIds: string[];
  content: FeedContent;
  /** Exact content type declared and uploaded. Default {@link JSON_FEED_CONTENT_TYPE}. */
  contentType?: string;
  feedOptions?: Record<string, string>;
}

/** Result of {@link FeedsApi.submitAndWait}. */
export interface FeedOutcome {
  feed: Feed;
  /** Parsed per-message results when the feed produced a JSON processing report. */
  results?: FeedResults;
}

/** Feeds API 2021-06-30 plus the document → upload → create → poll → results workflow. */
export class FeedsApi {
  constructor(private readonly http: SpApiHttpClient) {}

  /** Reserves an upload slot for a document of `contentType`. */
  createFeedDocument(contentType: string, options?: CallOptions): Promise<SpApiResponse<CreateFeedDocumentResponse>> {
    return this.http.execute(buildRequest('feeds.createFeedDocument', {}, {}, { contentType }), options);
  }

  /**
   * Creates a feed (≈1 per 2 min; JSON_LISTINGS_FEED additionally 5 per 5 min per region, which
   * this client also queues for).
   */
  createFeed(body: CreateFeedSpecification, options?: CallOptions): Promise<SpApiResponse<{ feedId: string }>> {
    const typePlan = FEED_TYPE_PLANS[body.feedType];
    const extra: ExtraBucket[] = typePlan ? [{ name: `feedType:${body.feedType}`, plan: typePlan }] : [];
    return this.http.execute(buildRequest('feeds.createFeed', {}, {}, body), options, extra);
  }

  /** A feed's status. */
  getFeed(feedId: string, options?: CallOptions): Promise<SpApiResponse<Feed>> {
    return this.http.execute(buildRequest('feeds.getFeed', { feedId }), options);
  }

  /** Cancels a feed that is still IN_QUEUE. */
  cancelFeed(feedId: string, options?: CallOptions): Promise<SpApiResponse<void>> {
    return this.http.execute(buildRequest('feeds.cancelFeed', { feedId }), options);
  }

  /** One page of feeds. */
  getFeeds(params: GetFeedsParams, options?: CallOptions): Promise<SpApiResponse<{ feeds: Feed[]; nextToken?: string }>> {
    return this.http.execute(buildRequest('feeds.getFeeds', {}, params as unknown as Record<string, QueryValue>), options);
  }

  /** Every page of feeds (`nextToken` alone, as the model requires). */
  getFeedsPages(params: GetFeedsParams, options?: CallOptions): AsyncGenerator<SpApiResponse<{ feeds: Feed[]; nextToken?: string }>> {
    return paginate(params, {
      tokenParam: 'nextToken',
      style: 'token-only',
      nextToken: (page) => page.nextToken,
      fetch: (p) => this.getFeeds(p, options),
    });
  }

  /** Location of a feed document (e.g. a processing report). */
  getFeedDocument(
    feedDocumentId: string,
    query: { enableContentEncodingUrlHeader?: boolean } = {},
    options?: CallOptions,
  ): Promise<SpApiResponse<FeedDocument>> {
    return this.http.execute(buildRequest('feeds.getFeedDocument', { feedDocumentId }, query), options);
  }

  /** Streams feed content to a pre-signed upload URL with the exact content type. */
  uploadFeedDocument(url: string, contentType: string, content: FeedContent, signal?: AbortSignal): Promise<void> {
    return uploadFeedDocument(this.http.transport, url, contentType, content, signal);
  }

  /** createFeedDocument → upload → createFeed; returns the feed id (persist it before polling). */
  async submitFeed(input: SubmitFeedInput, options?: CallOptions): Promise<{ feedId: string; feedDocumentId: string }> {
    const contentType = input.contentType ?? JSON_FEED_CONTENT_TYPE;
    const { data: doc } = await this.createFeedDocument(contentType, options);
    await this.uploadFeedDocument(doc.url, contentType, input.content, options?.signal);
    const { data } = await this.createFeed(
      {
        feedType: input.feedType,
        marketplaceIds: input.marketplaceIds,
        inputFeedDocumentId: doc.feedDocumentId,
        ...(input.feedOptions ? { feedOptions: input.feedOptions } : {}),
      },
      options,
    );
    return { feedId: data.feedId, feedDocumentId: doc.feedDocumentId };
  }

  /** Polls until DONE, CANCELLED or FATAL (terminal states are returned, not thrown). */
  waitForFeed(feedId: string, poll: PollOptions = {}, options?: CallOptions): Promise<Feed> {
    return pollUntil(
      async () => {
        const { data } = await this.getFeed(feedId, options);
        switch (data.processingStatus) {
          case 'DONE':
          case 'CANCELLED':
          case 'FATAL':
            return data;
          case 'IN_QUEUE':
          case 'IN_PROGRESS':
            return undefined;
        }
      },
      this.http.clock,
      SpApiErrorCode.FeedFailed,
      `feed ${feedId}`,
      { ...poll, signal: poll.signal ?? options?.signal },
    );
  }

  /** Downloads and parses a JSON processing report into per-message results. */
  async getProcessingReport(
    resultFeedDocumentId: string,
    submitted?: readonly { messageId: number; sku: string }[],
    options?: CallOptions,
  ): Promise<FeedResults> {
    const { data: doc } = await this.getFeedDocument(resultFeedDocumentId, {}, options);
    const download = await downloadDocument(this.http.transport, doc.url, options?.signal);
    const text = await readDocumentText(download.body, download.contentType, 'utf-8');
    let report: ListingsFeedProcessingReport;
    try {
      report = JSON.parse(text) as ListingsFeedProcessingReport;
    } catch (err) {
      throw new SpApiError({
        code: SpApiErrorCode.InvalidResponse,
        message: `Processing report ${resultFeedDocumentId} is not JSON`,
        operation: 'feeds.getFeedDocument',
        cause: err,
      });
    }
    return toFeedResults(report, submitted);
  }

  /**
   * submitFeed → poll → processing report. `submitted` (messageId + sku of every message) lets
   * messages without issues be reported as ACCEPTED.
   */
  async submitAndWait(
    input: SubmitFeedInput,
    submitted?: readonly { messageId: number; sku: string }[],
    poll?: PollOptions,
    options?: CallOptions,
  ): Promise<FeedOutcome> {
    const { feedId } = await this.submitFeed(input, options);
    const feed = await this.waitForFeed(feedId, poll, options);
    if (!feed.resultFeedDocumentId) return { feed };
    return { feed, results: await this.getProcessingReport(feed.resultFeedDocumentId, submitted, options) };
  }
}
