import { compileTemplate } from './compile-template';
import { DEFAULT_GET_ORDERS_TEMPLATE } from '../defaults/order-defaults';
import { MAPPING_LIMITS } from '../template/template-limits';
import { compile } from '../testing/spec-helpers';

const sync = compile('sync', {
  price: { kind: 'field', path: 'price' },
  quantity: { kind: 'rules', rules: [{ when: { op: 'matches', path: 'q', pattern: '^[0-9]+$' }, then: { kind: 'field', path: 'q' } }] },
  fulfillment_channel: { kind: 'field', path: 'channel' },
});

describe('evaluation never throws on odd records', () => {
  it.each([null, undefined, 42, 'text', [1, 2], true])('reports a non-object record (%p)', (record) => {
    const r = sync.evaluate(record);
    expect(r.value).toEqual({});
    expect(r.errors).toEqual([expect.objectContaining({ code: 'RECORD_NOT_OBJECT', field: 'record' })]);
  });

  it('treats missing paths as no value', () => {
    expect(sync.evaluate({})).toEqual({ ok: true, value: { fulfillment_channel: 'DEFAULT' }, errors: [], warnings: [] });
  });

  it('reports wrong types instead of sending them', () => {
    const r = sync.evaluate({ price: { amount: 5 }, channel: ['DEFAULT'] });
    expect(r.errors.map((e) => [e.code, e.key])).toEqual([
      ['INVALID_TYPE', 'price'],
      ['INVALID_TYPE', 'fulfillment_channel'],
    ]);
  });

  it('handles huge strings without running a regex on them', () => {
    const huge = '9'.repeat(20_000_000);
    const started = Date.now();
    const r = sync.evaluate({ price: huge, q: huge, channel: huge });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'REGEX_INPUT_TOO_LONG', key: 'quantity' }));
    expect(r.errors.map((e) => e.code)).toEqual(['INVALID_TYPE', 'VALUE_NOT_ALLOWED']);
    expect(r.errors[0]?.message.length).toBeLessThan(300);
  });

  it('handles cyclic records', () => {
    const record: Record<string, unknown> = { price: 5 };
    record['channel'] = record;
    const r = sync.evaluate(record);
    expect(r.value['price']).toBe(5);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'INVALID_TYPE', key: 'fulfillment_channel', message: expect.stringContaining('a object') })]);
  });

  it('reports a throwing getter as an unreadable field and maps the rest', () => {
    const record = {
      price: 7,
      get channel(): string {
        throw new Error('boom');
      },
    };
    const r = sync.evaluate(record);
    expect(r.value['price']).toBe(7);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'RECORD_UNREADABLE', key: 'fulfillment_channel', message: expect.stringContaining('boom') })]);
  });

  it('reports a revoked proxy record', () => {
    const { proxy, revoke } = Proxy.revocable({ price: 1 }, {});
    revoke();
    const r = sync.evaluate(proxy);
    expect(r.ok).toBe(false);
    expect(r.errors.every((e) => e.code === 'RECORD_UNREADABLE')).toBe(true);
  });

  it('reports line items that are not a list, and orders without items', () => {
    const orders = compileTemplate(DEFAULT_GET_ORDERS_TEMPLATE);
    const base = { orderId: '1', createdTime: '2026-01-01T00:00:00Z' };
    expect(orders.evaluate({ ...base, orderItems: 'x' }).errors).toContainEqual(expect.objectContaining({ code: 'LINES_INVALID', sourcePath: 'orderItems' }));
    const none = orders.evaluate(base);
    expect(none.value['lines']).toEqual([]);
    expect(none.warnings).toContainEqual(expect.objectContaining({ code: 'NO_LINE_ITEMS' }));
  });

  it('caps the number of line items mapped per record', () => {
    const orders = compileTemplate(DEFAULT_GET_ORDERS_TEMPLATE);
    const items = Array.from({ length: MAPPING_LIMITS.maxLinesPerRecord + 5 }, (_, i) => ({ quantityOrdered: 1, product: { sellerSku: `S${i}` } }));
    const r = orders.evaluate({ orderId: '1', createdTime: '2026-01-01T00:00:00Z', orderItems: items });
    expect((r.value['lines'] as unknown[]).length).toBe(MAPPING_LIMITS.maxLinesPerRecord);
    expect(r.errors).toContainEqual(expect.objectContaining({ code: 'TOO_MANY_LINES' }));
  });
});
