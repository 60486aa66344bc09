import { compileTemplateFor } from '../engine/compile-template';
import { defaultTemplate } from './default-templates';

/**
 * Seed behaviour: handling time (lead_time_to_ship_max_days) goes out only when the listing has
 * one, or when the channel is not DEFAULT, where Amazon requires it and 1 day is sent if blank.
 */
const sync = compileTemplateFor('sync', defaultTemplate('sync'));

describe('sync: handling time only when mapped or channel is not DEFAULT', () => {
  it.each([
    ['DEFAULT channel, no handling time: not sent', { fulfillmentChannel: 'DEFAULT' }, undefined],
    ['no channel, no handling time: not sent', {}, undefined],
    ['DEFAULT channel with a handling time: sent', { fulfillmentChannel: 'DEFAULT', handlingTime: 3 }, 3],
    ['FBA channel, no handling time: 1 day', { fulfillmentChannel: 'AMAZON_NA' }, 1],
    ['FBA channel, blank handling time: 1 day', { fulfillmentChannel: 'AMAZON_EU', handlingTime: '' }, 1],
    ['FBA channel with a handling time: that value', { fulfillmentChannel: 'AMAZON_EU', handlingTime: '4' }, 4],
  ])('%s', (_label, record, expected) => {
    const r = sync.evaluate({ price: 10, quantity: 1, ...record });
    expect(r.errors).toEqual([]);
    if (expected === undefined) expect('handling_time' in r.value).toBe(false);
    else expect(r.value.handling_time).toBe(expected);
  });

  it('names the rule that supplied 1 day', () => {
    const e = sync.explain({ fulfillmentChannel: 'AMAZON_JP' }).fields.find((f) => f.key === 'handling_time');
    expect(e).toMatchObject({ branch: 'rule', rule: { index: 1 }, action: 'value', value: 1 });
  });

  it('uses DEFAULT when the listing has no channel', () => {
    expect(sync.evaluate({ price: 10 }).value).toEqual({ price: 10, fulfillment_channel: 'DEFAULT' });
  });
});
