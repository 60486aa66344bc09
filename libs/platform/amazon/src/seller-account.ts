import type { SpApiRegion } from '@amazon-channel/sp-api';

/** The Amazon seller account behind one connection, as auth-connections names it. */
export interface SellerAccount {
  connectionId: string;
  /** The connection's tenant: every grant names it, and a caller naming another tenant is refused. */
  tenantId: string;
  sellingPartnerId: string;
  region: SpApiRegion;
  /** The connection's marketplace (one connection sells in one marketplace). */
  marketplaceId: string;
  /** SP-API base URL auth-connections names for the connection (the sandbox in development), else null. */
  endpoint: string | null;
}

/**
 * The identity of a seller account across connections: one authorization can serve several
 * marketplaces (a US and a CA connection), and Amazon's order ids, rate budgets and listings are
 * the seller account's, not the connection's.
 */
export function sellerAccountKey(account: Pick<SellerAccount, 'sellingPartnerId' | 'region'>): string {
  return `${account.sellingPartnerId}:${account.region}`;
}
