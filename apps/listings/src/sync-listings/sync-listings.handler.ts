import type { AmazonConnections, SellerAccount } from '@amazon-channel/platform-amazon';
import type { JobContext, JobHandler, JobResult } from '@amazon-channel/platform-service';
import type { MappingTemplates } from '@amazon-channel/platform-templates';
import { JSON_FEED_CONTENT_TYPE, type SpApiClient } from '@amazon-channel/sp-api';
import type { SyncIssue } from '../link-listings/domain/desired-state';
import { LandingConfirmation } from '../landing/landing-confirmation';
import { decideSync, planFeeds, type SyncDecision } from './domain/sync-deltas';
import { toSyncIssues } from './domain/sync-outcomes';
import { compileSyncTemplate } from './domain/sync-template';
import type { SyncFeedEntity } from './entities/sync-feed.entity';
import type { SyncStateChange, SyncStateRepository } from './sync-state.repository';

/** Timing bounds of a run (configurable so tests and the bench can shorten them). */
export interface SyncListingsOptions {
  /** How often a feed's status is asked. */
  feedPollMs: number;
  /** A feed still IN_QUEUE / IN_PROGRESS after this is left STUCK: its SKUs fail, the run goes on. */
  feedStuckAfterMs: number;
  /** How often ACCEPTED SKUs are read back. */
  landingPollMs: number;
  /** ACCEPTED values not live after this are FAILED `NOT_APPLIED` (retried once). */
  landingTimeoutMs: number;
  /** SKUs decided per page. */
  pageSize: number;
  /** Rounds of plan → submit → land in one run (a restock after its price, a NOT_APPLIED retry). */
  maxRounds: number;
}

export const DEFAULT_SYNC_OPTIONS: SyncListingsOptions = {
  feedPollMs: 5_000,
  feedStuckAfterMs: 30 * 60_000,
  landingPollMs: 10_000,
  landingTimeoutMs: 15 * 60_000,
  pageSize: 5_000,
  maxRounds: 3,
};

const sentence = (code: string, text: string): SyncIssue[] => [{ code, severity: 'ERROR', attribute: null, message: text, sentence: text }];
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Sync Listings, the bulk lane: PENDING SKUs → deltas (pure) → JSON_LISTINGS_FEED PATCH feeds whose
 * intent is recorded before anything goes to Amazon → submit → poll → processing report (ACCEPTED /
 * FAILED per SKU) → landing confirmation (LIVE / NOT_APPLIED). State lives in `sync_feeds` and the
 * SKUs' sync columns, so a restarted run continues each feed from the step it reached.
 */
export class SyncListingsHandler implements JobHandler {
  readonly operation = 'sync-listings' as const;

  constructor(
    private readonly sync: SyncStateRepository,
    private readonly amazon: AmazonConnections,
    private readonly templates: MappingTemplates,
    private readonly landing: LandingConfirmation,
    private readonly options: SyncListingsOptions = DEFAULT_SYNC_OPTIONS,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const { job, signal } = context;
    const { account, client } = await this.amazon.forConnection(job.connectionId, job.tenantId);
    const effective = await this.templates.effective(job.tenantId, job.connectionId, 'sync-listings');
    const template = compileSyncTemplate(effective.template);
    const scope = { tenantId: job.tenantId, connectionId: job.connectionId, jobId: job.id };
    const counts: Record<string, number> = { sent: 0, live: 0, failed: 0, in_sync: 0, not_on_amazon: 0, feeds: 0, ...job.counts };

    const round0 = ((job.cursor as { round?: number } | null) ?? {}).round ?? 0;
    for (let round = round0; round < this.options.maxRounds; round++) {
      let feeds = (await this.sync.feedsOf(job.id)).filter((f) => f.seq >= round * 1_000);
      if (feeds.length === 0) {
        if (round === 0) await this.sync.requeueFeedFailures(job.connectionId);
        feeds = await this.plan(context, account, template, round, counts);
        if (feeds.length === 0) break;
      }
      for (const feed of feeds) {
        if (signal.aborted) throw new Error('Sync Listings was interrupted; it resumes from the step each feed reached');
        await this.carry(scope, client, account, feed, counts, signal);
      }
      await context.checkpoint({ step: 'round-landed', cursor: { round: round + 1 }, counts: { ...counts } });
    }
    const failed = counts['failed'] ?? 0;
    const outcome = failed === 0 ? 'SUCCEEDED' : (counts['live'] ?? 0) > 0 ? 'PARTIALLY_SUCCEEDED' : 'FAILED';
    return {
      outcome: (counts['sent'] ?? 0) === 0 && failed === 0 ? 'SUCCEEDED' : outcome,
      counts,
      summary: `${counts['sent']} SKUs sent in ${counts['feeds']} feeds; ${counts['live']} live on Amazon; ${failed} failed; ${counts['in_sync']} already in sync; ${counts['not_on_amazon']} not on Amazon.`,
    };
  }

