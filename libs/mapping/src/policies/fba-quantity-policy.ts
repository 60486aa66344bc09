import { MappingIssueCode } from '../errors/mapping-issue';
import type { MappingOperation } from '../targets/target-field.types';
import type { OperationPolicy } from './operation-policy';
import { dropWithWarning, fieldOf } from './operation-policy';

/**
 * For FBA channels Amazon owns the quantity; a mapped quantity is left out with a warning rather
 * than sent, so a template copied from an FBM channel cannot overwrite FBA stock figures.
 */
export function fbaQuantityPolicy(operation: MappingOperation, channelKey: string): OperationPolicy {
  const quantity = fieldOf(operation, 'quantity');
  return (out, ctx, trace) => {
    const channel = out[channelKey];
    if (typeof channel === 'string' && channel.startsWith('AMAZON_') && out['quantity'] !== undefined) {
      dropWithWarning(
        out,
        ctx,
        trace,
        quantity,
        MappingIssueCode.QUANTITY_IGNORED_FOR_FBA,
        `Quantity is managed by Amazon for ${channel}; leave Quantity unmapped for FBA (the mapped quantity was left out)`,
      );
    }
  };
}
