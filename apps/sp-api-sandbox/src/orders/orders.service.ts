import { Inject, Injectable } from '@nestjs/common';
import { isoSeconds } from '../core/clock';
import { decodePageToken, encodePageToken } from '../core/page-token';
import { SandboxError } from '../core/sandbox-error';
import type { OrderRecord } from '../state/order-model';
import { effectiveStatus } from '../state/order-model';
import { SandboxState } from '../state/sandbox-state';
import type { SellerState } from '../state/seller-state';
import type { IncludedData } from './order-render';
import { renderOrder } from './order-render';

/** Filters of searchOrders that a pagination token is bound to. */
export interface OrderSearchFilter {
  createdAfter?: number;
  createdBefore?: number;
  lastUpdatedAfter?: number;
  lastUpdatedBefore?: number;
  fulfillmentStatuses?: string[];
  marketplaceIds?: string[];
  fulfilledBy?: string[];
}

/** Pagination tokens live 24 hours (digest §4.4). */
const TOKEN_TTL_MS = 24 * 3_600_000;
/** The "before" bounds must be at least two minutes in the past. */
const MIN_AGE_MS = 2 * 60_000;

/** Orders 2026-01-01 reads. */
@Injectable()
export class OrdersService {
  constructor(@Inject(SandboxState) private readonly state: SandboxState) {}

  search(seller: SellerState, filter: OrderSearchFilter, included: Set<IncludedData>, pageSize: number, paginationToken?: string) {
    const now = this.state.clock.now();
    const byCreated = filter.createdAfter !== undefined;
    if (byCreated === (filter.lastUpdatedAfter !== undefined)) {
      throw SandboxError.invalid(byCreated ? 'lastUpdatedAfter' : 'createdAfter', 'Exactly one of createdAfter and lastUpdatedAfter must be given.');
    }
    if (byCreated && filter.lastUpdatedBefore !== undefined)
      throw SandboxError.invalid('lastUpdatedBefore', 'lastUpdatedBefore can only be used with lastUpdatedAfter.');
    if (!byCreated && filter.createdBefore !== undefined) throw SandboxError.invalid('createdBefore', 'createdBefore can only be used with createdAfter.');
    const after = (byCreated ? filter.createdAfter : filter.lastUpdatedAfter) as number;
    const beforeName = byCreated ? 'createdBefore' : 'lastUpdatedBefore';
    const before = byCreated ? filter.createdBefore : filter.lastUpdatedBefore;
    if (before !== undefined && before < after) throw SandboxError.invalid(beforeName, `${beforeName} must be later than or equal to the after date.`);
    if (before !== undefined && before > now - MIN_AGE_MS)
      throw SandboxError.invalid(beforeName, `${beforeName} must be at least 2 minutes before the time of the request.`);
    const until = before ?? now - MIN_AGE_MS;

    const filterKey = JSON.stringify(filter);
    let offset = 0;
    if (paginationToken) {
      const t = decodePageToken(paginationToken, 'paginationToken');
      if (t['f'] !== filterKey)
        throw SandboxError.invalid('paginationToken', 'paginationToken does not belong to this query; repeat the other parameters unchanged.');
      if (typeof t['at'] !== 'number' || now - t['at'] > TOKEN_TTL_MS) throw SandboxError.invalid('paginationToken', 'paginationToken has expired.');
      offset = Number(t['o']) || 0;
    }
    const time = (o: OrderRecord) => (byCreated ? o.createdMs : o.lastUpdatedMs);
    const matches = [...seller.orders.values()]
      .filter((o) => time(o) >= after && time(o) <= until)
      .filter((o) => !filter.marketplaceIds || filter.marketplaceIds.includes(o.marketplaceId))
      .filter((o) => !filter.fulfilledBy || filter.fulfilledBy.includes(o.fulfilledBy))
      .filter((o) => !filter.fulfillmentStatuses || filter.fulfillmentStatuses.includes(effectiveStatus(o)))
      .sort((a, b) => time(a) - time(b) || a.orderId.localeCompare(b.orderId));
    const page = matches.slice(offset, offset + pageSize);
    const next = offset + pageSize < matches.length ? encodePageToken({ f: filterKey, o: offset + pageSize, at: now }) : undefined;
    return {
      orders: page.map((o) => renderOrder(o, included)),
      ...(next ? { pagination: { nextToken: next } } : {}),
      ...(byCreated ? { createdBefore: isoSeconds(until) } : { lastUpdatedBefore: isoSeconds(until) }),
    };
  }

  find(seller: SellerState, orderId: string): OrderRecord {
    if (!/^\d{3}-\d{7}-\d{7}$/.test(orderId)) throw SandboxError.invalid('orderId', `Invalid orderId ${orderId}: expected the 3-7-7 format.`);
    const order = seller.orders.get(orderId);
    if (!order) throw SandboxError.notFound(`Order ${orderId}`);
    return order;
  }

  get(seller: SellerState, orderId: string, included: Set<IncludedData>) {
    return { order: renderOrder(this.find(seller, orderId), included) };
  }
}