  /** Decides every PENDING SKU, settles the ones that need nothing sent, and records the feeds to send. */
  private async plan(
    context: JobContext,
    account: SellerAccount,
    template: ReturnType<typeof compileSyncTemplate>,
    round: number,
    counts: Record<string, number>,
  ): Promise<SyncFeedEntity[]> {
    const { job } = context;
    const scope = { tenantId: job.tenantId, connectionId: job.connectionId, jobId: job.id };
    const sends: Array<Extract<SyncDecision, { kind: 'SEND' }>> = [];
    let afterSku = '';
    for (;;) {
      const page = await this.sync.pendingPage(job.connectionId, afterSku, this.options.pageSize);
      if (page.length === 0) break;
      afterSku = page[page.length - 1]?.sku as string;
      const settled: SyncStateChange[] = [];
      for (const candidate of page) {
        const decision = decideSync(candidate, template, account.marketplaceId);
        if (decision.kind === 'SEND') sends.push(decision);
        else if (decision.reason === 'NOT_ON_AMAZON') {
          counts['not_on_amazon'] = (counts['not_on_amazon'] ?? 0) + 1;
          counts['failed'] = (counts['failed'] ?? 0) + 1;
          settled.push({
            sku: decision.sku,
            version: decision.version,
            state: 'FAILED',
            reason: 'NOT_ON_AMAZON',
            issues: sentence('NOT_ON_AMAZON', `SKU ${decision.sku} is not on Amazon: publish it or link it before syncing.`),
          });
        } else {
          counts['in_sync'] = (counts['in_sync'] ?? 0) + 1;
          settled.push({ sku: decision.sku, version: decision.version, state: 'LIVE' });
        }
      }
      await this.sync.recordChanges(scope, settled);
    }
    const planned = planFeeds(account.sellingPartnerId, sends);
    const bySku = new Map(sends.map((s) => [s.sku, s]));
    const rows: SyncFeedEntity[] = [];
    for (const [i, feed] of planned.entries()) {
      const messages = feed.messages.map((m) => {
        const d = bySku.get(m.sku) as Extract<SyncDecision, { kind: 'SEND' }>;
        return { ...m, sent: d.sent, deferredQuantity: d.deferredQuantity };
      });
      rows.push(
        await this.sync.planFeed(
          job,
          { seq: round * 1_000 + i, document: feed.document, messages },
          { step: 'feed-planned', cursor: { round }, counts: { ...counts } },
        ),
      );
    }
    counts['sent'] = (counts['sent'] ?? 0) + sends.length;
    counts['feeds'] = (counts['feeds'] ?? 0) + planned.length;
    return rows;
  }

  /** Takes one feed from the step it reached to landed (or failed). */
  private async carry(
    scope: { tenantId: string; connectionId: string; jobId: string },
    client: SpApiClient,
    account: SellerAccount,
    feed: SyncFeedEntity,
    counts: Record<string, number>,
    signal: AbortSignal,
  ): Promise<void> {
    if (feed.status === 'PLANNED' || feed.status === 'UPLOADING') await this.submit(client, account, feed, signal);
    if (feed.status === 'SUBMITTED') await this.awaitReport(scope, client, feed, counts, signal);
    if (feed.status === 'REPORTED') {
      const result = await this.landing.confirm(scope, client, account, feed, this.options, signal);
      counts['live'] = (counts['live'] ?? 0) + result.live;
      counts['failed'] = (counts['failed'] ?? 0) + result.failed;
    }
  }

