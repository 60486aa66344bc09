import { compileTemplateFor, defaultTemplate, type MappingTemplate } from '@amazon-channel/mapping';
import type { SyncTemplate } from './sync-deltas';

/**
 * The sync template as a function of one record. Today the libs/mapping default; swapped for the
 * connection's own template (`MappingTemplates.effective(connectionId, 'sync-listings')`) once that lands.
 */
export function compileSyncTemplate(template: MappingTemplate = defaultTemplate('sync')): SyncTemplate {
  const compiled = compileTemplateFor('sync', template);
  return (record) => compiled.evaluate(record).value as ReturnType<SyncTemplate>;
}
