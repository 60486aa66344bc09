import { AmazonConnections } from '@amazon-channel/platform-amazon';
import type { JobContext, JobHandler, JobProgress, JobResult } from '@amazon-channel/platform-service';
import type { OrderIncludedData } from '@amazon-channel/sp-api';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../../clock/clock';
import { ORDERS_OPTIONS, type OrdersOptions } from '../../orders-options';
import { ShippingMappingsRepository } from '../../shipping-mappings/shipping-mappings.repository';
import { emptyCounts, type BatchCounts } from '../domain/import-counts';
import { toOrderCandidate } from '../domain/order-candidate';
import { orderSettingsFields } from '../dto/orders.dto';
import { compileGetOrdersTemplate, OrderSettingsService } from '../order-settings.service';
import { storeFailure } from '../orders.error';
import { OrdersRepository } from '../orders.repository';
import { connectionFailure } from './connection-failure';
import { fallbackIfOutOfOrder, isRunFinished, nextGetOrdersPage, type GetOrdersCursor } from './get-orders.cursor';
import { ImportOrdersUseCase, type OrderIssue } from './import-orders.use-case';

/**
 * Every dataset the import reads, so no per-order getOrder calls are needed: buyer and address
 * (PII, encrypted at rest), totals, status/service level, packages (ship time) and cancellations.
 */
export const GET_ORDERS_INCLUDED_DATA: OrderIncludedData[] = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT', 'PACKAGES', 'CANCELLATION'];

/** At most this many held or unstored orders are named in a run's summary. */
const ISSUES_IN_SUMMARY = 20;

/**
 * Get Orders: reads Amazon's order changes of the connection's marketplace since the connection's
 * cursor (minus an overlap window) with searchOrders, one page of 100 at a time, and applies each
 * page with {@link ImportOrdersUseCase}. Statuses are filtered there, not at Amazon, because the
 * same read must also see imported orders that shipped or were cancelled. Pages after the first
 * are asked by update time where that is safe (see nextGetOrdersPage). Resumes from the last
 * applied page after a crash; applying a page twice changes nothing.
 */
@Injectable()
export class GetOrdersJobHandler implements JobHandler {
  readonly operation = 'get-orders' as const;
  private readonly log = new Logger('GetOrders');

