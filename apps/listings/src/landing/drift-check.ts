import type { SellerAccount } from '@amazon-channel/platform-amazon';
import type { SpApiClient } from '@amazon-channel/sp-api';
import { effectiveQuantity, isFbaChannel } from '../sync-listings/domain/sync-deltas';
import { driftOf } from '../sync-listings/domain/sync-outcomes';
import type { DriftPolicy } from '../sync-listings/entities/sync-settings.entity';
import type { SyncStateChange, SyncStateRepository } from '../sync-listings/sync-state.repository';
import { readBack } from './read-back';

/**
 * Drift: reads back LIVE and DRIFTED SKUs and notices values changed in Seller Central (not by us). `REPORT_ONLY`
 * marks them DRIFTED with both values; `RESTORE` makes them PENDING so this run sends the platform's value.
 */
export class DriftCheck {
  constructor(private readonly sync: SyncStateRepository) {}

  async run(
    scope: { tenantId: string; connectionId: string; jobId: string | null },
    client: SpApiClient,
    account: SellerAccount,
    policy: DriftPolicy,
    limit: number,
    signal: AbortSignal,
  ): Promise<{ checked: number; drifted: number }> {
    let afterSku = '';
    let checked = 0;
    let drifted = 0;
    while (checked < limit && !signal.aborted) {
      const page = await this.sync.livePage(scope.connectionId, afterSku, Math.min(1_000, limit - checked));
      if (page.length === 0) break;
      afterSku = page[page.length - 1]?.sku as string;
      checked += page.length;
      const live = await readBack(
        client,
        account,
        page.map((p) => p.sku),
        signal,
      );
      const changes: SyncStateChange[] = [];
      for (const p of page) {
        const values = live.get(p.sku);
        if (!values) continue;
        const fba = p.desired.fulfillmentChannel === 'FBA' || isFbaChannel(values.fulfillmentChannel);
        const drift = driftOf(
          { priceMinor: p.desired.priceMinor, quantity: effectiveQuantity(p.desired), handlingTimeDays: p.desired.handlingTimeDays },
          values,
          fba,
        );
        if (Object.keys(drift).length === 0) {
          // Put back in Seller Central: live again.
          if (p.drifted) changes.push({ sku: p.sku, version: p.version, state: 'LIVE', confirmed: values });
          continue;
        }
        drifted++;
        const fields = Object.entries(drift)
          .map(([field, d]) => `${field} is ${String(d.amazon)} on Amazon, ${String(d.desired)} on the platform`)
          .join('; ');
        const text = `Changed in Seller Central: ${fields}.${policy === 'RESTORE' ? ' The platform value is sent again.' : ' Sync leaves it (report only).'}`;
        changes.push({
          sku: p.sku,
          version: p.version,
          state: policy === 'RESTORE' ? 'PENDING' : 'DRIFTED',
          reason: 'DRIFTED',
          drift,
          confirmed: values,
          issues: [{ code: 'DRIFTED', severity: 'WARNING', attribute: Object.keys(drift).join(','), message: text, sentence: text }],
        });
      }
      await this.sync.recordChanges(scope, changes);
    }
    return { checked, drifted };
  }
}
