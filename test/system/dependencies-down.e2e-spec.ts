import { freePort } from '@amazon-channel/testing';
import { eventually, Stack } from './support/stack';

/** A service whose database or broker is missing at start stays up, says so, and keeps trying. */
describe('start-up without its dependencies', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.create('deps_down');
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('is live but not ready while PostgreSQL and Kafka are unreachable, naming what is down', async () => {
    const nowhere = await freePort();
    const orders = await stack.start(
      'orders',
      { DATABASE_URL: `postgres://postgres@127.0.0.1:${nowhere}/none`, KAFKA_BROKERS: `127.0.0.1:${nowhere}` },
      'live',
    );
    const ready = await fetch(`${orders.url}/health/ready`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { error: Record<string, { status: string }> };
    expect(body.error.database.status).toBe('down');
    expect(body.error.bus.status).toBe('down');
    // Still retrying, not crashed: a few seconds later it answers the same.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(orders.child.exitCode).toBeNull();
    expect((await fetch(`${orders.url}/health/ready`)).status).toBe(503);
    await eventually(async () => expect(stack.log.lines.some((line) => /database not reachable \(attempt [2-9]/.test(line))).toBe(true), 15000);
  });

  it('stops at once with the name of a bad variable', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, ['tools/run-ts.js', 'apps/orders/src/main.ts'], {
      cwd: `${__dirname}/../..`,
      env: { ...process.env, ...stack.env({ PORT: 'eighty', BUS_DRIVER: 'carrier-pigeon' }) },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stderr).toMatch(/BUS_DRIVER|driver/);
  });
});
