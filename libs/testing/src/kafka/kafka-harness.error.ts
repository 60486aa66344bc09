/**
 * Why a harness Kafka broker could not be provided. Stable: scripts and CI logs may match on them.
 */
export enum KafkaHarnessErrorCode {
  /** tools/kafka/pom.xml is missing or names no `kafka.version`. */
  DistributionUnknown = 'KAFKA_DISTRIBUTION_UNKNOWN',
  /** tools/kafka/fetch.sh failed (no Maven, no network to Maven Central, ...). */
  FetchFailed = 'KAFKA_FETCH_FAILED',
  /** No `java` executable (JAVA_HOME/bin/java or on PATH). */
  JavaNotFound = 'KAFKA_JAVA_NOT_FOUND',
  /** The KRaft storage formatter exited with an error. */
  FormatFailed = 'KAFKA_FORMAT_FAILED',
  /** The broker process ended before it accepted clients. */
  BrokerExited = 'KAFKA_BROKER_EXITED',
  /** The broker did not accept a kafkajs admin connection within the start timeout. */
  StartTimeout = 'KAFKA_START_TIMEOUT',
}

/**
 * The one error the Kafka part of the harness throws. Its message carries the tail of the broker's
 * log where there is one, because a broker that does not come up must fail the run loudly and show
 * why, never let tests skip.
 */
export class KafkaHarnessError extends Error {
  /** @param code - stable reason, see {@link KafkaHarnessErrorCode} */
  constructor(
    readonly code: KafkaHarnessErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`[${code}] ${message}`, options);
    this.name = 'KafkaHarnessError';
  }
}
