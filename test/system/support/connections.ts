import { ConnectionChangedV1, createEnvelope } from '@amazon-channel/contracts';
import { TestKafka } from './kafka-client';
import { eventually } from './stack';

/**
 * Announces connections the way auth-connections does (ConnectionChanged on Kafka), for stacks that
 * run without auth-connections: the services' projections then know whose they are.
 */
export async function announceConnections(brokers: string, tenantId: string, connectionIds: string[]): Promise<void> {
  const at = new Date().toISOString();
  await new TestKafka(brokers).publish(
    ConnectionChangedV1.topic,
    connectionIds.map((connectionId) => {
      const data = {
        connectionId,
        tenantId,
        sellingPartnerId: null,
        region: 'NA' as const,
        marketplaceId: 'ATVPDKIKX0DER',
        status: 'ACTIVE' as const,
        revision: 1,
        change: 'CREATED' as const,
        at,
      };
      return {
        key: connectionId,
        value: JSON.stringify(
          createEnvelope(ConnectionChangedV1, data, { producer: 'auth-connections', tenantId, correlationId: 'system-test', connectionId }),
        ),
      };
    }),
  );
}

/**
 * Waits until a service's projection holds the tenant's connection: its list route filtered by the
 * connection stops answering 404 (`/jobs` on listings, orders and fulfillment, `/job-runs` on scheduler).
 */
export async function untilConnectionKnown(
  serviceUrl: string,
  headers: Record<string, string>,
  connectionId: string,
  listPath: '/jobs' | '/job-runs' = '/jobs',
): Promise<void> {
  await eventually(
    async () => {
      const res = await fetch(`${serviceUrl}${listPath}?connectionId=${encodeURIComponent(connectionId)}`, { headers });
      if (res.status !== 200) throw new Error(`${serviceUrl}${listPath} does not know connection ${connectionId} yet (${res.status})`);
    },
    60_000,
    200,
  );
}
