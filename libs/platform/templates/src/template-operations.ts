import type { MappingOperation } from '@amazon-channel/mapping';

/**
 * The operations a connection keeps a template for, as they appear in routes and job names
 * (`/connections/:connectionId/templates/sync-listings`), each with the libs/mapping operation
 * whose target fields and default template it uses.
 */
export const TEMPLATE_OPERATIONS = {
  'publish-listings': 'publish',
  'sync-listings': 'sync',
  'get-orders': 'get-orders',
  'sync-orders': 'sync-orders',
} as const satisfies Record<string, MappingOperation>;

/** One of {@link TEMPLATE_OPERATIONS}' names. */
export type TemplateOperation = keyof typeof TEMPLATE_OPERATIONS;

/** The libs/mapping operation behind a route's operation name. */
export function mappingOperationOf(operation: TemplateOperation): MappingOperation {
  return TEMPLATE_OPERATIONS[operation];
}

/**
 * The route's operation name when `name` is one of `served` (the operations this service runs);
 * the libs/mapping name (`sync`, `publish`) is accepted too, since templates carry it in `operation`.
 */
export function resolveTemplateOperation(name: string, served: readonly TemplateOperation[]): TemplateOperation | undefined {
  return served.find((op) => op === name || TEMPLATE_OPERATIONS[op] === name);
}
