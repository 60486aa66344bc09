import { codedErrorBody } from './error-body';

describe('codedErrorBody', () => {
  it('gives an error with no details an empty field list', () => {
    expect(codedErrorBody('AUTH_TOKEN_MISSING', 'A bearer token is required')).toEqual({
      code: 'AUTH_TOKEN_MISSING',
      message: 'A bearer token is required',
      details: [],
    });
  });

  it('turns a module’s `{ field }` into one field issue, with the message as the reason', () => {
    expect(codedErrorBody('INVALID_REQUEST', 'name is required', { field: 'name' })).toEqual({
      code: 'INVALID_REQUEST',
      message: 'name is required',
      details: [{ field: 'name', reason: 'name is required' }],
    });
  });

  it('turns zod-like `{ issues: [{ path, message }] }` into field issues', () => {
    expect(
      codedErrorBody('INVALID_REQUEST', 'The request is not valid', {
        issues: [
          { path: 'price.amount', message: 'Number must be greater than 0' },
          { path: ['lines', 0, 'sku'], message: 'Required' },
        ],
      }).details,
    ).toEqual([
      { field: 'price.amount', reason: 'Number must be greater than 0' },
      { field: 'lines.0.sku', reason: 'Required' },
    ]);
  });

  it('keeps `[{ field, reason }]` as it is', () => {
    expect(codedErrorBody('INVALID_INPUT', 'bad', [{ field: 'body.name', reason: 'contains a NUL byte' }]).details).toEqual([
      { field: 'body.name', reason: 'contains a NUL byte' },
    ]);
  });

  it('moves every other detail (ids, states) to `context`', () => {
    expect(codedErrorBody('JOB_ALREADY_OPEN', 'An import is open', { jobId: 'j-1' })).toEqual({
      code: 'JOB_ALREADY_OPEN',
      message: 'An import is open',
      details: [],
      context: { jobId: 'j-1' },
    });
    expect(codedErrorBody('INVALID_REQUEST', 'bad status', { field: 'status', status: 'PENDING' })).toEqual({
      code: 'INVALID_REQUEST',
      message: 'bad status',
      details: [{ field: 'status', reason: 'bad status' }],
      context: { status: 'PENDING' },
    });
  });
});
