import { InMemoryRateLimitStore } from './in-memory-rate-limit-store';
import type { CallPriority } from './rate-limiter';
import { RateLimiter } from './rate-limiter';
import { VirtualClock } from '../testing/virtual-clock';
import { RUN_PRIORITY } from '@amazon-channel/contracts';
import { withRatePriority } from './rate-priority';

function setup() {
  const clock = new VirtualClock();
  const store = new InMemoryRateLimitStore(() => clock.now());
  const limiter = new RateLimiter(store, { clock, maxPollMs: 60_000, minPollMs: 1 });
  return { clock, store, limiter };
}

describe('RateLimiter', () => {
  it('serves callers of one priority in arrival order, spaced by the refill rate once the burst is spent', async () => {
    const { clock, limiter } = setup();
    const plan = { rate: 0.5, burst: 2 };
    const granted: { id: number; at: number }[] = [];
    const start = clock.now();
    await Promise.all(Array.from({ length: 6 }, (_, id) => limiter.acquire('s:NA:op', plan).then(() => granted.push({ id, at: clock.now() - start }))));
    expect(granted.map((g) => g.id)).toEqual([0, 1, 2, 3, 4, 5]);
    // two from the burst immediately, then one every 2 s
    expect(granted.map((g) => Math.round(g.at / 1000))).toEqual([0, 0, 2, 4, 6, 8]);
  });

  it('lets a critical caller overtake queued bulk callers, and normal ones overtake bulk', async () => {
    const { limiter } = setup();
    const plan = { rate: 1, burst: 1 };
    const order: string[] = [];
    const take = (name: string, p: CallPriority) => limiter.acquire('s:NA:op', plan, p).then(() => order.push(name));
    const all = [take('bulk-1', 'bulk'), take('bulk-2', 'bulk'), take('bulk-3', 'bulk')];
    await new Promise((r) => setImmediate(r));
    all.push(take('normal-1', 'normal'), take('critical-1', 'critical'), take('bulk-4', 'bulk'));
    await Promise.all(all);
    expect(order[0]).toBe('bulk-1'); // had the burst token before anyone else arrived
    expect(order.indexOf('critical-1')).toBeLessThan(order.indexOf('normal-1'));
    expect(order.indexOf('normal-1')).toBeLessThan(order.indexOf('bulk-2'));
    expect(order.filter((o) => o.startsWith('bulk'))).toEqual(['bulk-1', 'bulk-2', 'bulk-3', 'bulk-4']);
  });

  it('never drops a caller and never exceeds burst + rate × window in any window', async () => {
    const { clock, limiter } = setup();
    const plan = { rate: 2, burst: 5 };
    const times: number[] = [];
    const start = clock.now();
    await Promise.all(Array.from({ length: 200 }, () => limiter.acquire('s:NA:op', plan, 'bulk').then(() => times.push(clock.now() - start))));
    expect(times).toHaveLength(200);
    for (let i = 0; i < times.length; i++) {
      for (let j = i; j < times.length; j++) {
        const window = (times[j] - times[i]) / 1000;
        expect(j - i + 1).toBeLessThanOrEqual(plan.burst + plan.rate * window + 1e-6);
      }
    }
    // and the budget is actually used: 195 refills at 2/s ≈ 97.5 s
    expect(times[199] / 1000).toBeLessThanOrEqual(98);
  });

  it('keeps a latency reserve after waiting for a refill without slowing the pace', async () => {
    const { clock, store, limiter } = setup();
    const plan = { rate: 1, burst: 2 };
    const start = clock.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => limiter.acquire('s:NA:op', plan).then(() => times.push(clock.now() - start))));
    // the first refill wait is 250 ms longer; after that one call per second, with 0.25 token in reserve
    expect(times).toEqual([0, 0, 1_250, 2_250, 3_250, 4_250]);
    expect(store.peek('s:NA:op')?.tokens).toBeCloseTo(0.25, 5);
  });

  it('keeps the latency margin between grants when two limiters (replicas) share one store', async () => {
    const clock = new VirtualClock();
    const store = new InMemoryRateLimitStore(() => clock.now());
    const replicas = [0, 1].map(() => new RateLimiter(store, { clock, maxPollMs: 60_000, minPollMs: 1 }));
    // getListingsItem: 5/s, burst 10; the 250 ms margin is capped at 0.9 / rate = 180 ms.
    const plan = { rate: 5, burst: 10 };
    const marginS = 0.18;
    const start = clock.now();
    const times: number[] = [];
    const calls = (limiter: RateLimiter) =>
      Array.from({ length: 15 }, () => limiter.acquire('s:NA:op', plan).then(() => times.push((clock.now() - start) / 1000)));
    const first = calls(replicas[0]);
    // The second replica's callers arrive while the first replica waits out its margin.
    await clock.sleep(250);
    await Promise.all([...first, ...calls(replicas[1])]);
    expect(times).toHaveLength(30);
    times.sort((a, b) => a - b);
    // Amazon counts arrivals: a request that travels up to `margin` faster than an earlier one
    // must still find a token, so any run of sends may exceed the burst only by what was refilled
    // more than `margin` before its last send.
    for (let i = 0; i < times.length; i++) {
      for (let j = i + 1; j < times.length; j++) {
        expect(j - i + 1).toBeLessThanOrEqual(plan.burst + plan.rate * Math.max(0, times[j] - times[i] - marginS) + 1e-6);
      }
    }
    // The pace is the plan's: the 20 calls after the burst take 20 refills plus one margin.
    expect(times[29]).toBeCloseTo(20 / plan.rate + marginS, 2);
  });

  it('adds no margin to a burst-1 bucket, whose cap could not hold a reserve', async () => {
    const { clock, limiter } = setup();
    const plan = { rate: 1, burst: 1 };
    const start = clock.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 4 }, () => limiter.acquire('s:NA:op', plan).then(() => times.push(clock.now() - start))));
    expect(times).toEqual([0, 1_000, 2_000, 3_000]);
  });

  it('keeps separate buckets per seller account and operation', async () => {
    const { clock, limiter } = setup();
    const plan = { rate: 0.01, burst: 1 };
    const start = clock.now();
    await Promise.all([
      limiter.acquire('A:NA:op', plan),
      limiter.acquire('B:NA:op', plan),
      limiter.acquire('A:EU:op', plan),
      limiter.acquire('A:NA:other', plan),
    ]);
    expect(clock.now() - start).toBe(0);
  });

  it('adapts spacing when the bucket rate is updated (x-amzn-RateLimit-Limit)', async () => {
    const { clock, store, limiter } = setup();
    const plan = { rate: 1, burst: 1 };
    await limiter.acquire('s:NA:op', plan);
    await store.updateRate('s:NA:op', 0.1, plan);
    const before = clock.now();
    await limiter.acquire('s:NA:op', plan);
    expect(clock.now() - before).toBeGreaterThanOrEqual(9_900);
  });

  it('rejects only the aborted caller and keeps serving the others', async () => {
    const { limiter } = setup();
    const plan = { rate: 1, burst: 1 };
    const controller = new AbortController();
    const first = limiter.acquire('s:NA:op', plan);
    const aborted = limiter.acquire('s:NA:op', plan, 'normal', controller.signal);
    const third = limiter.acquire('s:NA:op', plan);
    controller.abort(new Error('cancelled'));
    await expect(aborted).rejects.toThrow('cancelled');
    await expect(Promise.all([first, third])).resolves.toBeDefined();
    expect(limiter.queued('s:NA:op')).toBe(0);
  });

  it('waits after a drain (429) for a full token instead of sending immediately', async () => {
    const { clock, store, limiter } = setup();
    const plan = { rate: 0.5, burst: 10 };
    await limiter.acquire('s:NA:op', plan);
    await store.drain('s:NA:op', plan);
    const before = clock.now();
    await limiter.acquire('s:NA:op', plan);
    expect(clock.now() - before).toBeGreaterThanOrEqual(2_000);
  });

  describe('priorities per seller account', () => {
    // searchOrders-like pace: one token a second, no burst to hide the order in.
    const plan = { rate: 1, burst: 1 };
    const key = 'A1SELLER:NA:reports.getReport';

    it('a get-orders requested during a large import of the same seller gets the next tokens (one replica)', async () => {
      const { clock, limiter } = setup();
      const grants: string[] = [];
      const importCalls = withRatePriority(RUN_PRIORITY.import, () =>
        Array.from({ length: 1_000 }, () => limiter.acquire(key, plan).then(() => grants.push('import'))),
      );
      await clock.sleep(10_500);
      const before = grants.length;
      const requestedAt = clock.now();
      const orderCalls = withRatePriority(RUN_PRIORITY.getOrders, () =>
        Array.from({ length: 3 }, () => limiter.acquire(key, plan).then(() => grants.push('get-orders'))),
      );
      await Promise.all(orderCalls);
      // The next three tokens after the request are get-orders', each a refill apart; the import waits.
      expect(grants.slice(before)).toEqual(['get-orders', 'get-orders', 'get-orders']);
      expect(clock.now() - requestedAt).toBeLessThanOrEqual(3_000);
      expect(limiter.queued(key)).toBeGreaterThan(900);
      await Promise.all(importCalls.slice(0, 5));
    });

    it('a person overtakes get-orders, and a critical call overtakes every run', async () => {
      const { limiter } = setup();
      const order: string[] = [];
      const take = (name: string, rank: number, call?: CallPriority) =>
        withRatePriority(rank, () => limiter.acquire(key, plan, call).then(() => order.push(name)));
      const all = [take('import-1', RUN_PRIORITY.import), take('import-2', RUN_PRIORITY.import)];
      await new Promise((r) => setImmediate(r));
      all.push(
        take('link', RUN_PRIORITY.link),
        take('get-orders', RUN_PRIORITY.getOrders, 'bulk'),
        take('person', RUN_PRIORITY.personRequest),
        take('confirm-shipment', RUN_PRIORITY.syncOrders, 'critical'),
      );
      await Promise.all(all);
      // import-1 had the one token before anyone else arrived.
      expect(order).toEqual(['import-1', 'confirm-shipment', 'person', 'get-orders', 'link', 'import-2']);
    });

    it('serves the get-orders replica first although another replica queued the import first (claims on the shared bucket)', async () => {
      const clock = new VirtualClock();
      const store = new InMemoryRateLimitStore(() => clock.now());
      const [importReplica, ordersReplica] = [0, 1].map(() => new RateLimiter(store, { clock, maxPollMs: 60_000, minPollMs: 1 }));
      const grants: string[] = [];
      const importCalls = withRatePriority(RUN_PRIORITY.import, () =>
        Array.from({ length: 1_000 }, () => importReplica.acquire(key, plan).then(() => grants.push('import'))),
      );
      await clock.sleep(10_500);
      const before = grants.length;
      const requestedAt = clock.now();
      await Promise.all(
        withRatePriority(RUN_PRIORITY.getOrders, () => Array.from({ length: 3 }, () => ordersReplica.acquire(key, plan).then(() => grants.push('get-orders')))),
      );
      // At most the import call already at the store when the first get-orders was refused goes first.
      const next = grants.slice(before);
      expect(next.filter((g) => g === 'get-orders')).toHaveLength(3);
      expect(next.length).toBeLessThanOrEqual(4);
      expect(next.slice(-3)).toEqual(['get-orders', 'get-orders', 'get-orders']);
      expect(clock.now() - requestedAt).toBeLessThanOrEqual(4_000);
      await Promise.all(importCalls.slice(0, 20));
    });
  });
});
