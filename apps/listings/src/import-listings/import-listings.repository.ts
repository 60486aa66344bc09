import { appendBatchToOutbox, appendToOutbox, quoteIdent, type PendingEvent } from '@amazon-channel/platform-persistence';
import { writeJobCheckpoint, type JobContext, type JobProgress } from '@amazon-channel/platform-service';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ChannelListingsRepository, type WrittenListing } from '../channel-listings/channel-listings.repository';
import type { ListingImportedBatch } from '../channel-listings/listing-events';
import { LISTINGS_SCHEMA } from '../service-schema';
import type { ListingWrite, RowError, WriteMode } from './domain/import-decision';

const ERRORS = `${quoteIdent(LISTINGS_SCHEMA)}.import_row_errors`;

/** A job's checkpoint, written in the transaction of the batch it describes. */
export interface ImportCheckpoint {
  job: JobContext['job'];
  progress: JobProgress;
}

/** One decided batch of an import run, ready to be written. */
export interface ImportBatchWrite {
  scope: { tenantId: string; connectionId: string; jobId: string };
  writes: ListingWrite[];
  mode: WriteMode;
  /** Set New Listings to Paused: listings this batch creates start PAUSED. */
  pauseCreated: boolean;
  /** Row errors to keep for the run (already capped by the caller). */
  errors: RowError[];
}

/**
 * Import Listings' writes: each batch in one transaction with its `ListingImported` events, its
 * row errors and the job's checkpoint, so a crash replays nothing and loses nothing; and the run's
 * end with `ListingsImportCompleted`. The only writer of `import_row_errors`; channel listings are
 * written through {@link ChannelListingsRepository}, the only writer of that table.
 */
@Injectable()
export class ImportListingsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly listings: ChannelListingsRepository,
  ) {}

  /** Stored content hashes of a connection's listings of these SKUs (see import-decision.ts). */
  storedHashes(connectionId: string, skus: string[]): Promise<Map<string, string | null>> {
    return this.listings.storedHashes(this.dataSource.manager, connectionId, skus);
  }

  /**
   * Writes one batch: its listings, the events `announce` builds from what was actually written
   * (one outbox row for the batch), its row errors, and the checkpoint `checkpoint` builds from the
   * same — all in one transaction.
   * @returns the listings created or changed.
   */
  async applyBatch(
    batch: ImportBatchWrite,
    announce: (written: WrittenListing[]) => ListingImportedBatch,
    checkpoint: (written: WrittenListing[]) => ImportCheckpoint,
  ): Promise<WrittenListing[]> {
    return this.dataSource.transaction(async (manager) => {
      const written = await this.listings.upsertBatch(manager, batch.scope, batch.writes, batch.mode);
      const created = written.filter((w) => w.inserted);
      if (batch.pauseCreated && created.length > 0) {
        await this.listings.setStatus(
          manager,
          created.map((w) => w.id),
          'PAUSED',
        );
        for (const w of created) w.listingStatus = 'PAUSED';
      }
      const events = announce(written);
      if (events.data.length > 0) await appendBatchToOutbox(manager, events.definition, events.data, events.context);
      await this.saveErrors(manager, batch.scope, batch.errors);
      const { job, progress } = checkpoint(written);
      await writeJobCheckpoint(manager, job, progress, { producer: 'listings' });
      return written;
    });
  }

  /** Ends a run: its completion event and its last checkpoint commit together, so a resumed run never emits it twice. */
  async complete(completed: PendingEvent, checkpoint: ImportCheckpoint): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await appendToOutbox(manager, [completed]);
      await writeJobCheckpoint(manager, checkpoint.job, checkpoint.progress, { producer: 'listings' });
    });
  }

  private async saveErrors(manager: EntityManager, scope: { tenantId: string; jobId: string }, errors: RowError[]): Promise<void> {
    if (errors.length === 0) return;
    await manager.query(
      `INSERT INTO ${ERRORS} (id, job_id, tenant_id, line, sku, message)
       SELECT u.id, $1, $2, u.line, u.sku, u.message FROM unnest($3::uuid[], $4::int[], $5::text[], $6::text[]) AS u(id, line, sku, message)
       ON CONFLICT (job_id, line) DO NOTHING`,
      [
        scope.jobId,
        scope.tenantId,
        errors.map(() => uuidv7()),
        errors.map((e) => e.line),
        errors.map((e) => e.sku),
        errors.map((e) => e.message.slice(0, 2000)),
      ],
    );
  }
}
