import type { SellerAccount } from '@amazon-channel/platform-amazon';
import type { SpApiClient } from '@amazon-channel/sp-api';
import type { SyncIssue } from '../link-listings/domain/desired-state';
import { hasLanded } from '../sync-listings/domain/sync-outcomes';
import type { SyncFeedEntity } from '../sync-listings/entities/sync-feed.entity';
import type { SyncStateChange, SyncStateRepository } from '../sync-listings/sync-state.repository';
import { readBack } from './read-back';

/** Bounds of one confirmation. */
export interface LandingBounds {
  landingPollMs: number;
  landingTimeoutMs: number;
}

const notApplied = (sku: string): SyncIssue[] => {
  const text = `Amazon accepted the update of ${sku} but does not show it live; it was sent again once, check the listing in Seller Central if it stays so.`;
  return [{ code: 'NOT_APPLIED', severity: 'ERROR', attribute: null, message: text, sentence: text }];
};

/**
 * Landing confirmation (shared by sync and publish): reads back what Amazon shows for the ACCEPTED
 * SKUs of a feed until each sent value is live (LIVE) or the bound passes. ACCEPTED is not live
 * (write-path.md §B.7): a value not live by then is `NOT_APPLIED`, sent again once (PENDING), then FAILED.
 * A restock whose price went first (§B.5) goes back to PENDING once the price is live, for its quantity.
 */
export class LandingConfirmation {
  constructor(private readonly sync: SyncStateRepository) {}

  async confirm(
    scope: { tenantId: string; connectionId: string; jobId: string | null },
    client: SpApiClient,
    account: SellerAccount,
    feed: SyncFeedEntity,
    bounds: LandingBounds,
    signal: AbortSignal,
  ): Promise<{ live: number; failed: number }> {
    const states = await this.sync.statesOf(
      feed.connectionId,
      feed.messages.map((m) => m.sku),
    );
    let waiting = feed.messages.filter((m) => {
      const s = states.get(m.sku);
      return s?.state === 'ACCEPTED' && s.version === m.version && s.feedId === feed.id;
    });
    let live = 0;
    let failed = 0;
    const deadline = Date.now() + bounds.landingTimeoutMs;
    while (waiting.length > 0) {
      const seen = await readBack(
        client,
        account,
        waiting.map((m) => m.sku),
        signal,
      );
      const changes: SyncStateChange[] = [];
      const still: typeof waiting = [];
      for (const m of waiting) {
        const values = seen.get(m.sku);
        if (values && hasLanded(m.sent, values)) {
          changes.push(
            m.deferredQuantity
              ? { sku: m.sku, version: m.version, state: 'PENDING', reason: 'RESTOCK_AFTER_PRICE', confirmed: values }
              : { sku: m.sku, version: m.version, state: 'LIVE', confirmed: values },
          );
          if (!m.deferredQuantity) live++;
        } else still.push(m);
      }
      await this.sync.recordChanges(scope, changes);
      waiting = still;
      if (waiting.length === 0 || signal.aborted) break;
      if (Date.now() >= deadline) {
        const retry: SyncStateChange[] = waiting.map((m) => {
          const attempts = states.get(m.sku)?.attempts ?? 1;
          if (attempts < 2) return { sku: m.sku, version: m.version, state: 'PENDING', reason: 'NOT_APPLIED', issues: notApplied(m.sku) };
          failed++;
          return { sku: m.sku, version: m.version, state: 'FAILED', reason: 'NOT_APPLIED', issues: notApplied(m.sku) };
        });
        await this.sync.recordChanges(scope, retry);
        waiting = [];
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, bounds.landingPollMs));
    }
    if (signal.aborted) throw new Error('Landing confirmation was interrupted; it resumes reading back');
    await this.sync.markLanded(feed);
    return { live, failed };
  }
}
