import { findShippingPolicy, type ShippingMappingFacts } from './shipping-policy';

describe('findShippingPolicy', () => {
  const mappings: ShippingMappingFacts[] = [
    { channelShippingText: 'Std US D2D Dom', serviceLevelCategory: 'STANDARD', shippingPolicy: 'Ground' },
    { channelShippingText: 'Exp US D2D Dom', serviceLevelCategory: 'EXPEDITED', shippingPolicy: 'Two-day air' },
  ];

  it.each([
    ['the shipping text, case and spaces ignored', { serviceLevel: 'STANDARD', shippingText: ' exp us d2d dom ' }, 'Two-day air'],
    ['the service level category', { serviceLevel: 'EXPEDITED', shippingText: null }, 'Two-day air'],
    ['a category written as shipping text (v0 spelling)', { serviceLevel: null, shippingText: 'Standard' }, 'Ground'],
    ['nothing when no mapping covers it', { serviceLevel: 'NEXT_DAY', shippingText: 'Overnight US' }, null],
  ])('finds the policy by %s', (_name, order, policy) => {
    expect(findShippingPolicy(order, mappings)).toBe(policy);
  });
});
