import { SourceComplianceChangedV1 } from '@amazon-channel/contracts';
import type { PendingEvent } from '@amazon-channel/platform-persistence';
import { randomUUID } from 'node:crypto';

/** SourceComplianceChanged when a source is new or its name or compliance flag changed; nothing otherwise. */
export function sourceEvents(
  tenantId: string,
  sourceId: string,
  before: { name: string; amazonCompliant: boolean } | null,
  after: { name: string; amazonCompliant: boolean },
  now: Date,
): PendingEvent[] {
  if (before && before.amazonCompliant === after.amazonCompliant && before.name === after.name) return [];
  return [
    {
      definition: SourceComplianceChangedV1,
      data: { sourceId, name: after.name, amazonCompliant: after.amazonCompliant, changedAt: now.toISOString() },
      context: { producer: 'orders', tenantId, correlationId: randomUUID() },
    },
  ];
}
