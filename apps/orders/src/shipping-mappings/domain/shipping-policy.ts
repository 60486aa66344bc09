import { normaliseServiceLevel } from './service-level';

/** A shipping mapping as order decisions need it. */
export interface ShippingMappingFacts {
  channelShippingText: string;
  serviceLevelCategory: string;
  shippingPolicy: string;
}

/**
 * The shipping policy for an order's service level or shipping text; null when no mapping covers it.
 * A mapping whose channel text equals the order's shipping text (case and outer spaces ignored)
 * wins over one for its service level category.
 */
export function findShippingPolicy(
  order: { serviceLevel: string | null; shippingText: string | null },
  mappings: readonly ShippingMappingFacts[],
): string | null {
  const text = order.shippingText?.trim().toLowerCase() ?? null;
  const byText = text ? mappings.find((m) => m.channelShippingText.trim().toLowerCase() === text) : undefined;
  if (byText) return byText.shippingPolicy;
  const category = normaliseServiceLevel(order.shippingText) ?? normaliseServiceLevel(order.serviceLevel);
  return mappings.find((m) => m.serviceLevelCategory === category)?.shippingPolicy ?? null;
}
