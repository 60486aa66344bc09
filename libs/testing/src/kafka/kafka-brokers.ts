import { startKafkaBroker } from './kafka-broker';
import type { KafkaBrokerHandle } from './kafka-broker';

let ownBroker: Promise<KafkaBrokerHandle> | undefined;

/**
 * The bootstrap servers integration tests should use: `KAFKA_BROKERS` when set (the Jest global setup
 * sets it to the broker it started, CI or a developer may point it at any cluster), otherwise a
 * broker started for this process on first call and stopped when the process exits.
 *
 * Why: a test file asks one function and gets a real broker however it was launched. Under Jest the
 * fallback should not happen (the global setup runs first); for scripts and benchmarks it does, and
 * then `KAFKA_BROKERS` is set for the rest of the process so every later caller shares that broker.
 *
 * @returns a comma-separated list such as `127.0.0.1:40123`
 * @example
 * const kafka = new Kafka({ clientId: 'orders-int-spec', brokers: (await kafkaBrokers()).split(',') });
 */
export async function kafkaBrokers(): Promise<string> {
  const configured = process.env['KAFKA_BROKERS']?.trim();
  if (configured) return configured;
  ownBroker ??= startKafkaBroker();
  const broker = await ownBroker;
  process.env['KAFKA_BROKERS'] = broker.brokers;
  return broker.brokers;
}
