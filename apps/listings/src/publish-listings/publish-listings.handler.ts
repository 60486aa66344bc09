import type { AmazonConnections, SellerAccount } from '@amazon-channel/platform-amazon';
import type { JobContext, JobHandler, JobResult } from '@amazon-channel/platform-service';
import type { MappingTemplates } from '@amazon-channel/platform-templates';
import type { ListingsIssue, SpApiClient } from '@amazon-channel/sp-api';
import { setTimeout as sleep } from 'node:timers/promises';
import { v7 as uuidv7 } from 'uuid';
import { listingPublishEvents, type PublishOutcomeForEvent } from '../channel-listings/listing-events';
import type { LinkWrite } from '../link-listings/domain/link-decision';
import { judgeSubmission } from './domain/amazon-verdict';
import { FALLBACK_PRODUCT_TYPE, resolveAsin } from './domain/asin-resolution';
import { offerFeedMessage, offerPutBody } from './domain/offer-body';
import type { PublishError, PublishWarning } from './domain/publish-errors';
import { presendCheck, type OfferDraft } from './domain/presend-checks';
import { publishSourceRecord } from './domain/publish-source';
import { decideRestriction } from './domain/restriction-decision';
import { parsePublishSettings, type PublishSettings } from './dto/publish-settings';
import type { PublishResultEntity } from './entities/publish-result.entity';
import type { PublishCandidateRow, PublishCandidates } from './publish-candidates';
import type { PublishListingsRepository, PublishResultWrite } from './publish-listings.repository';
import { emptyCallCounts, type PublishCallCounts, type PublishLookups } from './publish-lookups';
import { awaitOfferFeed, putOffer, readBackLanding, submitOfferFeed } from './publish-submission';

/** SKUs checked per step (catalog look-ups are batched 20 a call inside a step). */
const CHECK_CHUNK = 200;
/** Sets up to this size publish with putListingsItem (synchronous answer per SKU); larger ones through one JSON_LISTINGS_FEED. */
export const PUT_LIMIT = 20;
/** JSON_LISTINGS_FEED's message limit. */
const FEED_MAX_MESSAGES = 25_000;

/** Tunables (tests and the benchmark shorten the waits). */
export interface PublishHandlerOptions {
  feedPollMs: number;
  landingPollMs: number;
  landingRounds: number;
}

type Scope = { tenantId: string; connectionId: string; jobId: string };
type Cursor = { phase: 'check' | 'feed' | 'landing'; next?: number; feedId?: string; round?: number };
type Ready = { sku: string; draft: OfferDraft; asin: string; productType: string; warnings: PublishWarning[]; candidate: PublishCandidateRow };

const failed = (sku: string, errors: PublishError[], warnings: PublishWarning[] = [], extra: Partial<PublishResultWrite> = {}): PublishResultWrite => ({
  sku,
  state: 'FAILED',
  errors,
  warnings,
  ...extra,
});
const eventIssues = (errors: PublishError[]) => errors.map((e) => ({ code: e.code, message: e.message, severity: 'ERROR' }));

/**
 * Publish Listings: offers on existing Amazon products for the SKUs asked, checked before anything
 * is sent. Steps: check (template, identifiers, price, condition → catalog look-up → restrictions →
 * Amazon's own preview or the write), feed (bulk sets: one JSON_LISTINGS_FEED of UPDATE messages),
 * landing (read back until LIVE or FAILED). Every SKU's result commits with the checkpoint, and a
 * resumed run skips SKUs that already have one, so nothing is sent twice by a restart.
 */
export class PublishListingsHandler implements JobHandler {
  readonly operation = 'publish-listings' as const;

