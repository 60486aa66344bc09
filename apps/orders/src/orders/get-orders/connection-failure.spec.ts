import { ConnectionAccessClientError } from '@amazon-channel/platform-auth';
import { OrdersError } from '../../errors/orders.error';
import { connectionFailure } from './connection-failure';

describe('connectionFailure', () => {
  it('answers a missing or foreign connection as CONNECTION_NOT_FOUND', () => {
    const mapped = connectionFailure(
      new ConnectionAccessClientError('CONNECTION_NOT_FOUND', 'Connection conn-a does not exist', { connectionId: 'conn-a' }),
      'conn-a',
    );
    expect(mapped).toBeInstanceOf(OrdersError);
    expect(mapped).toMatchObject({ code: 'CONNECTION_NOT_FOUND', message: 'Connection conn-a does not exist', details: { connectionId: 'conn-a' } });
  });

  it('answers an unreachable auth-connections or a refused authorization as CONNECTION_UNAVAILABLE', () => {
    for (const code of ['AUTH_CONNECTIONS_UNREACHABLE', 'ACCESS_TOKEN_UNAVAILABLE'] as const) {
      expect(connectionFailure(new ConnectionAccessClientError(code, 'no', { connectionId: 'conn-a' }), 'conn-a')).toMatchObject({
        code: 'CONNECTION_UNAVAILABLE',
      });
    }
  });

  it('passes any other failure through unchanged', () => {
    const other = new Error('socket hang up');
    expect(connectionFailure(other, 'conn-a')).toBe(other);
  });
});
