import { AmazonConnections } from '@amazon-channel/platform-amazon';
import type { JobContext, JobHandler, JobResult } from '@amazon-channel/platform-service';
import { SpApiError, type ConfirmShipmentRequest, type SpApiClient } from '@amazon-channel/sp-api';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { classifyFailure } from './domain/amazon-answer';
import { afterReadBack, isRecorded, type AmazonPackageView } from './domain/read-back';
import { planOrder } from './domain/send-plan';
import type { PackageItem } from './domain/shipment-checks';
import { packageOutcomesCounter, validTrackingRateGauge } from './fulfillment-metrics';
import { packageConfirmedEvent, packageEventContext, packageRejectedEvent } from './shipment-events';
import { ShipmentsRepository, type StoredPackage } from './shipments.repository';

/** Retry bounds and parallelism of sync-orders runs (from the service's configuration). */
export interface SyncOrdersOptions {
  maxAttempts: number;
  retryBaseSeconds: number;
  concurrency: number;
}
/** DI token of {@link SyncOrdersOptions}. */
export const SYNC_ORDERS_OPTIONS = Symbol('SYNC_ORDERS_OPTIONS');

type Counts = Record<'confirmed' | 'rejected' | 'failed' | 'retry' | 'flagged' | 'waiting' | 'covered' | 'sent' | 'resent' | 'orders', number>;

/** What one order's turn needs. */
interface Turn {
  client: SpApiClient;
  connectionId: string;
  marketplaceId: string;
  amazonOrderId: string;
  counts: Counts;
  correlationId: string;
  signal: AbortSignal;
}

/**
 * Sync Orders: sends every due package of a connection to Amazon, one Orders v0 confirmShipment per
 * package (critical priority, through the seller's shared 2 rps budget), then reads the order back
 * with getOrder (2026-01-01, FULFILLMENT + PACKAGES): CONFIRMED only when Amazon shows the package,
 * else NOT_RECORDED and re-sent once, then FLAGGED. The intent is recorded before each call, so a
 * crash between Amazon's 204 and our commit leaves a SENDING package that the next run reads back
 * first and, if missing, re-sends under the same packageReferenceId (an edit at Amazon, never a
 * second package). Orders are worked on a few at a time; packages of one order in order.
 */
@Injectable()
export class SyncOrdersJobHandler implements JobHandler {
  readonly operation = 'sync-orders' as const;
  private readonly log = new Logger('SyncOrders');

  constructor(
    private readonly shipments: ShipmentsRepository,
    private readonly amazon: AmazonConnections,
    @Inject(SYNC_ORDERS_OPTIONS) private readonly options: SyncOrdersOptions,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const { job } = context;
    const { client, account } = await this.amazon.forConnection(job.connectionId, job.tenantId);
    const counts: Counts = { confirmed: 0, rejected: 0, failed: 0, retry: 0, flagged: 0, waiting: 0, covered: 0, sent: 0, resent: 0, orders: 0 };
    const seen = new Set<string>();
    // Shipments arriving during the run are picked up by the same run; each order once per run.
    for (;;) {
      const due = (await this.shipments.dueOrders(job.connectionId, new Date())).filter((o) => !seen.has(o));
      if (due.length === 0) break;
      due.forEach((o) => seen.add(o));
      await pool(due, this.options.concurrency, async (amazonOrderId) => {
        context.signal.throwIfAborted();
        await this.syncOrder({
          client,
          connectionId: job.connectionId,
          marketplaceId: account.marketplaceId,
          amazonOrderId,
          counts,
          correlationId: job.id,
          signal: context.signal,
        });
        counts.orders++;
      });
      await context.checkpoint({ step: 'orders-synced', counts, done: counts.orders, total: null });
    }
    const figures = await this.shipments.trackingFigures(job.connectionId);
    if (figures.confirmed > 0) validTrackingRateGauge.set({ connection_id: job.connectionId }, figures.valid / figures.confirmed);
    const problems = counts.rejected + counts.failed + counts.flagged;
    this.log.log(`sync-orders ${job.id} for ${job.connectionId}: ${JSON.stringify(counts)}`);
    return {
      outcome: problems === 0 ? 'SUCCEEDED' : counts.confirmed > 0 ? 'PARTIALLY_SUCCEEDED' : 'FAILED',
      counts,
      summary:
        `${counts.confirmed} package(s) confirmed by Amazon, ${counts.rejected} rejected (see each package's fix), ${counts.flagged} not recorded by Amazon after a re-send, ` +
        `${counts.failed} failed, ${counts.retry} to retry, ${counts.waiting} waiting for the rest of a bundle.`,
    };
  }

