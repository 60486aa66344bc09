import { deepFreeze } from '../template/deep-freeze';
import type { MappingTemplate } from '../template/template.types';
import type { MappingOperation } from '../targets/target-field.types';
import { DEFAULT_PUBLISH_TEMPLATE, DEFAULT_SYNC_TEMPLATE } from './listing-defaults';
import { DEFAULT_GET_ORDERS_TEMPLATE, DEFAULT_SYNC_ORDERS_TEMPLATE } from './order-defaults';

/** The default template of every operation (read-only; use {@link defaultTemplate} for a copy to edit). */
export const DEFAULT_TEMPLATES: Readonly<Record<MappingOperation, MappingTemplate>> = deepFreeze({
  publish: DEFAULT_PUBLISH_TEMPLATE,
  sync: DEFAULT_SYNC_TEMPLATE,
  'get-orders': DEFAULT_GET_ORDERS_TEMPLATE,
  'sync-orders': DEFAULT_SYNC_ORDERS_TEMPLATE,
});

/**
 * A fresh, editable copy of an operation's default template: what a new channel starts with.
 *
 * @example
 * const t = defaultTemplate('publish');
 * const compiled = compileTemplate({ ...t, fields: { ...t.fields, fulfillment_center_id: { kind: 'option', option: 'DEFAULT' } } });
 */
export function defaultTemplate(operation: MappingOperation): MappingTemplate {
  return structuredClone(DEFAULT_TEMPLATES[operation]);
}
