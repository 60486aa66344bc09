import type { JobEntity, JobProgress } from '@amazon-channel/platform-service';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ADDRESS_FINGERPRINT, type AddressFingerprint } from '../../pii/address-fingerprint';
import type { ShippingMappingFacts } from '../../shipping-mappings/domain/shipping-policy';
import { countDecisions, emptyCounts, isInvalidDataHold, type BatchCounts } from '../domain/import-counts';
import { decideKnownOrder, decideNewOrder, latestVersions, type ImportRules, type OrderDecision } from '../domain/import-decision';
import type { GetOrdersSettings, OrderCandidate } from '../domain/order-candidate';
import { orderEvents } from '../order-events';
import type { ImportScope } from '../order-import.writer';
import { OrdersError } from '../orders.error';
import { OrdersRepository } from '../orders.repository';

/** Everything one page is applied with. */
export interface PageScope extends ImportScope {
  settings: GetOrdersSettings;
  mappings: readonly ShippingMappingFacts[];
  connectionMarketplaceId: string;
  /** Envelope correlation (the job run) for the events the page emits. */
  correlationId: string;
  causationId: string | null;
}

/** An order held or left out for what Amazon sent, named on the run's result. */
export interface OrderIssue {
  amazonOrderId: string;
  reason: string;
}

/** The run's checkpoint after a page, from what the page did: committed with the page. */
export interface PageCheckpoint {
  job: Readonly<JobEntity>;
  progress(page: BatchCounts): JobProgress;
}

/** What applying one page did. */
export interface PageOutcome {
  counts: BatchCounts;
  issues: OrderIssue[];
}

/**
 * Applies one page of orders read from Amazon: decide (pure, `domain/import-decision`) → persist
 * (one transaction of the {@link OrdersRepository}) → announce (events from `order-events`, in the
 * same transaction), with the run's checkpoint in that transaction too, so a worker killed between
 * pages resumes after the last page that committed. When the page cannot be stored, each order is
 * applied on its own, so one bad order is left out with a code and the others go through; the
 * checkpoint then follows them (re-applying one of those orders changes nothing).
 */
@Injectable()
export class ImportOrdersUseCase {
  private readonly log = new Logger('ImportOrders');

  constructor(
    private readonly orders: OrdersRepository,
    @Inject(ADDRESS_FINGERPRINT) private readonly fingerprint: AddressFingerprint,
  ) {}

  async applyPage(scope: PageScope, page: readonly OrderCandidate[], checkpoint?: PageCheckpoint): Promise<PageOutcome> {
    const candidates = latestVersions(page);
    if (!candidates.length) {
      if (checkpoint) await this.orders.checkpoint(checkpoint.job, checkpoint.progress(emptyCounts()));
      return { counts: emptyCounts(), issues: [] };
    }
    try {
      return outcome(await this.apply(scope, candidates, checkpoint));
    } catch (error) {
      if (!(error instanceof OrdersError && error.code === 'STORE_FAILED')) throw error;
      this.log.warn(`a page of ${candidates.length} order(s) for ${scope.connectionId} could not be stored (${error.message}); applying its orders one by one`);
    }
    const total: PageOutcome = { counts: emptyCounts(), issues: [] };
    for (const candidate of candidates) {
      try {
        const one = outcome(await this.apply(scope, [candidate]));
        for (const [key, value] of Object.entries(one.counts)) total.counts[key as keyof BatchCounts] += value;
        total.issues.push(...one.issues);
      } catch (error) {
        if (!(error instanceof OrdersError && error.code === 'STORE_FAILED')) throw error;
        total.counts.failed++;
        total.issues.push({ amazonOrderId: candidate.amazonOrderId, reason: 'STORE_FAILED' });
        await this.orders
          .recordUnstored(scope.tenantId, scope.connectionId, candidate.amazonOrderId, 'STORE_FAILED', error.message, scope.now)
          .catch(() => undefined);
      }
    }
    if (checkpoint) await this.orders.checkpoint(checkpoint.job, checkpoint.progress(total.counts));
    return total;
  }

  private apply(scope: PageScope, candidates: readonly OrderCandidate[], checkpoint?: PageCheckpoint): Promise<OrderDecision[]> {
    const rules: ImportRules = {
      settings: scope.settings,
      now: scope.now,
      mappings: scope.mappings,
      connectionMarketplaceId: scope.connectionMarketplaceId,
      addressDiffers: (stored, address) => this.fingerprint.differs(stored, address),
    };
    return this.orders.importPage(async (writer) => {
      const eligible = await writer.eligibleSources(scope.tenantId);
      const known = await writer.lockKnown(
        scope,
        candidates.map((c) => c.amazonOrderId),
      );
      const decisions: OrderDecision[] = [];
      const creates: Array<Extract<OrderDecision, { kind: 'create' }>> = [];
      for (const c of candidates) {
        const stored = known.get(c.amazonOrderId);
        const d = stored ? decideKnownOrder(c, stored, rules) : decideNewOrder(c, rules, uuidv7());
        if (d.kind === 'create') creates.push(d);
        else decisions.push(d);
      }
      const inserted = await writer.insertOrders(scope, creates);
      decisions.push(...creates.filter((d) => inserted.has(d.candidate.amazonOrderId)));
      // Orders another run stored between our lock and our insert: decided again as stored ones.
      const lost = creates.filter((d) => !inserted.has(d.candidate.amazonOrderId));
      if (lost.length) {
        const again = await writer.lockKnown(
          scope,
          lost.map((d) => d.candidate.amazonOrderId),
        );
        for (const d of lost) {
          const stored = again.get(d.candidate.amazonOrderId);
          if (!stored) throw new OrdersError('STORE_FAILED', `Order ${d.candidate.amazonOrderId} is stored under another seller account`);
          decisions.push(decideKnownOrder(d.candidate, stored, rules));
        }
      }
      await writer.write(scope, decisions);
      await writer.announce(
        orderEvents(decisions, scope.connectionId, eligible, {
          producer: 'orders',
          tenantId: scope.tenantId,
          connectionId: scope.connectionId,
          correlationId: scope.correlationId,
          causationId: scope.causationId,
        }),
      );
      if (checkpoint) await writer.checkpoint(checkpoint.job, checkpoint.progress(countDecisions(decisions)));
      return decisions;
    });
  }
}

function outcome(decisions: readonly OrderDecision[]): PageOutcome {
  const issues: OrderIssue[] = [];
  for (const d of decisions) {
    const placement = d.kind === 'create' || d.kind === 'update' ? d.placement : null;
    if (placement?.state === 'HELD' && isInvalidDataHold(placement.holdReason))
      issues.push({ amazonOrderId: d.candidate.amazonOrderId, reason: placement.holdReason ?? 'HELD' });
  }
  return { counts: countDecisions(decisions), issues };
}
