import { RUN_PRIORITY, runPriority } from './run-priority';

describe('runPriority', () => {
  it.each([
    ['get-orders', 'SCHEDULE', RUN_PRIORITY.getOrders],
    ['sync-orders', 'CRONJOB', RUN_PRIORITY.syncOrders],
    ['sync-listings', 'SCHEDULE', RUN_PRIORITY.syncListings],
    ['publish-listings', 'SCHEDULE', RUN_PRIORITY.publish],
    ['link-listings', 'SCHEDULE', RUN_PRIORITY.link],
    ['import-listings', 'MANUAL', RUN_PRIORITY.import],
    ['get-orders', 'MANUAL', RUN_PRIORITY.personRequest],
    ['link-listings', 'API', RUN_PRIORITY.personRequest],
  ])('%s triggered by %s runs at %i', (operation, trigger, expected) => {
    expect(runPriority(operation, trigger)).toBe(expected);
  });

  it('orders the ranks as the issue does: person > get-orders > sync-orders = fast lane > sync-listings > publish > link > import', () => {
    const r = RUN_PRIORITY;
    expect([r.personRequest, r.getOrders, r.syncOrders, r.syncListings, r.publish, r.link, r.import]).toEqual(
      [r.personRequest, r.getOrders, r.syncOrders, r.syncListings, r.publish, r.link, r.import].sort((a, b) => b - a),
    );
    expect(r.listingsFastLane).toBe(r.syncOrders);
    expect(new Set([r.personRequest, r.getOrders, r.syncOrders, r.syncListings, r.publish, r.link, r.import]).size).toBe(7);
  });
});