  /**
   * createFeedDocument → record the slot → upload → createFeed → record Amazon's id. A feed found
   * UPLOADING after a restart may already be on Amazon: a feed Amazon lists since the slot was
   * recorded and no sync run knows is taken as this one rather than submitting it twice.
   */
  private async submit(client: SpApiClient, account: SellerAccount, feed: SyncFeedEntity, signal: AbortSignal): Promise<void> {
    if (feed.status === 'UPLOADING' && feed.uploadingAt) {
      const known = await this.sync.knownAmazonFeedIds(feed.connectionId);
      const since = new Date(feed.uploadingAt.getTime() - 60_000).toISOString();
      const { data } = await client.feeds.getFeeds(
        { feedTypes: ['JSON_LISTINGS_FEED'], marketplaceIds: [account.marketplaceId], createdSince: since },
        { signal },
      );
      const orphan = data.feeds.find((f) => !known.has(f.feedId));
      if (orphan) {
        await this.sync.markSubmitted(feed, orphan.feedId);
        return;
      }
    }
    const { data: doc } = await client.feeds.createFeedDocument(JSON_FEED_CONTENT_TYPE, { signal, priority: 'bulk' });
    await this.sync.markUploading(feed, doc.feedDocumentId);
    await client.feeds.uploadFeedDocument(doc.url, JSON_FEED_CONTENT_TYPE, feed.document, signal);
    const { data } = await client.feeds.createFeed(
      { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [account.marketplaceId], inputFeedDocumentId: doc.feedDocumentId },
      { signal, priority: 'bulk' },
    );
    await this.sync.markSubmitted(feed, data.feedId);
  }

  /** Polls the feed; reads its processing report into ACCEPTED / FAILED per SKU. A stuck feed fails its SKUs and lets the run go on. */
  private async awaitReport(
    scope: { tenantId: string; connectionId: string; jobId: string },
    client: SpApiClient,
    feed: SyncFeedEntity,
    counts: Record<string, number>,
    signal: AbortSignal,
  ): Promise<void> {
    const started = feed.submittedAt?.getTime() ?? Date.now();
    for (;;) {
      const { data } = await client.feeds.getFeed(feed.amazonFeedId as string, { signal, priority: 'bulk' });
      if (data.processingStatus === 'DONE' && data.resultFeedDocumentId) {
        const results = await client.feeds.getProcessingReport(
          data.resultFeedDocumentId,
          feed.messages.map((m) => ({ messageId: m.messageId, sku: m.sku })),
          { signal, priority: 'bulk' },
        );
        const byMessage = new Map(results.messages.map((m) => [m.messageId, m]));
        const feedIssues = toSyncIssues(results.feedIssues);
        const changes: SyncStateChange[] = feed.messages.map((m) => {
          const r = byMessage.get(m.messageId);
          if (r?.status === 'INVALID' || (feedIssues.length > 0 && !r))
            return { sku: m.sku, version: m.version, state: 'FAILED', reason: 'AMAZON_REJECTED', issues: [...toSyncIssues(r?.issues ?? []), ...feedIssues] };
          return { sku: m.sku, version: m.version, state: 'ACCEPTED', issues: r && r.issues.length > 0 ? toSyncIssues(r.issues) : null };
        });
        counts['failed'] = (counts['failed'] ?? 0) + changes.filter((c) => c.state === 'FAILED').length;
        await this.sync.recordFeedOutcome(scope, feed, 'REPORTED', { summary: results.summary }, changes);
        return;
      }
      const terminal = data.processingStatus === 'FATAL' || data.processingStatus === 'CANCELLED' || data.processingStatus === 'DONE';
      const stuck = !terminal && Date.now() - started > this.options.feedStuckAfterMs;
      if (terminal || stuck) {
        const reason = stuck ? 'FEED_STUCK' : data.processingStatus === 'CANCELLED' ? 'FEED_CANCELLED' : 'FEED_FATAL';
        const text = stuck
          ? `Amazon has not processed feed ${feed.amazonFeedId} for ${Math.round(this.options.feedStuckAfterMs / 60_000)} minutes; the next sync sends the change again.`
          : `Amazon ended feed ${feed.amazonFeedId} ${data.processingStatus} without applying it; the next sync sends the change again.`;
        const changes: SyncStateChange[] = feed.messages.map((m) => ({
          sku: m.sku,
          version: m.version,
          state: 'FAILED',
          reason,
          issues: sentence(reason, text),
        }));
        counts['failed'] = (counts['failed'] ?? 0) + changes.length;
        await this.sync.recordFeedOutcome(
          scope,
          feed,
          stuck ? 'STUCK' : data.processingStatus === 'CANCELLED' ? 'CANCELLED' : 'FATAL',
          { processingStatus: data.processingStatus },
          changes,
        );
        return;
      }
      await sleep(this.options.feedPollMs, signal);
      if (signal.aborted) throw new Error('Sync Listings was interrupted while waiting for a feed; it resumes polling it');
    }
  }
}
