import type { JobContext, JobHandler, JobResult } from '@amazon-channel/platform-service';
import type { OrderIncludedData } from '@amazon-channel/sp-api';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../../clock/clock';
import { SP_API_CLIENTS, type SpApiClients } from '../../connections/sp-api-clients';
import { ORDERS_OPTIONS, type OrdersOptions } from '../../orders-options';
import { toOrderCandidate } from '../domain/order-candidate';
import { fallbackIfOutOfOrder, isRunFinished, nextGetOrdersPage, type GetOrdersCursor } from './get-orders.cursor';
import { orderSettingsBody } from '../dto/orders.dto';
import { OrderSyncStateEntity } from '../entities/order-sync-state.entity';
import { ShippingMappingEntity } from '../../shipping-mappings/shipping-mapping.entity';
import { emptyCounts, OrderImportStore, type BatchCounts } from '../order-import.store';
import { compileGetOrdersTemplate, OrderSettingsService } from '../order-settings.service';
import { ADDRESS_FINGERPRINT, type AddressFingerprint } from '../../pii/address-fingerprint';
import { FIELD_CIPHER } from '../../pii/pii-cipher';
import type { FieldCipher } from '@amazon-channel/platform-persistence';

/**
 * Every dataset the import reads, so no per-order getOrder calls are needed: buyer and address
 * (PII, encrypted at rest), totals, status/service level, packages (ship time) and cancellations.
 */
export const GET_ORDERS_INCLUDED_DATA: OrderIncludedData[] = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT', 'PACKAGES', 'CANCELLATION'];

/**
 * Get Orders: reads Amazon's order changes since the connection's cursor (minus an overlap
 * window) with searchOrders, one page of 100 at a time, and applies each page in one transaction
 * with its events. Statuses are filtered here, not at Amazon, because the same read must also see
 * imported orders that shipped or were cancelled. Pages after the first are asked by update time
 * where that is safe (see nextGetOrdersPage). Resumes from the last applied page after a crash;
 * applying a page twice changes nothing.
 */
@Injectable()
export class GetOrdersJobHandler implements JobHandler {
  readonly operation = 'get-orders' as const;
  private readonly log = new Logger('GetOrders');
  private readonly store: OrderImportStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: OrderSettingsService,
    @Inject(SP_API_CLIENTS) private readonly clients: SpApiClients,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORDERS_OPTIONS) private readonly options: OrdersOptions,
    @Inject(FIELD_CIPHER) cipher: FieldCipher,
    @Inject(ADDRESS_FINGERPRINT) fingerprint: AddressFingerprint,
  ) {
    this.store = new OrderImportStore(cipher, fingerprint);
  }

  async run(context: JobContext): Promise<JobResult> {
    const { job } = context;
    // A run may narrow or widen the connection's settings (e.g. a one-off 30-day window).
    const overrides = orderSettingsBody.omit({ template: true }).safeParse(job.settings ?? {});
    const settings = { ...(await this.settings.get(job.tenantId, job.connectionId)), ...(overrides.success ? overrides.data : {}) };
    const template = compileGetOrdersTemplate(settings);
    const client = await this.clients.forConnection(job.connectionId, job.tenantId);
    const counts: BatchCounts & { pages: number } = { ...emptyCounts(), ...(job.counts as Partial<BatchCounts>), pages: 0 };
    let cursor = (job.cursor as GetOrdersCursor | null) ?? (await this.startCursor(job.connectionId, settings.createdWithinDays, settings.fulfilledBy));
    counts.pages = cursor.pages;
    const mappings = await this.dataSource.getRepository(ShippingMappingEntity).findBy({ connectionId: job.connectionId, tenantId: job.tenantId });
    while (!isRunFinished(cursor)) {
      context.signal.throwIfAborted();
      const page = await client.orders.searchOrders({ ...cursor.query, ...(cursor.paginationToken ? { paginationToken: cursor.paginationToken } : {}) }, { priority: 'bulk', signal: context.signal });
      const candidates = page.data.orders.map((order) => toOrderCandidate(order, template));
      const scope = { tenantId: job.tenantId, connectionId: job.connectionId, settings, now: this.clock.now(), correlationId: job.id, causationId: job.id };
      const batch = await this.dataSource.transaction((manager) => this.store.applyBatch(manager, scope, candidates, mappings));
      for (const [key, value] of Object.entries(batch)) counts[key as keyof BatchCounts] += value;
      // The earliest "read until" of the run: later pages may report a later one.
      const readUntil = cursor.readUntil ?? page.data.lastUpdatedBefore ?? null;
      const fallback = fallbackIfOutOfOrder(cursor, page.data.orders);
      if (fallback) this.log.warn(`get-orders ${job.id}: Amazon's page was not in update-time order; following pagination tokens for the rest of the run`);
      cursor = fallback ? { ...fallback, pages: cursor.pages + 1 } : nextGetOrdersPage(cursor, page.data.orders, page.data.pagination?.nextToken ?? null, readUntil);
      counts.pages = cursor.pages;
      await context.checkpoint({ step: 'page-applied', cursor: cursor as unknown as Record<string, unknown>, counts, done: counts.created + counts.updated + counts.unchanged, total: null });
    }
    if (cursor.readUntil) await this.saveReadUntil(job.tenantId, job.connectionId, new Date(cursor.readUntil));
    const held = counts.held;
    this.log.log(`get-orders ${job.id} for ${job.connectionId}: ${counts.created} new, ${counts.updated} updated, ${held} held, ${counts.pages} page(s)`);
    return {
      outcome: 'SUCCEEDED',
      counts,
      summary:
        `${counts.created} new order(s) (${held} held, ${counts.reserved} reserved), ${counts.released} released, ${counts.updated} updated, ` +
        `${counts.cancelled} cancellation(s); skipped: ${counts.skipped_status} by status, ${counts.skipped_created_window} outside the created window, ` +
        `${counts.skipped_fulfilled_by} by fulfilment channel; ${counts.pages} page(s) read.`,
    };
  }

  private async startCursor(connectionId: string, createdWithinDays: number, fulfilledBy: string[]): Promise<GetOrdersCursor> {
    const state = await this.dataSource.getRepository(OrderSyncStateEntity).findOneBy({ connectionId });
    const now = this.clock.now().getTime();
    // First run: everything updated within the created-within window (older orders cannot qualify).
    const after = state ? state.readUntil.getTime() - this.options.overlapMinutes * 60_000 : now - createdWithinDays * 86_400_000;
    return {
      query: {
        lastUpdatedAfter: new Date(after).toISOString(),
        fulfilledBy: fulfilledBy as Array<'MERCHANT' | 'AMAZON'>,
        maxResultsPerPage: 100,
        includedData: GET_ORDERS_INCLUDED_DATA,
      },
      paginationToken: null,
      readUntil: null,
      pages: 0,
    };
  }

  private async saveReadUntil(tenantId: string, connectionId: string, readUntil: Date): Promise<void> {
    // Never move the cursor back (a slower concurrent run finishing last).
    await this.dataSource.query(
      `INSERT INTO "orders"."order_sync_state" (connection_id, tenant_id, read_until, last_run_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (connection_id) DO UPDATE SET read_until = GREATEST(order_sync_state.read_until, EXCLUDED.read_until), last_run_at = EXCLUDED.last_run_at, updated_at = now()`,
      [connectionId, tenantId, readUntil, this.clock.now()],
    );
  }
}
