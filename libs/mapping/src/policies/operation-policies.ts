import type { MappingOperation } from '../targets/target-field.types';
import type { OperationPolicy } from './operation-policy';
import { getOrdersPolicy, syncOrdersPolicy } from './order-policies';
import { publishPolicy } from './publish-policy';
import { syncPolicy } from './sync-policy';

/** The cross-field checks of each operation, applied after its fields are mapped. */
export const OPERATION_POLICIES: Readonly<Record<MappingOperation, OperationPolicy>> = {
  publish: publishPolicy,
  sync: syncPolicy,
  'get-orders': getOrdersPolicy,
  'sync-orders': syncOrdersPolicy,
};
