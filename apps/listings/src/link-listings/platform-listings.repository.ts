import type { Money } from '@amazon-channel/contracts';
import { quoteIdent } from '@amazon-channel/platform-persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { LISTINGS_SCHEMA } from '../service-schema';

const TABLE = `${quoteIdent(LISTINGS_SCHEMA)}.platform_listings`;

/** The platform's view of a SKU on a connection. */
export interface PlatformListingInput {
  tenantId: string;
  connectionId: string;
  sku: string;
  platformListingId: string;
  price: Money | null;
  quantity: number | null;
  handlingTimeDays: number | null;
}

/** Platform listings: what the platform sells on each connection, by SKU. The only writer of `platform_listings`. */
@Injectable()
export class PlatformListingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates or replaces the platform's listing of a SKU (the HTTP route; a consumer passes its inbox transaction). */
  save(input: PlatformListingInput, tx: EntityManager = this.dataSource.manager): Promise<void> {
    return this.upsert(tx, input);
  }

  /** The platform listing ids of these SKUs of a connection (SKUs the platform does not sell are absent). */
  async idsBySku(connectionId: string, skus: string[]): Promise<Map<string, string>> {
    if (skus.length === 0) return new Map();
    const rows: Array<{ sku: string; platform_listing_id: string }> = await this.dataSource.query(
      `SELECT sku, platform_listing_id FROM ${TABLE} WHERE connection_id = $1 AND sku = ANY($2)`,
      [connectionId, skus],
    );
    return new Map(rows.map((r) => [r.sku, r.platform_listing_id]));
  }

  private async upsert(manager: EntityManager, input: PlatformListingInput): Promise<void> {
    await manager.query(
      `INSERT INTO ${TABLE} (id, tenant_id, connection_id, sku, platform_listing_id, price_minor, currency, quantity, handling_time_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (connection_id, sku) DO UPDATE SET platform_listing_id = EXCLUDED.platform_listing_id, price_minor = EXCLUDED.price_minor,
         currency = EXCLUDED.currency, quantity = EXCLUDED.quantity, handling_time_days = EXCLUDED.handling_time_days, updated_at = now()`,
      [
        uuidv7(),
        input.tenantId,
        input.connectionId,
        input.sku,
        input.platformListingId,
        input.price?.amountMinor ?? null,
        input.price?.currency ?? null,
        input.quantity,
        input.handlingTimeDays,
      ],
    );
  }
}
