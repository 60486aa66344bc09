import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { startKafkaBroker } from './kafka-broker';
import { KafkaHarnessError, KafkaHarnessErrorCode } from './kafka-harness.error';

function acceptsTcp(hostPort: string): Promise<boolean> {
  const [host, port] = hostPort.split(':');
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startKafkaBroker', () => {
  it('starts a broker of its own that serves clients, and stop() shuts it and removes its data', async () => {
    const broker = await startKafkaBroker();
    const workDir = path.dirname(broker.logFile);
    try {
      expect(broker.brokers).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(broker.brokers).not.toBe(process.env['KAFKA_BROKERS']);
      const admin = new Kafka({ brokers: [broker.brokers], logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      const cluster = await admin.describeCluster();
      await admin.disconnect();
      expect(cluster.brokers).toHaveLength(1);
      expect(readFileSync(broker.logFile, 'utf8')).toContain('Kafka Server started');
    } finally {
      await broker.stop();
    }

    expect(await acceptsTcp(broker.brokers)).toBe(false);
    expect(existsSync(workDir)).toBe(false);
    // A second stop() is harmless.
    await expect(broker.stop()).resolves.toBeUndefined();
  }, 90_000);

  it('fails loudly with the broker log when the broker does not come up in time', async () => {
    const logDir = await mkdtemp(path.join(tmpdir(), 'kafka-harness-spec-'));
    try {
      const failure = startKafkaBroker({ startTimeoutMs: 1, logDir });

      await expect(failure).rejects.toThrow(KafkaHarnessError);
      const error = (await failure.catch((e: unknown) => e)) as KafkaHarnessError;
      expect(error.code).toBe(KafkaHarnessErrorCode.StartTimeout);
      // The message names the kept log and carries its tail, which starts with the formatter's output.
      const [logFile] = await readdir(logDir);
      expect(error.message).toContain(`Log: ${path.join(logDir, logFile)}`);
      expect(error.message).toContain('kafka.tools.StorageTool format');
    } finally {
      await rm(logDir, { recursive: true, force: true });
    }
    // The formatter may take up to its own minute on a loaded machine before the start timeout can fire.
  }, 120_000);
});
