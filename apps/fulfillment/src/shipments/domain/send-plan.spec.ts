import { planOrder, type PlannedPackage } from './send-plan';

const components = [
  { sku: 'A', quantity: 1 },
  { sku: 'B', quantity: 1 },
  { sku: 'C', quantity: 2 },
];
const part = (sku: string, quantity: number) => ({ bundleOrderItemId: 'BUNDLE-1', sku, quantity, components });
const pkg = (id: string, over: Partial<PlannedPackage>): PlannedPackage => ({ id, status: 'READY', items: [], bundleParts: [], ...over });

describe('planOrder: bundles, partial shipments, several packages', () => {
  it('a bundle of three components in two packages: the first waits, the second confirms one bundle unit', () => {
    const first = pkg('p1', { bundleParts: [part('A', 1), part('B', 1)] });
    expect(planOrder([first])).toEqual([{ id: 'p1', action: 'wait', items: [] }]);
    const second = pkg('p2', { bundleParts: [part('C', 2)] });
    expect(planOrder([first, second])).toEqual([
      { id: 'p2', action: 'send', items: [{ orderItemId: 'BUNDLE-1', quantity: 1 }] },
      { id: 'p1', action: 'covered', items: [] },
    ]);
  });

  it('a bundle partly shipped stays waiting while a component is missing (C: 1 of 2 units)', () => {
    const plan = planOrder([pkg('p1', { bundleParts: [part('A', 1), part('B', 1)] }), pkg('p2', { bundleParts: [part('C', 1)] })]);
    expect(plan.map((a) => a.action)).toEqual(['wait', 'wait']);
  });

  it('sends plain lines at once beside a waiting bundle', () => {
    const plan = planOrder([pkg('p1', { items: [{ orderItemId: 'X', quantity: 2 }], bundleParts: [part('A', 1)] })]);
    expect(plan).toEqual([{ id: 'p1', action: 'send', items: [{ orderItemId: 'X', quantity: 2 }] }]);
  });

  it('an order in three packages: each package its own confirmation', () => {
    const plan = planOrder([
      pkg('p1', { items: [{ orderItemId: 'X', quantity: 1 }] }),
      pkg('p2', { items: [{ orderItemId: 'X', quantity: 1 }] }),
      pkg('p3', { items: [{ orderItemId: 'Y', quantity: 3 }] }),
    ]);
    expect(plan.map((a) => [a.id, a.action, a.items])).toEqual([
      ['p1', 'send', [{ orderItemId: 'X', quantity: 1 }]],
      ['p2', 'send', [{ orderItemId: 'X', quantity: 1 }]],
      ['p3', 'send', [{ orderItemId: 'Y', quantity: 3 }]],
    ]);
  });

  it('leaves packages already handed to Amazon alone but counts their bundle parts', () => {
    const plan = planOrder([pkg('p1', { status: 'CONFIRMED', bundleParts: [part('A', 1), part('B', 1)] }), pkg('p2', { bundleParts: [part('C', 2)] })]);
    expect(plan).toEqual([{ id: 'p2', action: 'send', items: [{ orderItemId: 'BUNDLE-1', quantity: 1 }] }]);
  });

  it('ignores refused packages: their units never shipped', () => {
    const plan = planOrder([pkg('p1', { status: 'INVALID', bundleParts: [part('A', 1), part('B', 1)] }), pkg('p2', { bundleParts: [part('C', 2)] })]);
    expect(plan).toEqual([{ id: 'p2', action: 'wait', items: [] }]);
  });

  it('without a make-up, the components in the package are the whole bundle', () => {
    const plan = planOrder([pkg('p1', { bundleParts: [{ bundleOrderItemId: 'B2', sku: 'A', quantity: 1, components: null }] })]);
    expect(plan).toEqual([{ id: 'p1', action: 'send', items: [{ orderItemId: 'B2', quantity: 1 }] }]);
  });
});
