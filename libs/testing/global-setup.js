// Jest global setup for the whole repository (root jest.config.js and libs/testing/jest.config.js):
// one PostgreSQL server and one Apache Kafka broker for the run, exported to every test worker as
// DATABASE_URL and KAFKA_BROKERS. A server that cannot be had fails the run here, loudly.
//
// Set DATABASE_URL / KAFKA_BROKERS to use existing servers; KAFKA_HARNESS_LOG_DIR keeps the broker's
// log file after the run (CI artefact).
const path = require('node:path');

const HARNESS = Symbol.for('amazon-channel.test-harness');

module.exports = async function globalSetup() {
  // Jest runs a path once even when the root and a project both name it; this guards other set-ups.
  if (globalThis[HARNESS]) return;

  // Jest does not compile global set-up's own requires; swc-node does, with the workspace's tsconfig.
  process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', '..', 'tsconfig.base.json');
  require('@swc-node/register');
  const { resolvePostgres } = require('./src/postgres/postgres-server.ts');
  const { startKafkaBroker } = require('./src/kafka/kafka-broker.ts');

  const say = (line) => process.stderr.write(`[harness] ${line}\n`);
  // Where tests record the processes they start (child-processes.ts); the teardown kills leftovers.
  const { RUN_PROCESSES_ENV } = require('./src/processes/child-processes.ts');
  process.env[RUN_PROCESSES_ENV] = require('node:fs').mkdtempSync(path.join(require('node:os').tmpdir(), 'test-processes-'));
  const harness = { postgres: undefined, kafka: undefined };
  globalThis[HARNESS] = harness;
  // Jest's progress output may share the line: start the harness's lines on a fresh one.
  process.stderr.write('\n');

  const configuredBrokers = process.env.KAFKA_BROKERS && process.env.KAFKA_BROKERS.trim();
  const [postgres, kafka] = await Promise.allSettled([
    resolvePostgres({ log: say }),
    configuredBrokers ? Promise.resolve(undefined) : startKafkaBroker({ logDir: process.env.KAFKA_HARNESS_LOG_DIR || undefined }),
  ]);
  if (postgres.status === 'fulfilled') harness.postgres = postgres.value;
  if (kafka.status === 'fulfilled') harness.kafka = kafka.value;
  if (postgres.status === 'rejected' || kafka.status === 'rejected') {
    await stopAll(harness);
    throw postgres.status === 'rejected' ? postgres.reason : kafka.reason;
  }

  process.env.DATABASE_URL = harness.postgres.url;
  if (harness.kafka) {
    process.env.KAFKA_BROKERS = harness.kafka.brokers;
    say(
      `Kafka ${harness.kafka.version} broker started at ${harness.kafka.brokers} in ` +
        `${(harness.kafka.startupMs / 1000).toFixed(1)} s (log: ${harness.kafka.logFile})`,
    );
  } else {
    say(`Kafka from KAFKA_BROKERS (${configuredBrokers}); no broker started`);
  }
};

async function stopAll(harness) {
  await Promise.allSettled([harness.kafka && harness.kafka.stop(), harness.postgres && harness.postgres.stop()]);
}

module.exports.stopAll = stopAll;
module.exports.HARNESS = HARNESS;