  constructor(
    private readonly repo: PublishListingsRepository,
    private readonly lookups: PublishLookups,
    private readonly candidates: PublishCandidates,
    private readonly templates: MappingTemplates,
    private readonly amazon: AmazonConnections,
    private readonly options: PublishHandlerOptions,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const { job, signal } = context;
    const settings = parsePublishSettings(job.settings);
    const scope: Scope = { tenantId: job.tenantId, connectionId: job.connectionId, jobId: job.id };
    const { account, client } = await this.amazon.forConnection(job.connectionId, job.tenantId);
    const calls: PublishCallCounts = { ...emptyCallCounts(), ...pickCalls(job.counts) };
    const skus = [...settings.skus].sort();
    const bulk = settings.mode === 'PUBLISH' && skus.length > PUT_LIMIT;
    let cursor: Cursor = (job.cursor as Cursor | null) ?? { phase: 'check', next: 0 };
    const commit = (results: PublishResultWrite[], next: Cursor, links: LinkWrite[] = [], events: PublishOutcomeForEvent[] = []) => {
      cursor = next;
      return this.repo.commitStep(scope, {
        results,
        links,
        publishStates:
          settings.mode === 'PUBLISH'
            ? results
                .filter((r) => r.state === 'PUBLISHED' || r.state === 'LIVE' || r.state === 'FAILED')
                .map((r) => ({ sku: r.sku, state: r.state, detail: { jobId: job.id, errors: r.errors ?? [], warnings: r.warnings ?? [] } }))
            : [],
        events: listingPublishEvents(scope, events, uuidv7),
        checkpoint: { job, progress: { step: next.phase, cursor: next, counts: { ...calls }, done: next.next ?? 0, total: skus.length } },
      });
    };

    if (cursor.phase === 'check') {
      const { compiled } = await this.templates.compiled(job.tenantId, job.connectionId, 'publish-listings');
      for (let i = cursor.next ?? 0; i < skus.length; i += CHECK_CHUNK) {
        const chunk = skus.slice(i, i + CHECK_CHUNK);
        const known = await this.repo.resultsOf(job.id, chunk);
        const todo = chunk.filter((s) => !known.has(s));
        const { ready, results } = await this.check(todo, settings, (record) => compiled.evaluate(record), client, account, calls, signal);
        if (settings.mode === 'PUBLISH' && !bulk) {
          await commit(results, { phase: 'check', next: i });
          for (const r of ready) await this.publishOne(r, client, account, calls, scope, commit, i, signal);
        } else if (settings.mode === 'PUBLISH') {
          results.push(
            ...ready.map((r) => ({
              sku: r.sku,
              state: 'PLANNED' as const,
              asin: r.asin,
              productType: r.productType,
              warnings: r.warnings,
              offer: offerPutBody(r.draft, r.asin, r.productType, account.marketplaceId),
            })),
          );
        } else {
          for (const r of ready) results.push(await this.previewOne(r, client, account, calls, signal));
        }
        await commit(results, { phase: 'check', next: i + CHECK_CHUNK });
        if (signal.aborted) throw new Error('Publish Listings was interrupted; it resumes after the last committed SKU');
      }
      await commit([], { phase: bulk ? 'feed' : settings.mode === 'PUBLISH' ? 'landing' : 'landing', round: 0 });
    }

    if (cursor.phase === 'feed') {
      await this.runFeeds(scope, client, account, calls, cursor, commit, signal);
      await commit([], { phase: 'landing', round: 0 });
    }

    if (cursor.phase === 'landing' && settings.mode === 'PUBLISH') await this.confirmLanding(scope, client, account, calls, cursor, commit, signal);
    return this.finish(job.id, settings, calls);
  }

