import { createServer } from 'node:net';
import { freePort, freePorts } from './ports';

describe('free ports', () => {
  it('returns distinct ports that a server can then bind', async () => {
    const ports = await freePorts(3);

    expect(new Set(ports).size).toBe(3);
    for (const port of ports) {
      const server = createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('returns a single port in the unprivileged range', async () => {
    const port = await freePort();

    expect(port).toBeGreaterThan(1023);
    expect(port).toBeLessThan(65536);
  });

  it('rejects a count that is not a positive whole number', async () => {
    await expect(freePorts(0)).rejects.toThrow(RangeError);
  });
});
