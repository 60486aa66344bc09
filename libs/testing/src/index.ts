/**
 * Test harness for integration and end-to-end tests: real PostgreSQL and a real Apache Kafka broker,
 * no Docker. Test code only; never import it from a service.
 *
 * Under Jest the root config's global setup (libs/testing/global-setup.js) resolves PostgreSQL and
 * starts one broker for the whole run, exporting `DATABASE_URL` and `KAFKA_BROKERS` to the workers;
 * test files then call {@link kafkaBrokers} and {@link createTestDatabase}.
 *
 * @packageDocumentation
 */
export { freePort, freePorts } from './ports';
export { forgetChildProcess, recordChildProcess, signalProcessGroup } from './processes/child-processes';
export { repoRoot } from './repo-root';

export { startKafkaBroker } from './kafka/kafka-broker';
export type { KafkaBrokerHandle, StartKafkaBrokerOptions } from './kafka/kafka-broker';
export { kafkaBrokers } from './kafka/kafka-brokers';
export { ensureKafkaJars, kafkaDistribution } from './kafka/kafka-distribution';
export type { KafkaDistribution } from './kafka/kafka-distribution';
export { KafkaHarnessError, KafkaHarnessErrorCode } from './kafka/kafka-harness.error';
export type { KafkaPropertyValue } from './kafka/kafka-server-properties';

export { LOCAL_POSTGRES_URL, resolvePostgres, startEmbeddedPostgres } from './postgres/postgres-server';
export type { PostgresHarnessOptions, PostgresServer, PostgresSource } from './postgres/postgres-server';
export { createTestDatabase } from './postgres/test-database';
export type { TestDatabase } from './postgres/test-database';
export { PostgresHarnessError, PostgresHarnessErrorCode } from './postgres/postgres-harness.error';
export * from './sandbox';
export * from './ops/ops-files';
