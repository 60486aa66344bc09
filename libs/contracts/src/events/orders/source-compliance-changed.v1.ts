import { z } from 'zod';
import { defineEvent, type EventData } from '../../define-event';

/**
 * A platform source (supplier) was registered or its "Compliance with Amazon Services Business
 * Solutions Agreement" flag changed; only compliant sources may receive Amazon orders.
 */
export const SourceComplianceChangedV1 = defineEvent({
  type: 'orders.source-compliance-changed',
  version: 1,
  topic: 'orders.source.compliance-changed.v1',
  key: (data) => data.sourceId,
  data: z.object({
    sourceId: z.string().min(1),
    name: z.string().min(1),
    amazonCompliant: z.boolean(),
    changedAt: z.iso.datetime({ offset: true }),
  }),
});
/** Data of {@link SourceComplianceChangedV1}. */
export type SourceComplianceChangedV1 = EventData<typeof SourceComplianceChangedV1>;
