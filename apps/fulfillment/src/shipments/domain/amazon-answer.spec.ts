import { classifyFailure } from './amazon-answer';
import { afterReadBack, isRecorded } from './read-back';

const posted = { carrierCode: 'UPS', shippingMethod: 'UP Ground', trackingNumber: '1Z999AA10123456784' };

describe("Amazon's answers", () => {
  it('a 400 on the method is REJECTED with what to fix', () => {
    const r = classifyFailure(
      { status: 400, code: 'HTTP_ERROR', amazonMessage: 'ShippingMethod: UP Ground is not a valid shipping method for carrier UPS.' },
      posted,
    );
    expect(r).toMatchObject({ kind: 'rejected' });
    expect(r.kind === 'rejected' && r.fix).toMatch(/"UP Ground".*"UPS Ground"/);
  });

  it('a 400 on the order item names the lines', () => {
    const r = classifyFailure(
      { status: 400, code: 'HTTP_ERROR', amazonMessage: 'OrderItemId is invalid, please obtain the value through the getOrderItems API' },
      posted,
    );
    expect(r.kind === 'rejected' && r.fix).toMatch(/order item/);
  });

  it.each([
    [{ status: 429, code: 'THROTTLED' }, 'transient'],
    [{ status: 503, code: 'HTTP_ERROR' }, 'transient'],
    [{ code: 'NETWORK', retryable: true }, 'transient'],
    [{ status: 403, code: 'FORBIDDEN' }, 'refused'],
  ])('%j is %s', (error, kind) => {
    expect(classifyFailure(error, posted).kind).toBe(kind);
  });
});

describe('read-back', () => {
  const sent = { packageReferenceId: '2', trackingNumber: '1Z999AA10123456784' };
  it('finds the package by reference id and tracking number', () => {
    expect(isRecorded(sent, [{ packageReferenceId: '2', trackingNumber: '1z999aa10123456784' }])).toBe(true);
    expect(isRecorded(sent, [{ packageReferenceId: '2', trackingNumber: 'OLD' }])).toBe(false);
    expect(isRecorded(sent, [{ packageReferenceId: '1', trackingNumber: sent.trackingNumber }])).toBe(false);
  });
  it('re-sends once, then flags', () => {
    expect(afterReadBack(true, 1)).toBe('CONFIRMED');
    expect(afterReadBack(false, 0)).toBe('RESEND');
    expect(afterReadBack(false, 1)).toBe('FLAGGED');
  });
});
