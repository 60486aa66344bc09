import { renderKafkaServerProperties } from './kafka-server-properties';

function parse(text: string): Map<string, string> {
  return new Map(
    text
      .trim()
      .split('\n')
      .map((line) => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)] as const;
      }),
  );
}

describe('renderKafkaServerProperties', () => {
  const base = { host: '127.0.0.1', brokerPort: 41001, controllerPort: 41002, dataDir: '/tmp/k/data' };

  it('makes one KRaft node that is both broker and controller on the given ports', () => {
    const props = parse(renderKafkaServerProperties(base));

    expect(props.get('process.roles')).toBe('broker,controller');
    expect(props.get('controller.quorum.voters')).toBe('1@127.0.0.1:41002');
    expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:41001,CONTROLLER://127.0.0.1:41002');
    expect(props.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:41001');
    expect(props.get('log.dirs')).toBe('/tmp/k/data');
  });

  it('gives every internal topic one replica, so groups and transactions work on a single node', () => {
    const props = parse(renderKafkaServerProperties(base));

    expect(props.get('offsets.topic.replication.factor')).toBe('1');
    expect(props.get('transaction.state.log.replication.factor')).toBe('1');
    expect(props.get('transaction.state.log.min.isr')).toBe('1');
    expect(props.get('group.initial.rebalance.delay.ms')).toBe('0');
    expect(props.get('auto.create.topics.enable')).toBe('true');
    expect(props.get('num.partitions')).toBe('3');
  });

  it('lets a caller override or add settings', () => {
    const props = parse(renderKafkaServerProperties({ ...base, overrides: { 'auto.create.topics.enable': false, 'log.retention.ms': 60000 } }));

    expect(props.get('auto.create.topics.enable')).toBe('false');
    expect(props.get('log.retention.ms')).toBe('60000');
  });

  it('escapes backslashes in paths, which java.util.Properties would otherwise eat', () => {
    const props = parse(renderKafkaServerProperties({ ...base, dataDir: 'C:\\kafka\\data' }));

    expect(props.get('log.dirs')).toBe('C:\\\\kafka\\\\data');
  });
});
