import { AmazonConnections } from '@amazon-channel/platform-amazon';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { readBack } from '../landing/read-back';
import { PlatformListingsService, type DesiredStateListener } from '../link-listings/platform-listings.service';
import type { SavedListing } from '../link-listings/platform-listings.repository';
import { decideSync, effectiveQuantity } from './domain/sync-deltas';
import { hasLanded, toSyncIssues } from './domain/sync-outcomes';
import { compileSyncTemplate } from './domain/sync-template';
import { SyncStateRepository, type SyncStateChange } from './sync-state.repository';

/** Identity of a connection's queue. */
type Key = `${string}|${string}`;

/**
 * The fast lane: a SKU whose quantity to send drops to 0 (out of stock, hidden, inactive) goes out
 * at once through `patchListingsItem` at `critical` priority, ahead of bulk work in the shared rate
 * budget, without waiting for the next feed. The queue is in memory: a SKU it loses in a crash is
 * still PENDING, and the next bulk run sends it.
 */
@Injectable()
export class FastLane implements DesiredStateListener, OnModuleInit {
  private readonly logger = new Logger(FastLane.name);
  private readonly queues = new Map<Key, Set<string>>();
  private readonly running = new Set<Key>();
  private readonly template = compileSyncTemplate();

  constructor(
    private readonly platformListings: PlatformListingsService,
    private readonly sync: SyncStateRepository,
    private readonly amazon: AmazonConnections,
  ) {}

  onModuleInit(): void {
    this.platformListings.listen(this);
  }

  /** Queues the saved SKUs whose quantity to send is now 0. */
  onSaved(tenantId: string, connectionId: string, saved: readonly SavedListing[]): void {
    const zero = saved.filter((s) => s.pendingVersion !== null && s.effectiveQuantity === 0).map((s) => s.sku);
    if (zero.length > 0) this.offer(tenantId, connectionId, zero);
  }

  /** Queues SKUs of a connection for the fast lane. */
  offer(tenantId: string, connectionId: string, skus: readonly string[]): void {
    const key: Key = `${tenantId}|${connectionId}`;
    const queue = this.queues.get(key) ?? new Set<string>();
    for (const sku of skus) queue.add(sku);
    this.queues.set(key, queue);
    if (!this.running.has(key)) void this.drain(key, tenantId, connectionId);
  }

  /** Whether every queue is empty (tests and the bench wait on it). */
  get idle(): boolean {
    return this.running.size === 0;
  }

  private async drain(key: Key, tenantId: string, connectionId: string): Promise<void> {
    this.running.add(key);
    try {
      for (;;) {
        const queue = this.queues.get(key);
        if (!queue || queue.size === 0) break;
        const skus = [...queue].slice(0, 20);
        for (const sku of skus) queue.delete(sku);
        await this.send(tenantId, connectionId, skus).catch((error: unknown) =>
          // The SKUs stay PENDING: the next bulk run sends them.
          this.logger.warn(`fast lane for ${skus.length} SKUs of ${connectionId} failed: ${(error as Error).message}`),
        );
      }
    } finally {
      this.running.delete(key);
      this.queues.delete(key);
    }
  }

  private async send(tenantId: string, connectionId: string, skus: string[]): Promise<void> {
    const candidates = (await this.sync.pendingSkus(connectionId, skus)).filter((c) => effectiveQuantity(c.desired) === 0);
    if (candidates.length === 0) return;
    const { account, client } = await this.amazon.forConnection(connectionId, tenantId);
    const scope = { tenantId, connectionId, jobId: null };
    const sent: Array<{ sku: string; version: number }> = [];
    const changes: SyncStateChange[] = [];
    for (const c of candidates) {
      // Only the quantity goes out here: the rest of the SKU's change waits for the bulk lane.
      const decision = decideSync(
        { ...c, desired: { ...c.desired, priceMinor: null, currency: null, handlingTimeDays: null } },
        this.template,
        account.marketplaceId,
      );
      if (decision.kind !== 'SEND' || decision.sent.quantity !== 0) continue;
      const { data } = await client.listings.patchListingsItem(
        account.sellingPartnerId,
        c.sku,
        [account.marketplaceId],
        { productType: c.productType, patches: decision.patches },
        { issueLocale: 'en_US' },
        { priority: 'critical' },
      );
      if (data.status === 'INVALID') {
        changes.push({
          sku: c.sku,
          version: c.version,
          state: 'FAILED',
          reason: 'AMAZON_REJECTED',
          issues: toSyncIssues(data.issues ?? []),
          via: `patch:${data.submissionId}`,
        });
        continue;
      }
      // A SKU whose change also had price or handling time stays PENDING for the bulk lane.
      const rest = c.desired.priceMinor !== null || c.desired.handlingTimeDays !== null;
      changes.push({
        sku: c.sku,
        version: c.version,
        state: rest ? 'PENDING' : 'ACCEPTED',
        reason: rest ? 'ZERO_SENT_FAST' : null,
        via: `patch:${data.submissionId}`,
      });
      if (!rest) sent.push({ sku: c.sku, version: c.version });
    }
    await this.sync.recordChanges(scope, changes);
    if (sent.length === 0) return;
    // Read back once: ACCEPTED is not live; what is not live yet is settled by the next bulk run's read-back.
    const live = await readBack(
      client,
      account,
      sent.map((s) => s.sku),
    );
    const landed: SyncStateChange[] = sent.flatMap((s) => {
      const values = live.get(s.sku);
      return values && hasLanded({ quantity: 0 }, values) ? [{ sku: s.sku, version: s.version, state: 'LIVE' as const, confirmed: values }] : [];
    });
    await this.sync.recordChanges(scope, landed);
  }
}
