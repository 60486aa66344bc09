import { BadRequestException, HttpException, NotFoundException, ParseUUIDPipe, PayloadTooLargeException, ServiceUnavailableException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { shapeHttpError } from './http-error-shape';
import { PlatformHttpError } from './platform-http.error';

const REQUEST_ID = 'req-1';

describe('shapeHttpError', () => {
  it('keeps the platform input errors as they are', () => {
    const error = new PlatformHttpError('INVALID_ID', 'connectionId must be a UUID', [{ field: 'params.connectionId', reason: 'must be a UUID' }]);
    expect(shapeHttpError(error, REQUEST_ID)).toEqual({
      status: 400,
      body: { code: 'INVALID_ID', message: 'connectionId must be a UUID', details: [{ field: 'params.connectionId', reason: 'must be a UUID' }] },
      unexpected: false,
    });
  });

  it('keeps the code of a coded HttpException and gives it the shared shape', () => {
    expect(shapeHttpError(new NotFoundException({ code: 'JOB_NOT_FOUND', message: 'No job run x' }), REQUEST_ID)).toEqual({
      status: 404,
      body: { code: 'JOB_NOT_FOUND', message: 'No job run x', details: [] },
      unexpected: false,
    });
  });

  it('codes the framework’s uncoded errors by status: unknown route, ParseUUIDPipe, 413, validation arrays', async () => {
    expect(shapeHttpError(new NotFoundException('Cannot GET /nope'), REQUEST_ID).body).toEqual({ code: 'NOT_FOUND', message: 'Cannot GET /nope', details: [] });
    const uuid = await new ParseUUIDPipe().transform('nope', { type: 'param', data: 'id' }).catch((error: unknown) => error);
    expect(shapeHttpError(uuid, REQUEST_ID)).toMatchObject({ status: 400, body: { code: 'INVALID_ID', details: [] } });
    expect(shapeHttpError(new PayloadTooLargeException(), REQUEST_ID)).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(shapeHttpError(new BadRequestException(['name must be a string', 'price must be positive']), REQUEST_ID).body).toEqual({
      code: 'BAD_REQUEST',
      message: 'name must be a string; price must be positive',
      details: [
        { field: 'body', reason: 'name must be a string' },
        { field: 'body', reason: 'price must be positive' },
      ],
    });
    expect(shapeHttpError(new HttpException('teapot', 418), REQUEST_ID).body).toMatchObject({ code: 'HTTP_418', message: 'teapot' });
    expect(shapeHttpError(new BadRequestException("Failed to decode param '%FF'"), REQUEST_ID).body).toMatchObject({
      code: 'INVALID_INPUT',
      details: [{ field: 'params' }],
    });
  });

  it('codes body-parser errors: unparseable JSON, too large, unsupported charset', () => {
    const parser = (type: string, status: number, message: string) => Object.assign(new Error(message), { type, status, statusCode: status, expose: true });
    expect(shapeHttpError(parser('entity.parse.failed', 400, 'Unexpected end of JSON input'), REQUEST_ID)).toEqual({
      status: 400,
      body: { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON', details: [{ field: 'body', reason: 'Unexpected end of JSON input' }] },
      unexpected: false,
    });
    expect(shapeHttpError(parser('entity.too.large', 413, 'request entity too large'), REQUEST_ID)).toMatchObject({
      status: 413,
      body: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(shapeHttpError(parser('charset.unsupported', 415, 'unsupported charset "X"'), REQUEST_ID)).toMatchObject({
      status: 415,
      body: { code: 'UNSUPPORTED_MEDIA_TYPE' },
    });
  });

  it('answers anything unexpected with a bare 500 INTERNAL and the request id, never the database text', () => {
    const failed = new QueryFailedError(
      'SELECT * FROM orders.orders WHERE email = $1',
      ['buyer@example.com'],
      new Error('invalid input syntax for type uuid: "buyer@example.com"'),
    );
    const shaped = shapeHttpError(failed, REQUEST_ID);
    expect(shaped).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'Internal error', details: [], requestId: REQUEST_ID }, unexpected: true });
    expect(JSON.stringify(shaped.body)).not.toMatch(/buyer|SELECT|uuid/);
    expect(shapeHttpError('a string', REQUEST_ID)).toMatchObject({ status: 500, unexpected: true });
    // A 500 HttpException raised without a code says no more than any other 500.
    expect(shapeHttpError(new HttpException('relation "x" does not exist', 500), REQUEST_ID).body).toEqual({
      code: 'INTERNAL',
      message: 'Internal error',
      details: [],
      requestId: REQUEST_ID,
    });
  });

  it('passes the health check result through in terminus’ shape', () => {
    const result = { status: 'error', info: {}, error: { database: { status: 'down' } }, details: { database: { status: 'down' } } };
    expect(shapeHttpError(new ServiceUnavailableException(result), REQUEST_ID)).toEqual({ status: 503, body: result, unexpected: false });
  });
});
