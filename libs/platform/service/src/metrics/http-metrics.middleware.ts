import { RUN_PRIORITY } from '@amazon-channel/contracts';
import { runAsService } from '@amazon-channel/platform-observability';
import { withRatePriority } from '@amazon-channel/sp-api';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SERVICE_DEFINITION, type ServiceDefinition } from '../service-definition';
import { httpDuration, httpRequests } from './platform-metrics';

/** Probes and scrapes every few seconds would drown the traffic the dashboards are for. */
const UNCOUNTED = /^\/(health|metrics)(\/|$)/;

/**
 * Counts every HTTP request by route template and status, times it, and runs it as this service
 * (logs and metrics) at a person's rate priority: someone is waiting on the answer, so its SP-API
 * calls go before every background run of the seller.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(SERVICE_DEFINITION) private readonly service: ServiceDefinition) {}

  use(req: Request, res: Response, next: () => void): void {
    const path = req.originalUrl.split('?')[0] ?? '';
    if (!UNCOUNTED.test(path)) {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        // The route template, never the path: ids in paths would make a series per connection.
        const route = typeof req.route?.path === 'string' ? `${req.baseUrl}${req.route.path}` : 'unmatched';
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        runAsService(this.service.name, () => {
          httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
          httpDuration.observe({ method: req.method, route }, seconds);
        });
      });
    }
    runAsService(this.service.name, () => withRatePriority(RUN_PRIORITY.personRequest, next));
  }
}
