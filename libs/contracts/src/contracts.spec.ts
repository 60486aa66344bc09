import { ContractError, EVENT_REGISTRY, JobRequestedV1, OrderImportedV1, createEnvelope, deadLetterTopic, definitionForTopic } from './index';

const context = { producer: 'scheduler', tenantId: 'tenant-1', correlationId: 'corr-1' };
const jobData = {
  jobRunId: '0190c3e0-0000-7000-8000-000000000001',
  operation: 'get-orders',
  connectionId: 'conn-1',
  trigger: 'SCHEDULE',
  settings: {},
  requestedAt: '2026-11-23T10:00:00.000Z',
} as const;

describe('event contracts', () => {
  it('round-trips an envelope through JSON and keeps every field', () => {
    const envelope = createEnvelope(JobRequestedV1, jobData, context);
    const parsed = JobRequestedV1.parse(JSON.parse(JSON.stringify(envelope)));
    expect(parsed).toEqual(envelope);
    expect(JobRequestedV1.key(parsed.data)).toBe('conn-1');
  });

  it('names the offending field when data is invalid', () => {
    const envelope = createEnvelope(JobRequestedV1, { ...jobData, operation: 'dance' }, context);
    expect(() => JobRequestedV1.parse(envelope)).toThrow(ContractError);
    expect(() => JobRequestedV1.parse(envelope)).toThrow(/data\.operation/);
  });

  it('refuses an envelope of another type on the topic', () => {
    const envelope = createEnvelope(OrderImportedV1, {}, context);
    expect(() => JobRequestedV1.parse(envelope)).toThrow(/Expected jobs.job-requested v1/);
  });

  it('registers every topic once, versioned, with a dead-letter twin', () => {
    const topics = EVENT_REGISTRY.map((d) => d.topic);
    expect(new Set(topics).size).toBe(topics.length);
    for (const topic of topics) {
      expect(topic).toMatch(/\.v\d+$/);
      expect(definitionForTopic(topic)?.topic).toBe(topic);
    }
    expect(deadLetterTopic('orders.order.imported.v1')).toBe('orders.order.imported.v1.dlq');
  });

  it('keeps PII fields out of the order events', () => {
    const shape = JSON.stringify(Object.keys((OrderImportedV1.data as unknown as { shape: object }).shape));
    for (const pii of ['address', 'email', 'phone', 'buyerName', 'name']) {
      expect(shape).not.toContain(`"${pii}"`);
    }
  });
});
