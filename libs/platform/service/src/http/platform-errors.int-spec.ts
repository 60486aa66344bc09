import { AuthModule, authConfig, Public } from '@amazon-channel/platform-auth';
import { loadConfig } from '@amazon-channel/platform-config';
import { createTestDatabase, kafkaBrokers, type TestDatabase } from '@amazon-channel/testing';
import { Body, Catch, Controller, Get, Module, Param, Post, Query, type ArgumentsHost, type DynamicModule, type ExceptionFilter } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { bootstrapService, type RunningService } from '../bootstrap';
import { platformConfig } from '../platform.config';
import { PlatformModule } from '../platform.module';
import type { ServiceDefinition } from '../service-definition';

const BUYER_EMAIL = 'jane.buyer@example.com';
const SERVICE: ServiceDefinition = { name: 'errors-test', schema: 'errors_test', title: 'errors test', description: 'probe', entities: [], migrations: [] };

/** A module error with its own APP_FILTER, registered after AuthModule's, as orders registers OrdersErrorFilter. */
class ProbeError extends Error {}
@Catch(ProbeError)
class ProbeErrorFilter implements ExceptionFilter<ProbeError> {
  catch(error: ProbeError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(409).json({ code: 'PROBE_CONFLICT', message: error.message, details: [] });
  }
}

/** Routes that fail the ways real ones can: a query PostgreSQL refuses, a module error, a tenant route. */
@Controller('probe')
class ProbeController {
  constructor(private readonly dataSource: DataSource) {}

  @Public()
  @Post('lookup')
  async lookup(@Body() body: { email: string }): Promise<unknown> {
    const email = body.email;
    // Casting a buyer's email to uuid fails in PostgreSQL (22P02), quoting the value in its message.
    return this.dataSource.query('SELECT $1::uuid AS id', [email]);
  }

  @Public()
  @Get('search')
  search(@Query('q') q: string): { q: string } {
    return { q };
  }

  @Public()
  @Get('conflict')
  conflict(): never {
    throw new ProbeError('probe conflict');
  }

  @Public()
  @Get('items/:id')
  item(@Param('id') id: string): { id: string } {
    return { id };
  }

  @Get('private')
  private(): string {
    return 'secret';
  }
}

@Module({ controllers: [ProbeController], providers: [{ provide: APP_FILTER, useClass: ProbeErrorFilter }] })
class ProbeModule {}

/** Log lines as JSON objects. */
class CapturedLog extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
}

describe('platform HTTP errors on a real service (PostgreSQL, Kafka)', () => {
  let database: TestDatabase;
  let service: RunningService;
  const log = new CapturedLog();

  beforeAll(async () => {
    const [db, brokers] = await Promise.all([createTestDatabase('platform_errors'), kafkaBrokers()]);
    database = db;
    const config = loadConfig(platformConfig.and(authConfig), {
      PORT: '0',
      DATABASE_URL: database.url,
      BUS_DRIVER: 'kafka',
      KAFKA_BROKERS: brokers,
      CONSUMER_GROUP_PREFIX: `errors-${randomBytes(4).toString('hex')}-`,
      AUTH_JWT_SECRET: 'errors-test-jwt-secret-errors-test-jwt-secret',
      INTERNAL_API_TOKEN: 'errors-test-internal-token-0000000000000001',
      LOG_LEVEL: 'info',
    });
    const appModule: DynamicModule = {
      module: class ErrorsTestAppModule {},
      imports: [AuthModule.forRoot(config), PlatformModule.forService(SERVICE, config, log), ProbeModule],
    };
    service = await bootstrapService(appModule, config);
    await service.connected;
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  it('answers a failed query with a bare 500 and logs it without the SQL or its parameters', async () => {
    const res = await fetch(`${service.url}/probe/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: BUYER_EMAIL }),
    });
    const text = await res.text();
    expect(res.status).toBe(500);
    const body = JSON.parse(text);
    expect(body).toEqual({ code: 'INTERNAL', message: 'Internal error', details: [], requestId: expect.any(String) });
    expect(text).not.toMatch(/jane|SELECT|uuid|syntax/i);

    // The error is logged once with its request id, type and SQLSTATE; no line carries the value or the query.
    const errorLines = log.lines.filter((line) => line.includes(body.requestId) && line.includes('"err"'));
    expect(errorLines.length).toBeGreaterThan(0);
    const logged = errorLines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'Unexpected error answering a request');
    expect(logged).toMatchObject({
      requestId: body.requestId,
      err: { type: 'QueryFailedError', sqlState: '22P02', message: 'invalid input syntax for type uuid: [REDACTED]' },
    });
    expect(log.lines.filter((line) => line.includes(BUYER_EMAIL) || line.includes('jane.buyer') || line.includes('SELECT $1'))).toEqual([]);
  });

  it('leaves module errors to their own filters, global or not: the catch-all is asked last', async () => {
    const conflict = await fetch(`${service.url}/probe/conflict`);
    expect([conflict.status, await conflict.json()]).toEqual([409, { code: 'PROBE_CONFLICT', message: 'probe conflict', details: [] }]);
    const anonymous = await fetch(`${service.url}/probe/private`);
    expect([anonymous.status, await anonymous.json()]).toEqual([401, { code: 'AUTH_TOKEN_MISSING', message: expect.any(String), details: [] }]);
  });

  it('codes malformed JSON, NUL bytes, non-UUID ids and unknown routes before any handler runs', async () => {
    const malformed = await fetch(`${service.url}/probe/items/x`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": ' });
    expect([malformed.status, await malformed.json()]).toEqual([
      400,
      { code: 'MALFORMED_JSON', message: expect.any(String), details: [{ field: 'body', reason: expect.any(String) }] },
    ]);
    const nul = await fetch(`${service.url}/probe/search?q=a%00b`);
    expect([nul.status, await nul.json()]).toEqual([
      400,
      { code: 'INVALID_INPUT', message: expect.any(String), details: [{ field: 'query.q', reason: 'contains a NUL byte' }] },
    ]);
    const id = await fetch(`${service.url}/probe/items/${encodeURIComponent("' OR 1=1 --")}`);
    expect([id.status, await id.json()]).toEqual([
      400,
      { code: 'INVALID_ID', message: 'id must be a UUID', details: [{ field: 'params.id', reason: 'must be a UUID' }] },
    ]);
    const unknown = await fetch(`${service.url}/nowhere`);
    expect([unknown.status, await unknown.json()]).toEqual([404, { code: 'NOT_FOUND', message: expect.any(String), details: [] }]);
  });

  it('serves the OpenAPI document at /docs-json with ErrorBody responses on every operation', async () => {
    const document = (await (await fetch(`${service.url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, any> }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.components.schemas).toHaveProperty('ErrorBody');
    const lookup = document.paths['/probe/lookup'].post.responses;
    expect(lookup['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
    expect(lookup).not.toHaveProperty('401');
    expect(document.paths['/probe/private'].get.responses).toHaveProperty('401');
  });
});
