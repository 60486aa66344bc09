import { ConnectionOwnership } from '@amazon-channel/platform-auth';
import { findMarketplace } from '@amazon-channel/sp-api';
import { Injectable } from '@nestjs/common';
import {
  codeOf,
  currencyIssue,
  parseBulkPlatformListings,
  parsePlatformListingRequest,
  parsePlatformListingRow,
  type CodedFieldIssue,
  type PlatformListingRow,
} from './dto/platform-listing.body';
import { LinkListingsError } from './link-listings.error';
import { PlatformListingsRepository, type SavedListing } from './platform-listings.repository';

/** Result of one row of a bulk request. */
export interface BulkRowResult {
  index: number;
  sku: string | null;
  outcome: SavedListing['outcome'] | 'REJECTED';
  errors?: CodedFieldIssue[];
}

/** Result of a bulk request: one entry per row, in request order, and totals. */
export interface BulkResult {
  totals: { created: number; changed: number; unchanged: number; rejected: number };
  rows: BulkRowResult[];
}

/** Listens for SKUs whose change may need the fast lane (quantity dropping to 0). */
export interface DesiredStateListener {
  onSaved(tenantId: string, connectionId: string, saved: readonly SavedListing[]): void;
}

/** The platform's desired state of its listings: checks a request against the connection, then saves it. */
@Injectable()
export class PlatformListingsService {
  private listener: DesiredStateListener | null = null;

  constructor(
    private readonly platformListings: PlatformListingsRepository,
    private readonly ownership: ConnectionOwnership,
  ) {}

  /** Lets sync hear about saved changes (set once by the sync module). */
  listen(listener: DesiredStateListener): void {
    this.listener = listener;
  }

  /**
   * One SKU (`PUT /connections/:id/platform-listings/:sku`).
   * @throws LinkListingsError INVALID_REQUEST with every bad field, the marketplace's currency included.
   */
  async saveOne(tenantId: string, connectionId: string, sku: string, body: unknown): Promise<SavedListing> {
    const request = parsePlatformListingRequest(sku, body);
    const issue = currencyIssue(request.price, await this.marketplaceCurrency(tenantId, connectionId));
    if (issue) throw new LinkListingsError('INVALID_REQUEST', `Invalid platform listing: ${issue.field} ${issue.reason}`, [issue]);
    const saved = await this.platformListings.save({ tenantId, connectionId, ...request });
    this.listener?.onSaved(tenantId, connectionId, [saved]);
    return saved;
  }

  /**
   * Up to 10,000 SKUs (`PUT /connections/:id/platform-listings`): each row is checked on its own; valid
   * rows are saved together, bad rows are reported with their index and coded field errors and saved not at all.
   */
  async saveMany(tenantId: string, connectionId: string, body: unknown): Promise<BulkResult> {
    const raw = parseBulkPlatformListings(body);
    const currency = await this.marketplaceCurrency(tenantId, connectionId);
    const results: BulkRowResult[] = [];
    const valid: Array<{ index: number; row: PlatformListingRow }> = [];
    const seen = new Map<string, number>();
    raw.forEach((candidate, index) => {
      const parsed = parsePlatformListingRow(candidate);
      if (!parsed.ok) {
        const sku = (candidate as { sku?: unknown } | null)?.sku;
        results[index] = { index, sku: typeof sku === 'string' ? sku : null, outcome: 'REJECTED', errors: parsed.errors };
        return;
      }
      const errors: CodedFieldIssue[] = [];
      const issue = currencyIssue(parsed.row.price, currency);
      if (issue) errors.push({ ...issue, code: codeOf(issue) });
      const first = seen.get(parsed.row.sku);
      if (first !== undefined) errors.push({ field: 'sku', reason: `repeats row ${first}`, code: 'DUPLICATE_SKU' });
      else seen.set(parsed.row.sku, index);
      if (errors.length > 0) results[index] = { index, sku: parsed.row.sku, outcome: 'REJECTED', errors };
      else valid.push({ index, row: parsed.row });
    });
    const saved = await this.platformListings.saveMany(
      tenantId,
      connectionId,
      valid.map((v) => v.row),
    );
    saved.forEach((s, i) => {
      const index = (valid[i] as { index: number }).index;
      results[index] = { index, sku: s.sku, outcome: s.outcome };
    });
    if (saved.length > 0) this.listener?.onSaved(tenantId, connectionId, saved);
    const count = (outcome: BulkRowResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
    return { totals: { created: count('CREATED'), changed: count('CHANGED'), unchanged: count('UNCHANGED'), rejected: count('REJECTED') }, rows: results };
  }

  private async marketplaceCurrency(tenantId: string, connectionId: string): Promise<string | undefined> {
    const connection = await this.ownership.ownedConnection(tenantId, connectionId);
    return findMarketplace(connection.marketplaceId)?.currency;
  }
}
