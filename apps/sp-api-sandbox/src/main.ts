import { loadSandboxConfig } from './config/sandbox.config';
import { createSandboxApp } from './sandbox-app';

/** Entry point: `node tools/run-ts.js apps/sp-api-sandbox/src/main.ts` (PORT defaults to 4010). */
async function main(): Promise<void> {
  const config = loadSandboxConfig();
  const app = await createSandboxApp({
    port: config.PORT,
    host: config.SANDBOX_HOST,
    seed: config.SANDBOX_SEED,
    tokenTtlSeconds: config.SANDBOX_TOKEN_TTL_SECONDS,
    demoListingCount: config.SANDBOX_DEMO_LISTINGS,
    demoOrderCount: config.SANDBOX_DEMO_ORDERS,
    queueMs: config.SANDBOX_QUEUE_MS,
    processingMs: config.SANDBOX_PROCESSING_MS,
    sharedDir: config.SANDBOX_SHARED_DIR,
    onUnexpectedError: (e) => process.stderr.write(`sp-api-sandbox: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`),
  });
  // One machine-readable line so launchers (libs/testing startSandbox) learn the port when PORT=0.
  process.stdout.write(`${JSON.stringify({ msg: 'sp-api-sandbox listening', baseUrl: app.baseUrl, port: app.port })}\n`);
  const stop = (): void => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Started with an IPC channel (the test harness does): the parent's end, however it ends, ends us too.
  if (process.connected) process.once('disconnect', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`sp-api-sandbox failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