  private async syncOrder(turn: Turn): Promise<void> {
    const packages = await this.shipments.orderPackages(turn.connectionId, turn.amazonOrderId);
    const toSend: Array<{ pkg: StoredPackage; items: PackageItem[] }> = [];
    // Sends that may or may not have reached Amazon (a crash after the call) and 204s not yet read back.
    const unsure = packages.filter((p) => p.status === 'SENDING' || p.status === 'SENT');
    if (unsure.length) {
      const amazon = await this.readBack(turn);
      if (amazon === null) return; // read-back unavailable now: the next run tries again, nothing re-sent blindly
      for (const p of unsure) {
        const recorded = isRecorded(p, amazon);
        if (p.status === 'SENDING' && !recorded) toSend.push({ pkg: p, items: p.sentItems ?? p.items });
        else await this.afterReadBack(turn, p, recorded, toSend);
      }
    }
    for (const p of packages) {
      if (p.status === 'NOT_RECORDED' || (p.status === 'RETRY' && p.nextAttemptAt !== null && p.nextAttemptAt <= new Date()))
        toSend.push({ pkg: p, items: p.sentItems ?? p.items });
    }
    const plan = planOrder(packages);
    const waiting = plan.filter((a) => a.action === 'wait').map((a) => a.id);
    const covered = plan.filter((a) => a.action === 'covered').map((a) => a.id);
    await this.shipments.setStatuses(waiting, 'WAITING_BUNDLE');
    await this.shipments.setStatuses(covered, 'COVERED');
    turn.counts.waiting += waiting.length;
    turn.counts.covered += covered.length;
    for (const a of plan) if (a.action === 'send') toSend.push({ pkg: packages.find((p) => p.id === a.id) as StoredPackage, items: a.items });
    // One re-send round after a read-back that did not show a package, then flagged.
    for (let round = 0; round < 2 && toSend.length; round++) {
      toSend.sort((a, b) => a.pkg.position - b.pkg.position);
      const sent: StoredPackage[] = [];
      for (const { pkg, items } of toSend.splice(0)) {
        turn.signal.throwIfAborted();
        if (await this.send(turn, pkg, items)) sent.push({ ...pkg, sentItems: items });
      }
      if (sent.length === 0) break;
      const amazon = await this.readBack(turn);
      if (amazon === null) return; // stays SENT: read back by the next run
      for (const p of sent) await this.afterReadBack(turn, p, isRecorded(p, amazon), toSend);
    }
  }

  /** Applies read-back to a 204'd package; a missing one is queued in `resend` once. */
  private async afterReadBack(turn: Turn, p: StoredPackage, recorded: boolean, resend: Array<{ pkg: StoredPackage; items: PackageItem[] }>): Promise<void> {
    const now = new Date();
    const context = packageEventContext(p, turn.correlationId);
    const next = afterReadBack(recorded, p.resends);
    if (next === 'CONFIRMED') {
      await this.shipments.recordReadBack(p.id, 'CONFIRMED', null, now, [packageConfirmedEvent(p, now, context)]);
      this.count(turn, p, 'confirmed');
    } else if (next === 'RESEND') {
      await this.shipments.recordReadBack(p.id, 'NOT_RECORDED', 'Amazon answered 204 but its order does not show the package; re-sent once.', now, []);
      resend.push({ pkg: { ...p, status: 'NOT_RECORDED', resends: p.resends + 1 }, items: p.sentItems ?? p.items });
      turn.counts.resent++;
    } else {
      const reason = 'Amazon answered 204 twice but its order still does not show the package.';
      const fix = 'Check the order in Seller Central; edit the package to send it again.';
      await this.shipments.recordReadBack(p.id, 'FLAGGED', reason, now, [packageRejectedEvent(p, now, reason, fix, context)]);
      this.count(turn, p, 'flagged');
    }
  }

