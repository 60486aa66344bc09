import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { isoSeconds } from '../core/clock';
import { validate } from '../core/http';
import { SandboxError, SandboxErrorCode } from '../core/sandbox-error';
import { ListingsWriter } from '../listings/listings.service';
import { findMarketplace } from '../state/marketplaces';
import type { FeedRecord, ProcessingStatus } from '../state/records';
import { statusAt } from '../state/records';
import { SandboxState } from '../state/sandbox-state';
import type { SellerState } from '../state/seller-state';
import { presignedUrl } from '../storage/presigned-url';
import type { ListingsFeedValidators } from './feed-schemas';
import { loadListingsFeedValidators } from './feed-schemas';
import { processListingsFeed } from './listings-feed-processor';
import type { FeedOutcome } from './listings-feed-processor';

/** Legacy listings feeds Amazon stopped processing on 2025-07-31: they end FATAL. */
const RETIRED_FEEDS = [
  'POST_PRODUCT_DATA',
  'POST_INVENTORY_AVAILABILITY_DATA',
  'POST_PRODUCT_PRICING_DATA',
  'POST_PRODUCT_OVERRIDES_DATA',
  'POST_PRODUCT_IMAGE_DATA',
  'POST_PRODUCT_RELATIONSHIP_DATA',
  'POST_FLAT_FILE_INVLOADER_DATA',
  'POST_FLAT_FILE_LISTINGS_DATA',
  'POST_FLAT_FILE_PRICEANDQUANTITYONLY_UPDATE_DATA',
];

/** Feed-type limit of JSON_LISTINGS_FEED (Amazon changelog, May 2025): 5 per 5 minutes. */
const JSON_LISTINGS_FEED_PLAN = { rate: 5 / 300, burst: 5 };

const createDocSchema = z.object({ contentType: z.string().min(1) });
const createFeedSchema = z.object({
  feedType: z.string().min(1),
  marketplaceIds: z.array(z.string().min(1)).min(1).max(25),
  inputFeedDocumentId: z.string().min(1),
  feedOptions: z.record(z.string(), z.string()).optional(),
});

/** Feeds 2021-06-30 with asynchronous JSON_LISTINGS_FEED processing on the sandbox clock. */
@Injectable()
export class FeedsService {
  private validators?: ListingsFeedValidators;

  constructor(
    @Inject(SandboxState) private readonly state: SandboxState,
    @Inject(ListingsWriter) private readonly writer: ListingsWriter,
  ) {}

  /** Feed validation rules (loaded once; Amazon's schema when available). */
  feedValidators(): ListingsFeedValidators {
    this.validators ??= loadListingsFeedValidators(this.state.settings.modelsDir);
    return this.validators;
  }

  createDocument(seller: SellerState, body: unknown, baseUrl: string) {
    const spec = validate(createDocSchema, body, 'body');
    const documentId = `amzn1.tortuga.4.na.${randomUUID()}`;
    this.state.documents.set(documentId, {
      kind: 'feed-input',
      documentId,
      sellingPartnerId: seller.sellingPartnerId,
      contentType: spec.contentType,
      createdMs: this.state.clock.now(),
    });
    return { feedDocumentId: documentId, url: presignedUrl(baseUrl, 'PUT', documentId, this.state.clock.now() + this.state.settings.documentUrlTtlMs) };
  }

  create(seller: SellerState, body: unknown): { feedId: string } {
    const spec = validate(createFeedSchema, body, 'body');
    for (const id of spec.marketplaceIds) if (!findMarketplace(id)) throw SandboxError.invalid('marketplaceIds', `Invalid marketplaceId: ${id}.`);
    // On top of createFeed's plan, JSON_LISTINGS_FEED allows 5 submissions per 5 minutes per seller and region.
    if (
      spec.feedType === 'JSON_LISTINGS_FEED' &&
      !this.state.limiter.take(`${seller.sellingPartnerId}|feedType|JSON_LISTINGS_FEED`, JSON_LISTINGS_FEED_PLAN, this.state.clock.now())
    ) {
      throw new SandboxError(
        SandboxErrorCode.QuotaExceeded,
        'You exceeded your quota for the requested resource.',
        'JSON_LISTINGS_FEED allows 5 submissions per 5 minutes.',
      );
    }
    const feed: FeedRecord = {
      feedId: this.state.nextId(),
      sellingPartnerId: seller.sellingPartnerId,
      feedType: spec.feedType,
      marketplaceIds: spec.marketplaceIds,
      inputFeedDocumentId: spec.inputFeedDocumentId,
      feedOptions: spec.feedOptions ?? {},
      createdMs: this.state.clock.now(),
      queueMs: this.state.settings.queueMs,
      processingMs: this.state.settings.processingMs,
      forceFatal: this.state.faults.feedFatal,
    };
    this.state.feeds.set(feed.feedId, feed);
    // Process on time even if nobody polls; polling also settles it (whichever comes first).
    setTimeout(() => this.settle(feed), feed.queueMs + feed.processingMs + 5).unref();
    return { feedId: feed.feedId };
  }

  /** Runs processing once the feed's processing time has passed on the sandbox clock. */
  settle(feed: FeedRecord): void {
    if (feed.result || feed.cancelledMs !== undefined) return;
    if (statusAt(feed, this.state.clock.now(), 'DONE') !== 'DONE') return;
    const seller = this.state.sellers.get(feed.sellingPartnerId);
    if (!seller) return;
    const started = Date.now();
    const outcome = this.process(feed, seller);
    const resultId = `amzn1.tortuga.4.na.${randomUUID()}`;
    this.state.documents.set(resultId, {
      kind: 'feed-result',
      documentId: resultId,
      sellingPartnerId: feed.sellingPartnerId,
      content: Buffer.from(JSON.stringify(outcome.report)),
      gzip: false,
    });
    feed.result = {
      status: outcome.status,
      resultFeedDocumentId: resultId,
      endMs: feed.createdMs + feed.queueMs + feed.processingMs,
      durationMs: Date.now() - started,
    };
  }

