import { ConnectionAccessClientError } from '@amazon-channel/platform-auth';
import { OrdersError } from '../../errors/orders.error';

/**
 * A failure to get Amazon for a connection in orders' codes: a missing connection, or another
 * tenant's (the grant refuses both alike), is CONNECTION_NOT_FOUND; auth-connections unreachable or
 * an authorization Amazon no longer honours is CONNECTION_UNAVAILABLE. Anything else passes through.
 */
export function connectionFailure(error: unknown, connectionId: string): unknown {
  if (!(error instanceof ConnectionAccessClientError)) return error;
  return new OrdersError(error.code === 'CONNECTION_NOT_FOUND' ? 'CONNECTION_NOT_FOUND' : 'CONNECTION_UNAVAILABLE', error.message, { connectionId });
}
