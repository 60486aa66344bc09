import type { MappedFields } from './define-fields';
import { GET_ORDERS_FIELDS } from './get-orders-fields';
import { PUBLISH_FIELDS } from './publish-fields';
import { SYNC_FIELDS } from './sync-fields';
import { SYNC_ORDERS_FIELDS } from './sync-orders-fields';
import type { MappingOperation, OperationDefinition, TargetFieldDefinition } from './target-field.types';

/**
 * Target-field definitions of every operation.
 *
 * Why one registry: the compiler, the evaluator and a template editor all read the same
 * definitions, so a field added here is immediately mappable, validated and documented.
 */
export const OPERATION_DEFINITIONS: Readonly<Record<MappingOperation, OperationDefinition>> = {
  publish: { operation: 'publish', label: 'Publish Listings', fields: PUBLISH_FIELDS },
  sync: { operation: 'sync', label: 'Sync Listings', fields: SYNC_FIELDS },
  'get-orders': {
    operation: 'get-orders',
    label: 'Get Orders',
    fields: GET_ORDERS_FIELDS,
    lines: { defaultPath: 'orderItems', outputKey: 'lines' },
  },
  'sync-orders': { operation: 'sync-orders', label: 'Sync Orders', fields: SYNC_ORDERS_FIELDS },
};

/** The definition of one target field, or `undefined` when the operation has no such field. */
export function findTargetField(operation: MappingOperation, key: string): TargetFieldDefinition | undefined {
  return OPERATION_DEFINITIONS[operation].fields.find((f) => f.key === key);
}

/** Mapped publish record (`amazon.inventory_product.*`). */
export type PublishMappedRecord = MappedFields<typeof PUBLISH_FIELDS, 'record'>;
/** Mapped sync record (`amazon.price_quantity.*`). */
export type SyncMappedRecord = MappedFields<typeof SYNC_FIELDS, 'record'>;
/** One mapped order line (`order_item.*`). */
export type GetOrdersMappedLine = MappedFields<typeof GET_ORDERS_FIELDS, 'line'>;
/** Mapped order with its lines (present when the template maps any line field). */
export type GetOrdersMappedRecord = MappedFields<typeof GET_ORDERS_FIELDS, 'record'> & { lines?: GetOrdersMappedLine[] };
/** Mapped shipment confirmation (`fulfillment_data.*`). */
export type SyncOrdersMappedRecord = MappedFields<typeof SYNC_ORDERS_FIELDS, 'record'>;

/** The mapped record type of each operation. */
export interface MappedRecordByOperation {
  publish: PublishMappedRecord;
  sync: SyncMappedRecord;
  'get-orders': GetOrdersMappedRecord;
  'sync-orders': SyncOrdersMappedRecord;
}
