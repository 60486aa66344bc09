import { QueryFailedError } from 'typeorm';
import { serializeError } from './error-serializer';

/** What PostgreSQL's driver (pg) throws: fields of the server's error message. */
function pgError(message: string, fields: Record<string, string>): Error {
  return Object.assign(new Error(message), { severity: 'ERROR', ...fields });
}

describe('serializeError', () => {
  it('keeps a QueryFailedError’s type, message, SQLSTATE and constraint, and drops its SQL, parameters and driver detail', () => {
    const driver = pgError('duplicate key value violates unique constraint "uq_buyer_email"', {
      code: '23505',
      detail: 'Key (email)=(buyer@example.com) already exists.',
      table: 'orders',
      constraint: 'uq_buyer_email',
    });
    const error = new QueryFailedError('INSERT INTO "orders"."orders"("email") VALUES ($1)', ['buyer@example.com'], driver);
    const logged = serializeError(error);
    expect(logged).toMatchObject({
      type: 'QueryFailedError',
      message: 'duplicate key value violates unique constraint "uq_buyer_email"',
      sqlState: '23505',
      table: 'orders',
      constraint: 'uq_buyer_email',
    });
    expect(JSON.stringify(logged)).not.toMatch(/buyer@example\.com|INSERT INTO/);
  });

  it('cuts the value PostgreSQL quotes in a data exception’s message and stack', () => {
    const driver = pgError('invalid input syntax for type uuid: "Jane Doe, 1 Main St"', { code: '22P02' });
    const logged = serializeError(new QueryFailedError('SELECT $1::uuid', ['Jane Doe, 1 Main St'], driver));
    expect(logged.message).toBe('invalid input syntax for type uuid: [REDACTED]');
    expect(JSON.stringify(logged)).not.toMatch(/Jane Doe/);
  });

  it('reads the original error from what pino-http hands a custom serializer (`raw`)', () => {
    const error = new QueryFailedError('SELECT $1', ['secret-value'], pgError('boom', { code: '42P01' }));
    const stdSerialized = { type: 'QueryFailedError', message: 'boom', parameters: ['secret-value'], query: 'SELECT $1', raw: error };
    const logged = serializeError(stdSerialized);
    expect(logged).toMatchObject({ type: 'QueryFailedError', message: 'boom', sqlState: '42P01' });
    expect(JSON.stringify(logged)).not.toMatch(/secret-value|SELECT/);
  });

  it('keeps an ordinary error whole, with its cause', () => {
    const logged = serializeError(new Error('outer', { cause: new TypeError('inner') }));
    expect(logged).toMatchObject({ type: 'Error', message: 'outer', cause: { type: 'TypeError', message: 'inner' } });
    expect(logged.stack).toMatch(/^Error: outer/);
  });
});