  private process(feed: FeedRecord, seller: SellerState): FeedOutcome {
    const input = this.state.documents.get(feed.inputFeedDocumentId);
    const header = { sellerId: seller.sellingPartnerId, version: '2.0', feedId: feed.feedId };
    const fatal = (message: string): FeedOutcome => ({
      status: 'FATAL',
      report: {
        header,
        issues: [{ code: '4000001', severity: 'ERROR', message }],
        summary: { errors: 1, warnings: 0, messagesProcessed: 0, messagesAccepted: 0, messagesInvalid: 0 },
      },
    });
    if (feed.forceFatal) return fatal('The feed could not be processed (failure injected by the sandbox).');
    if (RETIRED_FEEDS.includes(feed.feedType))
      return fatal(`Feed type ${feed.feedType} is no longer supported; use JSON_LISTINGS_FEED or the Listings Items API.`);
    if (feed.feedType !== 'JSON_LISTINGS_FEED') return fatal(`Feed type ${feed.feedType} is not supported by the sandbox.`);
    if (!input || input.kind !== 'feed-input' || input.sellingPartnerId !== seller.sellingPartnerId)
      return fatal(`Input feed document ${feed.inputFeedDocumentId} was not found.`);
    return processListingsFeed({
      feedId: feed.feedId,
      seller,
      marketplaceIds: feed.marketplaceIds,
      content: input.content,
      validators: this.feedValidators(),
      writer: this.writer,
      failSkus: new Set(this.state.faults.feedErrorSkus),
    });
  }

  status(feed: FeedRecord): ProcessingStatus {
    this.settle(feed);
    if (feed.result) return feed.result.status;
    return statusAt(feed, this.state.clock.now(), 'DONE') === 'CANCELLED'
      ? 'CANCELLED'
      : statusAt(feed, this.state.clock.now(), 'DONE') === 'IN_QUEUE'
        ? 'IN_QUEUE'
        : 'IN_PROGRESS';
  }

  private find(seller: SellerState, feedId: string): FeedRecord {
    const feed = this.state.feeds.get(feedId);
    if (!feed || feed.sellingPartnerId !== seller.sellingPartnerId) throw SandboxError.notFound(`Feed ${feedId}`);
    return feed;
  }

  render(feed: FeedRecord) {
    const status = this.status(feed);
    return {
      feedId: feed.feedId,
      feedType: feed.feedType,
      marketplaceIds: feed.marketplaceIds,
      createdTime: isoSeconds(feed.createdMs),
      processingStatus: status,
      ...(status !== 'IN_QUEUE' && status !== 'CANCELLED' ? { processingStartTime: isoSeconds(feed.createdMs + feed.queueMs) } : {}),
      ...(feed.result ? { processingEndTime: isoSeconds(feed.result.endMs), resultFeedDocumentId: feed.result.resultFeedDocumentId } : {}),
    };
  }

  get(seller: SellerState, feedId: string) {
    return this.render(this.find(seller, feedId));
  }

  cancel(seller: SellerState, feedId: string): void {
    const feed = this.find(seller, feedId);
    if (this.status(feed) !== 'IN_QUEUE') throw SandboxError.invalid('feedId', `Feed ${feedId} is not IN_QUEUE and cannot be cancelled.`);
    feed.cancelledMs = this.state.clock.now();
  }

  list(
    seller: SellerState,
    q: {
      feedTypes?: string[];
      processingStatuses?: string[];
      marketplaceIds?: string[];
      pageSize: number;
      createdSince?: number;
      createdUntil?: number;
      offset: number;
    },
  ) {
    const now = this.state.clock.now();
    const since = q.createdSince ?? now - 90 * 86_400_000;
    const until = q.createdUntil ?? now;
    const all = [...this.state.feeds.values()]
      .filter((f) => f.sellingPartnerId === seller.sellingPartnerId)
      .filter((f) => !q.feedTypes || q.feedTypes.includes(f.feedType))
      .filter((f) => !q.processingStatuses || q.processingStatuses.includes(this.status(f)))
      .filter((f) => !q.marketplaceIds || f.marketplaceIds.some((m) => q.marketplaceIds?.includes(m)))
      .filter((f) => f.createdMs >= since && f.createdMs <= until)
      .sort((a, b) => b.createdMs - a.createdMs);
    return {
      page: all.slice(q.offset, q.offset + q.pageSize).map((f) => this.render(f)),
      nextOffset: q.offset + q.pageSize < all.length ? q.offset + q.pageSize : undefined,
    };
  }

  document(seller: SellerState, documentId: string, baseUrl: string) {
    const doc = this.state.documents.get(documentId);
    if (!doc || doc.kind === 'report' || doc.sellingPartnerId !== seller.sellingPartnerId) throw SandboxError.notFound(`Feed document ${documentId}`);
    const url = presignedUrl(baseUrl, 'GET', documentId, this.state.clock.now() + this.state.settings.documentUrlTtlMs);
    return { feedDocumentId: documentId, url, ...(doc.kind === 'feed-result' && doc.gzip ? { compressionAlgorithm: 'GZIP' as const } : {}) };
  }
}