  /** Checks before sending, then the catalog and restriction look-ups; returns what may be sent and the SKUs that failed. */
  private async check(
    skus: string[],
    settings: PublishSettings,
    evaluate: (record: unknown) => Parameters<typeof presendCheck>[0],
    client: SpApiClient,
    account: SellerAccount,
    calls: PublishCallCounts,
    signal: AbortSignal,
  ): Promise<{ ready: Ready[]; results: PublishResultWrite[] }> {
    const results: PublishResultWrite[] = [];
    if (skus.length === 0) return { ready: [], results };
    const [candidates, channel] = await Promise.all([this.candidates.find(account.connectionId, skus), this.repo.channelListings(account.connectionId, skus)]);
    const drafts: Array<{ sku: string; draft: OfferDraft; warnings: PublishWarning[]; candidate: PublishCandidateRow }> = [];
    for (const sku of skus) {
      const candidate = candidates.get(sku);
      if (!candidate) {
        results.push(
          failed(sku, [
            {
              code: 'NO_PRODUCT_DATA',
              field: null,
              message: `The platform has not described SKU ${sku} on this connection`,
              fix: 'Send the listing with PUT /connections/{connectionId}/platform-listings first.',
            },
          ]),
        );
        continue;
      }
      if (!settings.overwrite && channel.get(sku)?.linkStatus === 'LINKED' && settings.mode === 'PUBLISH') {
        results.push({
          sku,
          state: 'SKIPPED',
          warnings: [{ code: 'AMAZON_WARNING', field: null, message: 'Already on Amazon; publish with overwrite to re-send its offer' }],
        });
        continue;
      }
      const checked = presendCheck(evaluate(publishSourceRecord(candidate)), candidate.price?.currency ?? 'USD');
      if (!checked.ok) results.push(failed(sku, checked.errors, checked.warnings));
      else drafts.push({ sku, draft: checked.draft, warnings: checked.warnings, candidate });
    }
    const matches = await this.lookups.catalog(
      client,
      account,
      drafts.map((d) => d.draft.productId.search),
      calls,
      signal,
    );
    const resolved: Ready[] = [];
    for (const d of drafts) {
      const { type, value } = d.draft.productId.search;
      const r = resolveAsin(d.draft.productId.type, d.draft.productId.value, matches.get(`${type}:${value}`) ?? []);
      if (r.ok) resolved.push({ ...d, asin: r.asin, productType: r.productType });
      else results.push(failed(d.sku, [r.error], d.warnings));
    }
    const restrictions = await this.lookups.restrictions(
      client,
      account,
      resolved.map((r) => ({ asin: r.asin, condition: r.draft.condition })),
      calls,
      signal,
    );
    const ready: Ready[] = [];
    for (const r of resolved) {
      const decision = decideRestriction(restrictions.get(`${r.asin}|${r.draft.condition}`) ?? [], r.asin, r.draft.condition, account.marketplaceId);
      if (decision.allowed) ready.push(r);
      else results.push(failed(r.sku, [decision.error], r.warnings, { asin: r.asin, productType: r.productType }));
    }
    return { ready, results };
  }

  /** Amazon's own VALIDATION_PREVIEW for one SKU: READY or FAILED; nothing is created. */
  private async previewOne(r: Ready, client: SpApiClient, account: SellerAccount, calls: PublishCallCounts, signal: AbortSignal): Promise<PublishResultWrite> {
    const body = offerPutBody(r.draft, r.asin, r.productType, account.marketplaceId);
    const out = await putOffer(client, account, r.sku, body, true, calls, signal);
    const warnings = [...r.warnings, ...out.verdict.warnings];
    const base = { sku: r.sku, asin: r.asin, productType: out.productType, warnings, offer: { ...body, productType: out.productType } };
    return out.verdict.kind === 'INVALID' ? { ...base, state: 'FAILED', errors: [out.verdict.error] } : { ...base, state: 'READY' };
  }

  /** One putListingsItem; its result, link and event commit right after the answer, so a restart never sends it again. */
  private async publishOne(
    r: Ready,
    client: SpApiClient,
    account: SellerAccount,
    calls: PublishCallCounts,
    scope: Scope,
    commit: (results: PublishResultWrite[], next: Cursor, links?: LinkWrite[], events?: PublishOutcomeForEvent[]) => Promise<void>,
    chunkStart: number,
    signal: AbortSignal,
  ): Promise<void> {
    const body = offerPutBody(r.draft, r.asin, r.productType, account.marketplaceId);
    const out = await putOffer(client, account, r.sku, body, false, calls, signal);
    const warnings = [...r.warnings, ...out.verdict.warnings];
    const offer = { ...body, productType: out.productType };
    const next: Cursor = { phase: 'check', next: chunkStart };
    if (out.verdict.kind === 'INVALID') {
      const channel = await this.repo.channelListings(scope.connectionId, [r.sku]);
      const listingId = channel.get(r.sku)?.id ?? r.candidate.recordId;
      await commit(
        [failed(r.sku, [out.verdict.error], warnings, { asin: r.asin, productType: out.productType, offer })],
        next,
        [],
        [{ listingId, sku: r.sku, published: false, issues: eventIssues([out.verdict.error]) }],
      );
      return;
    }
    const links = await this.repo.planLinks(scope.connectionId, [
      { sku: r.sku, asin: r.asin, productType: out.productType, platformListingId: r.candidate.platformListingId, title: r.candidate.product?.title ?? null },
    ]);
    await commit(
      [{ sku: r.sku, state: 'PUBLISHED', asin: r.asin, productType: out.productType, warnings, offer, submittedVia: `put:${out.submissionId ?? ''}` }],
      next,
      links,
      [{ listingId: linkId(links[0]), sku: r.sku, published: true, issues: warnings.map((w) => ({ code: w.code, message: w.message, severity: 'WARNING' })) }],
    );
  }

