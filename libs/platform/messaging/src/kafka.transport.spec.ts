import { chunkBySize } from './kafka.transport';

const message = (i: number, size: number) => ({ topic: 't', key: `k${i}`, value: 'x'.repeat(size) });

describe('chunkBySize', () => {
  it('keeps order and bounds each request', () => {
    const messages = Array.from({ length: 50 }, (_, i) => message(i, 30_000));
    const chunks = chunkBySize(messages, 512 * 1024);
    expect(chunks.flat()).toEqual(messages);
    for (const chunk of chunks) expect(chunk.reduce((sum, m) => sum + m.value.length, 0)).toBeLessThanOrEqual(512 * 1024);
    expect(chunks.length).toBeGreaterThan(2);
  });

  it('sends an oversized message alone rather than dropping it', () => {
    const chunks = chunkBySize([message(1, 10), message(2, 700_000), message(3, 10)], 512 * 1024);
    expect(chunks.map((c) => c.map((m) => m.key))).toEqual([['k1'], ['k2'], ['k3']]);
  });
});
