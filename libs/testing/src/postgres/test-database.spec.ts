import { databaseUrl } from './test-database';
import { redact } from './postgres-server';

describe('test database URLs', () => {
  it('points the server URL at the new database and keeps user, password and options', () => {
    expect(databaseUrl('postgres://app:s3cret@db.local:6543/postgres?sslmode=disable', 't_orders_1a2b3c4d')).toBe(
      'postgres://app:s3cret@db.local:6543/t_orders_1a2b3c4d?sslmode=disable',
    );
  });

  it('works for a server URL without a database path', () => {
    expect(databaseUrl('postgres://postgres@127.0.0.1:5432', 't_x_00000000')).toBe('postgres://postgres@127.0.0.1:5432/t_x_00000000');
  });

  it('hides the password when a URL is logged', () => {
    expect(redact('postgres://app:s3cret@db.local:5432/app')).toBe('postgres://app:***@db.local:5432/app');
    expect(redact('postgres://postgres@127.0.0.1:5432/postgres')).toBe('postgres://postgres@127.0.0.1:5432/postgres');
  });
});
