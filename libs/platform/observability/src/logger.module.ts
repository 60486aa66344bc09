import type { DynamicModule } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { maybeCorrelationId } from './correlation-context';
import { currentService } from './service-context';
import { serializeError } from './error-serializer';
import { REDACTED_LOG_PATHS, redactUrl } from './redaction';

/** JSON logs (pino) for one service, with secrets redacted and the correlation id on every line. */
export function createLoggerModule(service: string, level: string, destination?: NodeJS.WritableStream): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: [
      {
        level,
        // The service comes from the running code's context (runAsService), this module's own name
        // only outside one: under npm start Nest's static logger writes through whichever service's
        // pino started last, and each line must still name the service that wrote it.
        base: {},
        redact: { paths: REDACTED_LOG_PATHS, censor: '[REDACTED]' },
        mixin: () => {
          const correlationId = maybeCorrelationId();
          const writer = currentService() ?? service;
          return correlationId ? { service: writer, correlationId } : { service: writer };
        },
        // The request id is the correlation id; request lines carry it as req.id, others via the mixin.
        genReqId: (req: IncomingMessage) => {
          const header = req.headers['x-correlation-id'];
          return (Array.isArray(header) ? header[0] : header) ?? randomUUID();
        },
        serializers: {
          // Errors lose SQL text, parameters and driver details (row values) before any line is written.
          err: serializeError,
          req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
        },
        // Probes and scrapes every few seconds would drown the useful lines.
        autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)/.test(req.url ?? '') },
      },
      ...(destination ? [destination] : []),
    ] as never,
    forRoutes: ['*path'],
  });
}