  constructor(
    private readonly importOrders: ImportOrdersUseCase,
    private readonly orders: OrdersRepository,
    private readonly mappings: ShippingMappingsRepository,
    private readonly settings: OrderSettingsService,
    private readonly amazon: AmazonConnections,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORDERS_OPTIONS) private readonly options: OrdersOptions,
  ) {}

  /**
   * Runs the job; a database failure ends it with its SQLSTATE only, never the database's text (which
   * can quote Amazon's data), and a connection that cannot be reached in orders' connection codes.
   */
  async run(context: JobContext): Promise<JobResult> {
    try {
      return await this.read(context);
    } catch (error) {
      throw storeFailure(connectionFailure(error, context.job.connectionId));
    }
  }

  private async read(context: JobContext): Promise<JobResult> {
    const { job } = context;
    // A run may narrow or widen the connection's settings (e.g. a one-off 30-day window).
    const overrides = orderSettingsFields.omit({ template: true }).safeParse(job.settings ?? {});
    const settings = { ...(await this.settings.get(job.tenantId, job.connectionId)), ...(overrides.success ? overrides.data : {}) };
    const template = compileGetOrdersTemplate(settings);
    const { client, account } = await this.amazon.forConnection(job.connectionId, job.tenantId);
    const counts: BatchCounts & { pages: number } = { ...emptyCounts(), ...(job.counts as Partial<BatchCounts>), pages: 0 };
    const issues: OrderIssue[] = [];
    const saved = job.cursor as GetOrdersCursor | null;
    // A cursor saved before reads were limited to the connection's marketplace starts over (applying a page twice changes nothing).
    let cursor: GetOrdersCursor = saved?.query.marketplaceIds
      ? saved
      : await this.startCursor(job.tenantId, job.connectionId, account.marketplaceId, settings.createdWithinDays, settings.fulfilledBy);
    counts.pages = cursor.pages;
    const mappings = await this.mappings.facts(job.tenantId, job.connectionId);
    while (!isRunFinished(cursor)) {
      context.signal.throwIfAborted();
      const page = await client.orders.searchOrders(
        { ...cursor.query, ...(cursor.paginationToken ? { paginationToken: cursor.paginationToken } : {}) },
        { priority: 'bulk', signal: context.signal },
      );
      const candidates = page.data.orders.map((order) => toOrderCandidate(order, template));
      // The earliest "read until" of the run: later pages may report a later one.
      const readUntil = cursor.readUntil ?? page.data.lastUpdatedBefore ?? null;
      const fallback = fallbackIfOutOfOrder(cursor, page.data.orders);
      if (fallback) this.log.warn(`get-orders ${job.id}: Amazon's page was not in update-time order; following pagination tokens for the rest of the run`);
      const next: GetOrdersCursor = fallback
        ? { ...fallback, pages: cursor.pages + 1 }
        : nextGetOrdersPage(cursor, page.data.orders, page.data.pagination?.nextToken ?? null, readUntil);
      const applied = await this.importOrders.applyPage(
        {
          tenantId: job.tenantId,
          connectionId: job.connectionId,
          account: { sellingPartnerId: account.sellingPartnerId, region: account.region },
          connectionMarketplaceId: account.marketplaceId,
          settings,
          mappings,
          now: this.clock.now(),
          correlationId: job.id,
          causationId: job.id,
        },
        candidates,
        // The next page's cursor and the run's counts commit with this page's orders.
        { job, progress: (pageCounts) => pageApplied(next, addCounts(counts, pageCounts)) },
      );
      Object.assign(counts, addCounts(counts, applied.counts));
      issues.push(...applied.issues);
      cursor = next;
      counts.pages = cursor.pages;
    }
    if (cursor.readUntil) await this.orders.saveReadUntil(job.tenantId, job.connectionId, new Date(cursor.readUntil), this.clock.now());
    this.log.log(
      `get-orders ${job.id} for ${job.connectionId}: ${counts.created} new, ${counts.updated} updated, ${counts.held} held, ${counts.failed} not stored, ${counts.pages} page(s)`,
    );
    // Which template mapped the run, so a seller who just changed it can tell which one applied.
    const mappedWith = settings.templateVersion ? `the connection's saved template (version ${settings.templateVersion})` : 'the default template';
    return { outcome: 'SUCCEEDED', counts, summary: `${summarise(counts, issues)} Mapped with ${mappedWith}.` };
  }

  private async startCursor(
    tenantId: string,
    connectionId: string,
    marketplaceId: string,
    createdWithinDays: number,
    fulfilledBy: string[],
  ): Promise<GetOrdersCursor> {
    const state = await this.orders.syncState(tenantId, connectionId);
    const now = this.clock.now().getTime();
    // First run: everything updated within the created-within window (older orders cannot qualify).
    const after = state ? state.readUntil.getTime() - this.options.overlapMinutes * 60_000 : now - createdWithinDays * 86_400_000;
    return {
      query: {
        lastUpdatedAfter: new Date(after).toISOString(),
        // Only the connection's marketplace: a seller's US and CA connections share one authorization,
        // and each must read its own orders, as Amazon otherwise returns every marketplace's.
        marketplaceIds: [marketplaceId],
        fulfilledBy: fulfilledBy as Array<'MERCHANT' | 'AMAZON'>,
        maxResultsPerPage: 100,
        includedData: GET_ORDERS_INCLUDED_DATA,
      },
      paginationToken: null,
      readUntil: null,
      pages: 0,
    };
  }
}

/** The run's counts after a page. */
function addCounts(run: BatchCounts & { pages: number }, page: BatchCounts): BatchCounts & { pages: number } {
  const sum = { ...run };
  for (const [key, value] of Object.entries(page)) sum[key as keyof BatchCounts] += value;
  return sum;
}

/** The checkpoint after a page: where the next page starts, and how far the run is. */
function pageApplied(next: GetOrdersCursor, counts: BatchCounts & { pages: number }): JobProgress {
  const all = { ...counts, pages: next.pages };
  return {
    step: 'page-applied',
    cursor: next as unknown as Record<string, unknown>,
    counts: all,
    done: all.created + all.updated + all.unchanged,
    total: null,
  };
}

/** The seller-readable result: counts, and the orders held for bad data or left out, by id and code (never a value). */
function summarise(counts: BatchCounts & { pages: number }, issues: readonly OrderIssue[]): string {
  const named = issues.slice(0, ISSUES_IN_SUMMARY).map((i) => `${i.amazonOrderId} (${i.reason})`);
  const more = issues.length > named.length ? ` and ${issues.length - named.length} more` : '';
  return (
    `${counts.created} new order(s) (${counts.held} held, ${counts.reserved} reserved), ${counts.released} released, ${counts.updated} updated, ` +
    `${counts.cancelled} cancellation(s), ${counts.cancelled_before_import} cancelled before import; skipped: ${counts.skipped_status} by status, ` +
    `${counts.skipped_created_window} outside the created window, ${counts.skipped_fulfilled_by} by fulfilment channel, ${counts.skipped_other_marketplace} of another marketplace; ` +
    `${counts.pages} page(s) read.` +
    (counts.held_invalid_data || counts.failed
      ? ` Bad data from Amazon: ${counts.held_invalid_data} order(s) held, ${counts.failed} not stored: ${named.join(', ')}${more}.`
      : '')
  );
}