  /** One confirmShipment for one package, its intent recorded first. @returns true on 204. */
  private async send(turn: Turn, pkg: StoredPackage, items: PackageItem[]): Promise<boolean> {
    const request: ConfirmShipmentRequest = {
      marketplaceId: turn.marketplaceId,
      packageDetail: {
        packageReferenceId: pkg.packageReferenceId,
        carrierCode: pkg.carrierCode ?? 'Other',
        ...(pkg.carrierName ? { carrierName: pkg.carrierName } : {}),
        ...(pkg.shippingMethod ? { shippingMethod: pkg.shippingMethod } : {}),
        trackingNumber: pkg.trackingNumber.trim(),
        shipDate: pkg.shippedAt.toISOString(),
        orderItems: items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
      },
    };
    const attemptId = await this.shipments.recordIntent(pkg.id, items, request);
    try {
      await turn.client.ordersV0.confirmShipment(turn.amazonOrderId, request, { priority: 'critical', signal: turn.signal });
      await this.shipments.recordSent(pkg.id, attemptId, new Date());
      turn.counts.sent++;
      return true;
    } catch (error) {
      if (!(error instanceof SpApiError)) throw error;
      const attempts = pkg.attempts + 1;
      const answer = classifyFailure(error, {
        carrierCode: request.packageDetail.carrierCode,
        shippingMethod: pkg.shippingMethod,
        trackingNumber: pkg.trackingNumber,
      });
      const now = new Date();
      const context = packageEventContext(pkg, turn.correlationId);
      if (answer.kind === 'transient' && attempts < this.options.maxAttempts) {
        const delayMs = Math.min(3_600_000, this.options.retryBaseSeconds * 1000 * 2 ** (attempts - 1));
        await this.shipments.recordFailure(
          pkg.id,
          attemptId,
          { status: 'RETRY', reason: answer.reason, fix: null, nextAttemptAt: new Date(now.getTime() + delayMs), httpStatus: error.status ?? null },
          [],
        );
        this.count(turn, pkg, 'retry');
        return false;
      }
      const status = answer.kind === 'rejected' ? 'REJECTED' : 'FAILED';
      const reason = answer.kind === 'transient' ? `${answer.reason} (after ${attempts} attempts)` : answer.reason;
      const fix = answer.kind === 'rejected' ? answer.fix : null;
      await this.shipments.recordFailure(pkg.id, attemptId, { status, reason, fix, nextAttemptAt: null, httpStatus: error.status ?? null }, [
        packageRejectedEvent(pkg, now, reason, fix, context),
      ]);
      this.count(turn, pkg, status === 'REJECTED' ? 'rejected' : 'failed');
      return false;
    }
  }

  /** Amazon's packages of the order, or null when Amazon cannot be read now. */
  private async readBack(turn: Turn): Promise<AmazonPackageView[] | null> {
    try {
      const res = await turn.client.orders.getOrder(turn.amazonOrderId, ['FULFILLMENT', 'PACKAGES'], { priority: 'critical', signal: turn.signal });
      return res.data.packages ?? [];
    } catch (error) {
      if (!(error instanceof SpApiError)) throw error;
      this.log.warn(`read-back of ${turn.amazonOrderId} failed (${error.code} ${error.status ?? ''}); the next run reads it back`);
      return null;
    }
  }

  private count(turn: Turn, p: StoredPackage, key: 'confirmed' | 'rejected' | 'failed' | 'retry' | 'flagged'): void {
    turn.counts[key]++;
    packageOutcomesCounter.inc({ connection_id: p.connectionId, status: key });
  }
}

/** Runs `work` over `items`, at most `size` at once. */
async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}
