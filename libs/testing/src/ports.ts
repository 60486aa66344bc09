import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';

/**
 * Finds `count` distinct TCP ports that are free on `host` right now.
 *
 * Why: servers the harness starts (Kafka, embedded PostgreSQL) must not collide with each other, with
 * a developer's own servers or with another test run on the same machine. All listeners stay open until
 * every port is chosen, so one call never returns the same port twice. The port is released before the
 * caller binds it, so another process could still take it in between: callers that start a server
 * should retry on "address in use".
 *
 * @example
 * const [brokerPort, controllerPort] = await freePorts(2);
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`freePorts needs a positive whole count, got ${count}`);
  }
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const server = createServer();
      servers.push(server);
      ports.push(await listenOnAnyPort(server, host));
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}

/**
 * Finds one TCP port that is free on `host` right now (see {@link freePorts} for the caveat).
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const [port] = await freePorts(1, host);
  return port;
}

function listenOnAnyPort(server: Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => resolve((server.address() as AddressInfo).port));
  });
}
