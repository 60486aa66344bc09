import { changeOfTransition, connectionChangedEvent } from './connection-snapshot';

const row = { id: 'c1', tenantId: 't1', sellingPartnerId: null, region: 'NA', marketplaceId: 'ATVPDKIKX0DER', status: 'ACTIVE' as const, revision: 3 };

describe('connection snapshot', () => {
  it.each([
    ['ACTIVE', 'DISABLED', 'DISABLED'],
    ['DISABLED', 'ACTIVE', 'ENABLED'],
    ['DISABLED', 'PENDING_AUTHORIZATION', 'ENABLED'],
    ['ACTIVE', 'AUTH_FAILED', 'AUTH_FAILED'],
    ['AUTH_FAILED', 'REVOKED', 'REVOKED'],
    ['PENDING_AUTHORIZATION', 'ACTIVE', 'AUTHORIZED'],
  ] as const)('%s -> %s announces %s', (from, to, change) => {
    expect(changeOfTransition(from, to)).toBe(change);
  });

  it('carries the whole projection row and marks a deletion as a DELETED tombstone', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(connectionChangedEvent(row, 'AUTHORIZED', at)).toEqual({
      connectionId: 'c1',
      tenantId: 't1',
      sellingPartnerId: null,
      region: 'NA',
      marketplaceId: 'ATVPDKIKX0DER',
      status: 'ACTIVE',
      revision: 3,
      change: 'AUTHORIZED',
      at: at.toISOString(),
    });
    expect(connectionChangedEvent(row, 'DELETED', at).status).toBe('DELETED');
  });
});
