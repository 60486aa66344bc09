import { jobOperationSchema } from '@amazon-channel/contracts';
import { isRunnable, RUNNABLE_OPERATIONS } from './runnable-operations';

describe('runnable operations', () => {
  it.each(['import-listings', 'link-listings', 'publish-listings', 'sync-listings', 'get-orders', 'sync-orders', 'pii-redaction'])(
    '%s can be requested',
    (operation) => {
      expect(isRunnable(operation)).toBe(true);
    },
  );

  it.each(['drop-tables', 'GET-ORDERS', ''])('%s cannot', (operation) => {
    expect(isRunnable(operation)).toBe(false);
  });

  it('names only operations of the contracts', () => {
    for (const operation of RUNNABLE_OPERATIONS) expect(jobOperationSchema.options).toContain(operation);
  });
});
