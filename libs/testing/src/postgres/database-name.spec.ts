import { testDatabaseName } from './database-name';
import { PostgresHarnessError } from './postgres-harness.error';

describe('testDatabaseName', () => {
  it('turns a file-like prefix into a lower-case identifier with a random suffix', () => {
    expect(testDatabaseName('Outbox-Relay.int-spec', () => 'abc12345')).toBe('t_outbox_relay_int_spec_abc12345');
  });

  it('gives two calls different names', () => {
    expect(testDatabaseName('orders')).not.toBe(testDatabaseName('orders'));
  });

  it('only uses characters that need no quoting', () => {
    expect(testDatabaseName('Ünïcode & spaces!')).toMatch(/^t_[a-z0-9_]+$/);
  });

  it('cuts long prefixes so the name fits the 63-byte identifier limit', () => {
    const name = testDatabaseName('x'.repeat(200));

    expect(name.length).toBeLessThanOrEqual(63);
    expect(name.startsWith('t_xxx')).toBe(true);
  });

  it('refuses a prefix with nothing to name the database after', () => {
    expect(() => testDatabaseName('---')).toThrow(PostgresHarnessError);
  });
});
