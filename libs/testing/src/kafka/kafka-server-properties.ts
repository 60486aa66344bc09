/** A value of one broker setting. */
export type KafkaPropertyValue = string | number | boolean;

/**
 * What the harness decides per broker; everything else is fixed for a single-node test broker.
 */
export interface KafkaServerPropertiesInput {
  /** Interface both listeners bind to, and the one advertised to clients. */
  readonly host: string;
  /** Port of the PLAINTEXT listener clients use. */
  readonly brokerPort: number;
  /** Port of the KRaft controller listener. */
  readonly controllerPort: number;
  /** Folder for the partition logs and the KRaft metadata log. */
  readonly dataDir: string;
  /** Settings that replace or add to the defaults below. */
  readonly overrides?: Readonly<Record<string, KafkaPropertyValue>>;
}

/**
 * Builds the server.properties of a single-node KRaft broker (one process is broker and controller)
 * tuned for tests.
 *
 * Why these values: with one node every internal topic must have replication factor 1 or the group
 * and transaction coordinators never load; `group.initial.rebalance.delay.ms=0` spares each consumer
 * group 3 s of waiting; fewer internal-topic partitions and a small cleaner buffer keep start-up and
 * memory small on a 2-core machine; a 1 s minimum session timeout lets tests of crashed consumers
 * finish quickly.
 */
export function renderKafkaServerProperties(input: KafkaServerPropertiesInput): string {
  const { host, brokerPort, controllerPort, dataDir } = input;
  const properties: Record<string, KafkaPropertyValue> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${host}:${controllerPort}`,
    listeners: `PLAINTEXT://${host}:${brokerPort},CONTROLLER://${host}:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${host}:${brokerPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': dataDir,
    'num.partitions': 3,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'auto.create.topics.enable': true,
    'delete.topic.enable': true,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 10,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'group.min.session.timeout.ms': 1000,
    'log.cleaner.dedupe.buffer.size': 16 * 1024 * 1024,
    'num.network.threads': 2,
    'num.io.threads': 4,
    'num.recovery.threads.per.data.dir': 1,
    ...input.overrides,
  };
  return `${Object.entries(properties)
    .map(([key, value]) => `${key}=${escapePropertyValue(String(value))}`)
    .join('\n')}\n`;
}

/** java.util.Properties treats a backslash as an escape, so a Windows-style path must double it. */
function escapePropertyValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
