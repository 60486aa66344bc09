import { appendToOutbox, quoteIdent, type PendingEvent } from '@amazon-channel/platform-persistence';
import { writeJobCheckpoint, type JobContext, type JobProgress } from '@amazon-channel/platform-service';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChannelListingsRepository } from '../channel-listings/channel-listings.repository';
import { LISTINGS_SCHEMA } from '../service-schema';
import type { ChannelLinkState, LinkDecision } from './domain/link-decision';
import { PlatformListingsRepository } from './platform-listings.repository';

const SCHEMA = quoteIdent(LISTINGS_SCHEMA);

/** What linking needs to know of a batch of SKUs before it decides. */
export interface KnownLinks {
  channel: Map<string, ChannelLinkState>;
  platform: Map<string, string>;
}

/** A job's checkpoint, written in the transaction of the batch it describes. */
export interface BatchCheckpoint {
  job: JobContext['job'];
  progress: JobProgress;
}

/**
 * Link Listings' reads and its one write: the link decisions of a batch, their events and (for a
 * job) its checkpoint in one transaction. Channel listings are written through
 * {@link ChannelListingsRepository}, the only writer of that table.
 */
@Injectable()
export class LinkListingsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly listings: ChannelListingsRepository,
    private readonly platformListings: PlatformListingsRepository,
  ) {}

  /** The next SKUs of a connection to link, in SKU order after `afterSku`: every platform SKU and every linked channel SKU. */
  async skusAfter(connectionId: string, afterSku: string, limit: number): Promise<string[]> {
    const rows: Array<{ sku: string }> = await this.dataSource.query(
      `SELECT sku FROM (SELECT sku FROM ${SCHEMA}.platform_listings WHERE connection_id = $1
                        UNION SELECT sku FROM ${SCHEMA}.channel_listings WHERE connection_id = $1 AND link_status = 'LINKED') s
        WHERE sku > $2 ORDER BY sku LIMIT $3`,
      [connectionId, afterSku, limit],
    );
    return rows.map((r) => r.sku);
  }

  /** The stored link states and platform listings of these SKUs. */
  async known(connectionId: string, skus: string[]): Promise<KnownLinks> {
    const [channel, platform] = await Promise.all([this.listings.linkStates(connectionId, skus), this.platformListings.idsBySku(connectionId, skus)]);
    return { channel, platform };
  }

  /** Writes the decisions, their events and the checkpoint (when a job runs) in one transaction. */
  async apply(
    scope: { tenantId: string; connectionId: string; jobId: string | null },
    decisions: LinkDecision[],
    events: PendingEvent[],
    checkpoint?: BatchCheckpoint,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.listings.applyLinkWrites(
        manager,
        scope,
        decisions.map((d) => d.write),
      );
      await appendToOutbox(manager, events);
      if (checkpoint) await writeJobCheckpoint(manager, checkpoint.job, checkpoint.progress, { producer: 'listings' });
    });
  }
}
