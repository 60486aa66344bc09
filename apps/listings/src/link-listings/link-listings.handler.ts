import type { AmazonConnections } from '@amazon-channel/platform-amazon';
import type { JobContext, JobHandler, JobResult } from '@amazon-channel/platform-service';
import { v7 as uuidv7 } from 'uuid';
import { listingLinkEvents } from '../channel-listings/listing-events';
import { decideLink, type LinkOutcome } from './domain/link-decision';
import type { LinkListingsRepository } from './link-listings.repository';
import { LOOKUP_BATCH, type ListingLinker } from './listing-linker';

/** SKUs looked up and committed per batch. */
const BATCH = LOOKUP_BATCH * 5;

/**
 * Link Listings: walks every SKU the connection knows (platform listings, and channel listings
 * currently linked) in SKU order, looks them up on Amazon and links, re-links or breaks them.
 * Each batch: decide (pure), then one repository call writes the links, their events and the
 * cursor (the last SKU) together, so a restarted run continues after the last committed batch.
 */
export class LinkListingsHandler implements JobHandler {
  readonly operation = 'link-listings' as const;

  constructor(
    private readonly links: LinkListingsRepository,
    private readonly linker: ListingLinker,
    private readonly amazon: AmazonConnections,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const { job, signal } = context;
    const { account, client } = await this.amazon.forConnection(job.connectionId, job.tenantId);
    const counts: Record<string, number> = { linked: 0, already_linked: 0, broken: 0, not_on_amazon: 0, ...job.counts };
    const scope = { tenantId: job.tenantId, connectionId: job.connectionId, jobId: job.id };
    let afterSku = ((job.cursor as { afterSku?: string } | null) ?? {}).afterSku ?? '';
    for (;;) {
      const skus = await this.links.skusAfter(job.connectionId, afterSku, BATCH);
      if (skus.length === 0) break;
      const amazon = await this.linker.lookup(client, account, skus, signal);
      const known = await this.links.known(job.connectionId, skus);
      const decisions = skus.map((sku) => decideLink(sku, amazon.get(sku), known.channel.get(sku), known.platform.get(sku) ?? null, uuidv7));
      for (const { outcome } of decisions) counts[outcome] = (counts[outcome] ?? 0) + 1;
      afterSku = skus[skus.length - 1] as string;
      await this.links.apply(scope, decisions, listingLinkEvents(scope, decisions, uuidv7), {
        job,
        progress: { step: 'skus-linked', cursor: { afterSku }, counts: { ...counts } },
      });
      if (signal.aborted) throw new Error('Link Listings was interrupted; it resumes after the last committed SKU');
    }
    const describe = (key: LinkOutcome, text: string) => (counts[key] ? [`${counts[key]} ${text}`] : []);
    const parts = [
      ...describe('linked', 'linked'),
      ...describe('already_linked', 'already linked'),
      ...describe('broken', 'broken (SKU no longer on Amazon; unlink and relink once fixed)'),
      ...describe('not_on_amazon', 'platform SKUs with no Amazon listing of that exact SKU'),
    ];
    return { outcome: 'SUCCEEDED', counts, summary: parts.length ? `${parts.join('; ')}.` : 'No SKUs to link.' };
  }
}
