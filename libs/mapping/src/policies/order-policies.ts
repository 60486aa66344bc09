import { MappingIssueCode } from '../errors/mapping-issue';
import type { OperationPolicy } from './operation-policy';
import { fieldOf, flagError, hasValue } from './operation-policy';

const CURRENCY = fieldOf('get-orders', 'invoice_currency');

/** Get orders: an amount without its currency cannot be stored as money, so it is an error. */
export const getOrdersPolicy: OperationPolicy = (out, ctx, trace) => {
  if (hasValue(out, 'invoice_currency') || ctx.hasErrorFor('invoice_currency')) return;
  const lines = Array.isArray(out['lines']) ? (out['lines'] as Record<string, unknown>[]) : [];
  const amount = hasValue(out, 'invoice_total') ? 'invoice_total' : lines.some((l) => hasValue(l, 'item_unit_price')) ? 'item_unit_price' : undefined;
  if (amount) {
    flagError(ctx, trace, CURRENCY, MappingIssueCode.CURRENCY_REQUIRED_FOR_AMOUNT, `${CURRENCY.name} is required when amounts (${amount}) are mapped`);
  }
};

/** Sync orders: no cross-field checks yet (carrier detection belongs to the fulfillment service). */
export const syncOrdersPolicy: OperationPolicy = () => undefined;
