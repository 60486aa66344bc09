import type { z } from 'zod';
import { OrdersError } from './orders.error';

/** One refused field of a request: its path (`template.fields.invoice_currency.value`) and why. */
export interface FieldIssue {
  field: string;
  reason: string;
}

/** Validates a request body or query with zod; failures are 400 `INVALID_REQUEST` with `details: [{ field, reason }]`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const details: FieldIssue[] = result.error.issues.map((issue) => ({
      // An unknown key is reported under its own name, not under the object holding it.
      field: [...issue.path, ...(issue.code === 'unrecognized_keys' ? [issue.keys.join(',')] : [])].join('.') || 'body',
      reason: issue.message,
    }));
    throw new OrdersError('INVALID_REQUEST', `The request is not valid: ${details.map((d) => d.field).join(', ')}`, details);
  }
  return result.data;
}
