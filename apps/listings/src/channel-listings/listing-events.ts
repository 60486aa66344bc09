import {
  ListingImportedV1,
  ListingLinkBrokenV1,
  ListingLinkedV1,
  ListingPublishedV1,
  ListingPublishFailedV1,
  ListingsImportCompletedV1,
  ListingSyncedV1,
  ListingSyncFailedV1,
  type EnvelopeContext,
} from '@amazon-channel/contracts';
import type { PendingEvent } from '@amazon-channel/platform-persistence';
import type { SkipReason } from '../import-listings/domain/report-row';
import type { LinkDecision } from '../link-listings/domain/link-decision';
import type { WrittenListing } from './channel-listings.repository';

/**
 * The events of the channel-listing aggregate, all built here: Import Listings' `ListingImported`
 * and `ListingsImportCompleted`, Link Listings' `ListingLinked` and `ListingLinkBroken`, Publish
 * Listings' `ListingPublished` and `ListingPublishFailed`.
 * Repositories append what these return in the transaction of the change they announce.
 */

/** The run (or the seller's action, `jobId` null) behind an event. */
export interface ListingEventScope {
  tenantId: string;
  connectionId: string;
  jobId: string | null;
}

/** Envelope context of every listings event: correlated with the run, or a fresh id for an action. */
export function listingEventContext(scope: ListingEventScope, freshId: () => string): EnvelopeContext {
  return {
    producer: 'listings',
    tenantId: scope.tenantId,
    connectionId: scope.connectionId,
    correlationId: scope.jobId ?? freshId(),
    causationId: scope.jobId,
  };
}

/** `ListingImported` events of one batch, stored as one outbox row and published one message per event. */
export interface ListingImportedBatch {
  definition: typeof ListingImportedV1;
  data: ListingImportedV1[];
  context: EnvelopeContext;
}

/** One `ListingImported` per listing an import batch created or changed (unchanged rows emit nothing). */
export function listingImportedEvents(job: { id: string; tenantId: string; connectionId: string }, written: WrittenListing[]): ListingImportedBatch {
  return {
    definition: ListingImportedV1,
    context: listingEventContext({ tenantId: job.tenantId, connectionId: job.connectionId, jobId: job.id }, () => job.id),
    data: written.map((w) => ({
      connectionId: job.connectionId,
      jobRunId: job.id,
      listingId: w.id,
      sku: w.sku,
      parentSku: w.parentSku,
      change: w.inserted ? ('CREATED' as const) : ('UPDATED' as const),
      externalListingId: w.externalListingId,
      asin: w.asin,
      title: w.title,
      price: w.priceMinor === null || w.currency === null ? null : { amountMinor: w.priceMinor, currency: w.currency },
      quantity: w.quantity,
      fulfillmentChannel: w.fulfillmentChannel,
      status: w.listingStatus,
    })),
  };
}

/** Counts of a finished import, as `ListingsImportCompleted` carries them. */
export interface ImportTotals {
  created: number;
  updated: number;
  unchanged: number;
  skipped: Record<SkipReason, number>;
  failed: number;
}

/** `ListingsImportCompleted` of a run. */
export function importCompletedEvent(job: { id: string; tenantId: string; connectionId: string }, totals: ImportTotals): PendingEvent {
  return {
    definition: ListingsImportCompletedV1,
    data: { connectionId: job.connectionId, jobRunId: job.id, ...totals },
    context: listingEventContext({ tenantId: job.tenantId, connectionId: job.connectionId, jobId: job.id }, () => job.id),
  };
}

/**
 * `ListingLinked` for each SKU a link batch linked, `ListingLinkBroken` for each it broke; SKUs left
 * as they were emit nothing.
 */
export function listingLinkEvents(scope: ListingEventScope, decisions: LinkDecision[], freshId: () => string): PendingEvent[] {
  const context = listingEventContext(scope, freshId);
  const events: PendingEvent[] = [];
  for (const { write } of decisions) {
    switch (write.kind) {
      case 'none':
        break;
      case 'break':
        events.push({
          definition: ListingLinkBrokenV1,
          data: {
            connectionId: scope.connectionId,
            listingId: write.listingId,
            sku: write.sku,
            jobRunId: scope.jobId,
            issues: [{ code: 'NOT_FOUND', message: `SKU ${write.sku} is no longer on Amazon`, severity: 'ERROR' }],
          },
          context,
        });
        break;
      case 'link':
      case 'create':
        events.push({
          definition: ListingLinkedV1,
          data: { connectionId: scope.connectionId, listingId: write.listingId, sku: write.sku, jobRunId: scope.jobId, issues: [] },
          context,
        });
        break;
    }
  }
  return events;
}

/** A SKU whose synced values were read back live (`ListingSynced`) or that failed (`ListingSyncFailed`). */
export interface SyncOutcomeForEvent {
  listingId: string;
  sku: string;
  live?: { priceMinor: number | null; currency: string | null; quantity: number | null; handlingTimeDays: number | null };
  failed?: { reason: string; sentence: string; issues: Array<{ code: string; message: string; severity: string }> };
}

/** `ListingSynced` / `ListingSyncFailed` of sync outcomes (job run or fast lane). */
export function listingSyncEvents(scope: ListingEventScope, outcomes: SyncOutcomeForEvent[], freshId: () => string): PendingEvent[] {
  const context = listingEventContext(scope, freshId);
  return outcomes.flatMap((o): PendingEvent[] => {
    const base = { connectionId: scope.connectionId, listingId: o.listingId, sku: o.sku, jobRunId: scope.jobId };
    if (o.live) return [{ definition: ListingSyncedV1, data: { ...base, issues: [], values: o.live }, context }];
    if (o.failed)
      return [{ definition: ListingSyncFailedV1, data: { ...base, issues: o.failed.issues, reason: o.failed.reason, sentence: o.failed.sentence }, context }];
    return [];
  });
}

/** One SKU's publish outcome as its event tells it. */
export interface PublishOutcomeForEvent {
  /** The channel listing (or, for a SKU that has none yet, the platform listing record). */
  listingId: string;
  sku: string;
  published: boolean;
  issues: Array<{ code: string; message: string; severity: string }>;
}

/** `ListingPublished` for each SKU Amazon accepted, `ListingPublishFailed` for each that failed (previews emit nothing). */
export function listingPublishEvents(scope: ListingEventScope, outcomes: PublishOutcomeForEvent[], freshId: () => string): PendingEvent[] {
  const context = listingEventContext(scope, freshId);
  return outcomes.map((o) => ({
    definition: o.published ? ListingPublishedV1 : ListingPublishFailedV1,
    data: { connectionId: scope.connectionId, listingId: o.listingId, sku: o.sku, jobRunId: scope.jobId, issues: o.issues },
    context,
  }));
}
