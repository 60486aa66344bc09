import path from 'node:path';
import { harnessCacheDir, kafkaVersionFromPom } from './kafka-distribution';

describe('Kafka distribution', () => {
  it('reads the version from the pom property', () => {
    const pom = '<properties>\n  <kafka.version>4.1.2</kafka.version>\n</properties>';

    expect(kafkaVersionFromPom(pom)).toBe('4.1.2');
  });

  it('finds no version in a pom without the property', () => {
    expect(kafkaVersionFromPom('<properties><log4j.version>2</log4j.version></properties>')).toBeUndefined();
  });

  it('caches under AMAZON_CHANNEL_CACHE when set, else under the home cache folder', () => {
    expect(harnessCacheDir({ AMAZON_CHANNEL_CACHE: '/var/cache/ac' }, '/home/dev')).toBe('/var/cache/ac');
    expect(harnessCacheDir({}, '/home/dev')).toBe(path.join('/home/dev', '.cache', 'amazon-channel'));
  });
});
