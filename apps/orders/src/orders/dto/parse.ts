import type { z } from 'zod';
import { OrdersError } from '../orders.error';

/** Validates a request body or query with zod; failures are 400 `INVALID_REQUEST` naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new OrdersError('INVALID_REQUEST', 'The request is not valid', {
      issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return result.data;
}
