import { fbaQuantityPolicy } from './fba-quantity-policy';
import type { OperationPolicy } from './operation-policy';

/** Sync listings: FBA channels keep Amazon's quantity. */
export const syncPolicy: OperationPolicy = fbaQuantityPolicy('sync', 'fulfillment_channel');