  /** Bulk: PLANNED offers go out as JSON_LISTINGS_FEED UPDATE messages; offers whose product type Amazon refused go once more as PRODUCT. */
  private async runFeeds(
    scope: Scope,
    client: SpApiClient,
    account: SellerAccount,
    calls: PublishCallCounts,
    start: Cursor,
    commit: (results: PublishResultWrite[], next: Cursor, links?: LinkWrite[], events?: PublishOutcomeForEvent[]) => Promise<void>,
    signal: AbortSignal,
  ): Promise<void> {
    let feedId = start.feedId;
    for (let round = 0; round < 3; round++) {
      const planned = await this.repo.inState(scope.jobId, 'PLANNED', FEED_MAX_MESSAGES);
      if (planned.length === 0) return;
      const submitted = planned.map((p, index) => ({ messageId: index + 1, sku: p.sku }));
      if (!feedId || planned.some((p) => p.submittedVia !== `feed:${feedId}`)) {
        const messages = planned.map((p, index) => offerFeedMessage(index + 1, p.sku, p.offer ?? { productType: FALLBACK_PRODUCT_TYPE, attributes: {} }));
        feedId = await submitOfferFeed(client, account, messages, calls, signal);
        await commit(
          planned.map((p, index) => ({ sku: p.sku, state: 'PLANNED', submittedVia: `feed:${feedId}`, messageId: index + 1, warnings: p.warnings })),
          { phase: 'feed', feedId },
        );
      } else {
        for (const p of planned) submitted[submitted.findIndex((s) => s.sku === p.sku)] = { messageId: p.messageId ?? 0, sku: p.sku };
      }
      const { status, results } = await awaitOfferFeed(client, feedId, submitted, this.options.feedPollMs, signal);
      const bySku = new Map((results?.messages ?? []).map((m) => [m.sku ?? '', m]));
      const outcomes: PublishResultWrite[] = [];
      const published: Array<PublishResultEntity> = [];
      const events: PublishOutcomeForEvent[] = [];
      const channel = await this.repo.channelListings(
        scope.connectionId,
        planned.map((p) => p.sku),
      );
      for (const p of planned) {
        const message = bySku.get(p.sku);
        if (!message) {
          const error: PublishError = {
            code: 'AMAZON_REJECTED',
            field: null,
            message: `The feed ended ${status} without a result for this SKU`,
            fix: 'Publish the SKU again; if it keeps failing, contact support with the feed id.',
          };
          outcomes.push(failed(p.sku, [error], p.warnings));
          events.push({ listingId: channel.get(p.sku)?.id ?? p.id, sku: p.sku, published: false, issues: eventIssues([error]) });
          continue;
        }
        const issues: ListingsIssue[] = message.issues.map((i) => ({
          code: i.code ?? '',
          message: i.message,
          severity: i.severity,
          categories: (i as { categories?: string[] }).categories ?? [],
          ...(i.attributeName ? { attributeNames: [i.attributeName] } : {}),
        }));
        const verdict = judgeSubmission(message.status, issues);
        if (verdict.kind !== 'INVALID') {
          published.push(p);
          outcomes.push({ sku: p.sku, state: 'PUBLISHED', warnings: [...p.warnings, ...verdict.warnings] });
        } else if (verdict.productTypeRejected && p.offer && p.offer.productType !== FALLBACK_PRODUCT_TYPE) {
          outcomes.push({
            sku: p.sku,
            state: 'PLANNED',
            productType: FALLBACK_PRODUCT_TYPE,
            offer: { ...p.offer, productType: FALLBACK_PRODUCT_TYPE },
            warnings: [
              ...p.warnings,
              {
                code: 'PRODUCT_TYPE_FALLBACK',
                field: 'product_type',
                message: `Amazon refused the catalog's product type ${p.offer.productType}; the offer goes again as PRODUCT`,
              },
            ],
          });
        } else {
          outcomes.push(failed(p.sku, [verdict.error], [...p.warnings, ...verdict.warnings]));
          events.push({ listingId: channel.get(p.sku)?.id ?? p.id, sku: p.sku, published: false, issues: eventIssues([verdict.error]) });
        }
      }
      const links = await this.repo.planLinks(
        scope.connectionId,
        published.map((p) => ({
          sku: p.sku,
          asin: p.asin ?? '',
          productType: p.offer?.productType ?? FALLBACK_PRODUCT_TYPE,
          platformListingId: null,
          title: null,
        })),
      );
      for (const l of links) events.push({ listingId: linkId(l), sku: linkSku(l), published: true, issues: [] });
      feedId = undefined;
      await commit(outcomes, { phase: 'feed' }, links, events);
    }
  }

