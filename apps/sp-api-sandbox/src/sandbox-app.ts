import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { defaultSharedDir } from './config/sandbox.config';
import type { NowFn } from './core/clock';
import { SpApiErrorFilter } from './core/error.filter';
import { createGateway, requestIdMiddleware } from './core/gateway.middleware';
import { SandboxModule } from './sandbox.module';
import { DEFAULTS, SandboxState } from './state/sandbox-state';

/** Options of {@link createSandboxApp}; everything has a documented default. */
export interface SandboxAppOptions {
  /** Port to listen on; 0 picks a free one (default 4010). */
  port?: number;
  /** Interface to bind (default 127.0.0.1; containers set SANDBOX_HOST=0.0.0.0). */
  host?: string;
  /** LWA access-token lifetime in seconds (default 3600, as Amazon). */
  tokenTtlSeconds?: number;
  /** Time source (default Date.now); the admin API adds an offset on top. */
  clock?: NowFn;
  /** Seed for all generated data (default 'sandbox'). */
  seed?: string;
  /** Listings and orders of the demo seller (defaults 50 and 20). */
  demoListingCount?: number;
  demoOrderCount?: number;
  /** IN_QUEUE and IN_PROGRESS durations of reports and feeds in ms (defaults 1000 and 2000). */
  queueMs?: number;
  processingMs?: number;
  /** Folder containing `sp-api-models/` (default `../shared` next to the repository). */
  sharedDir?: string;
  /** Called with unexpected errors (they are answered as 500 InternalFailure). */
  onUnexpectedError?: (e: unknown) => void;
}

/** A running sandbox. */
export interface SandboxApp {
  /** `http://127.0.0.1:<port>`: SP-API, LWA, consent and admin API all live under it. */
  baseUrl: string;
  port: number;
  /** Direct access to the state (in-process tests only; other projects use the admin API). */
  state: SandboxState;
  defaults: typeof DEFAULTS;
  close(): Promise<void>;
}

/**
 * Starts the sandbox in this process: a Nest (express) app with Amazon's edge in front of the
 * SP-API controllers. Used by `main.ts` and by the app's own tests.
 */
export async function createSandboxApp(options: SandboxAppOptions = {}): Promise<SandboxApp> {
  const state = new SandboxState(
    {
      seed: options.seed ?? 'sandbox',
      tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
      demoListingCount: options.demoListingCount ?? 50,
      demoOrderCount: options.demoOrderCount ?? 20,
      queueMs: options.queueMs ?? 1000,
      processingMs: options.processingMs ?? 2000,
      documentUrlTtlMs: 5 * 60_000,
      modelsDir: `${options.sharedDir ?? defaultSharedDir()}/sp-api-models`,
    },
    options.clock,
  );
  const app = await NestFactory.create<NestExpressApplication>(SandboxModule.forState(state), {
    bodyParser: false,
    logger: false,
  });
  app.set('trust proxy', false);
  app.set('etag', false);
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(createGateway(state));
  app.useGlobalFilters(new SpApiErrorFilter(options.onUnexpectedError));
  const host = options.host ?? '127.0.0.1';
  await app.listen(options.port ?? 4010, host);
  const server = app.getHttpServer() as Server;
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    state,
    defaults: DEFAULTS,
    close: () => app.close(),
  };
}
