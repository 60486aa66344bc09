import { quoteIdent } from '@amazon-channel/platform-persistence';
import type { JobContext, JobHandler, JobResult } from '@amazon-channel/platform-service';
import type { DataSource } from 'typeorm';
import type { ConnectionTokenProvider } from '../connections/connection-token.provider';
import type { SpApiClients } from '../connections/sp-api-clients';
import { LISTINGS_SCHEMA } from '../service-schema';
import { LOOKUP_BATCH, type LinkOutcome, type ListingLinker } from './listing-linker';

const SCHEMA = quoteIdent(LISTINGS_SCHEMA);
/** SKUs looked up and committed per batch. */
const BATCH = LOOKUP_BATCH * 5;

/**
 * Link Listings: walks every SKU the connection knows (platform listings, and channel listings
 * currently linked) in SKU order, looks them up on Amazon and links, re-links or breaks them.
 * The cursor is the last SKU committed, so a restarted run continues after it.
 */
export class LinkListingsHandler implements JobHandler {
  readonly operation = 'link-listings' as const;

  constructor(
    private readonly dataSource: DataSource,
    private readonly linker: ListingLinker,
    private readonly tokens: ConnectionTokenProvider,
    private readonly clients: SpApiClients,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const { job, signal } = context;
    const access = await this.tokens.forConnection(job.connectionId, job.tenantId);
    const client = this.clients.forAccess(access);
    const counts: Record<string, number> = { linked: 0, already_linked: 0, broken: 0, not_on_amazon: 0, ...job.counts };
    let afterSku = ((job.cursor as { afterSku?: string } | null) ?? {}).afterSku ?? '';
    for (;;) {
      const rows: Array<{ sku: string }> = await this.dataSource.query(
        `SELECT sku FROM (SELECT sku FROM ${SCHEMA}.platform_listings WHERE connection_id = $1
                          UNION SELECT sku FROM ${SCHEMA}.channel_listings WHERE connection_id = $1 AND link_status = 'LINKED') s
          WHERE sku > $2 ORDER BY sku LIMIT $3`,
        [job.connectionId, afterSku, BATCH],
      );
      if (rows.length === 0) break;
      const skus = rows.map((r) => r.sku);
      const amazon = await this.linker.lookup(client, access, skus, signal);
      afterSku = skus[skus.length - 1] as string;
      await this.dataSource.transaction(async (manager) => {
        const outcomes = await this.linker.apply(manager, { tenantId: job.tenantId, connectionId: job.connectionId, jobId: job.id }, skus, amazon);
        for (const outcome of outcomes.values()) counts[outcome] = (counts[outcome] ?? 0) + 1;
        // The links, their events and the cursor commit together.
        await manager.query(`UPDATE ${SCHEMA}.jobs SET step = 'skus-linked', cursor = $2, counts = $3, updated_at = now() WHERE id = $1`, [job.id, JSON.stringify({ afterSku }), JSON.stringify(counts)]);
      });
      await context.checkpoint({ step: 'skus-linked', cursor: { afterSku }, counts });
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