  /** Reads PUBLISHED SKUs back until each is LIVE or FAILED, for a bounded number of rounds. */
  private async confirmLanding(
    scope: Scope,
    client: SpApiClient,
    account: SellerAccount,
    calls: PublishCallCounts,
    start: Cursor,
    commit: (results: PublishResultWrite[], next: Cursor, links?: LinkWrite[], events?: PublishOutcomeForEvent[]) => Promise<void>,
    signal: AbortSignal,
  ): Promise<void> {
    for (let round = start.round ?? 0; round < this.options.landingRounds; round++) {
      let after = '';
      let pending = 0;
      for (;;) {
        const batch = await this.repo.inState(scope.jobId, 'PUBLISHED', 500, after);
        if (batch.length === 0) break;
        after = batch[batch.length - 1]?.sku ?? after;
        const verdicts = await readBackLanding(
          client,
          account,
          batch.map((b) => b.sku),
          calls,
          signal,
        );
        const results: PublishResultWrite[] = [];
        const events: PublishOutcomeForEvent[] = [];
        const channel = await this.repo.channelListings(
          scope.connectionId,
          batch.map((b) => b.sku),
        );
        for (const b of batch) {
          const v = verdicts.get(b.sku);
          if (v?.kind === 'LIVE') results.push({ sku: b.sku, state: 'LIVE' });
          else if (v?.kind === 'FAILED') {
            results.push(failed(b.sku, [v.error], b.warnings));
            events.push({ listingId: channel.get(b.sku)?.id ?? b.id, sku: b.sku, published: false, issues: eventIssues([v.error]) });
          } else pending++;
        }
        await commit(results, { phase: 'landing', round }, [], events);
      }
      if (pending === 0) return;
      await sleep(this.options.landingPollMs, undefined, { signal });
    }
  }

  private async finish(jobId: string, settings: PublishSettings, calls: PublishCallCounts): Promise<JobResult> {
    const counts = { ready: 0, planned: 0, published: 0, live: 0, failed: 0, skipped: 0, ...(await this.repo.countsOf(jobId)), ...calls };
    const ok = settings.mode === 'PUBLISH' ? counts.published + counts.live : counts.ready;
    const parts =
      settings.mode === 'PUBLISH'
        ? [
            `${counts.live} live`,
            `${counts.published} published and not confirmed live yet`,
            `${counts.failed} failed`,
            `${counts.skipped} skipped (already on Amazon)`,
          ]
        : [`${counts.ready} ready to publish`, `${counts.failed} would fail`];
    return {
      outcome: counts.failed === 0 ? 'SUCCEEDED' : ok > 0 ? 'PARTIALLY_SUCCEEDED' : 'FAILED',
      counts,
      summary: `${settings.mode === 'PUBLISH' ? 'Publish' : 'Validation preview'} of ${settings.skus.length} SKUs: ${parts.join(', ')}. Per-SKU reasons and fixes at publish-results.`,
    };
  }
}

function pickCalls(counts: Record<string, number>): Partial<PublishCallCounts> {
  const keys = Object.keys(emptyCallCounts()) as Array<keyof PublishCallCounts>;
  return Object.fromEntries(keys.filter((k) => typeof counts[k] === 'number').map((k) => [k, counts[k]]));
}

function linkId(write: LinkWrite | undefined): string {
  return write && write.kind !== 'none' ? write.listingId : '';
}

function linkSku(write: LinkWrite): string {
  return write.kind === 'none' ? '' : write.sku;
}
