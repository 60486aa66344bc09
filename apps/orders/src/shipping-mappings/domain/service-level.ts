/** Amazon's ship service level categories in the Orders 2026-01-01 spelling. */
export const SERVICE_LEVEL_CATEGORIES = ['STANDARD', 'EXPEDITED', 'SECOND_DAY', 'NEXT_DAY', 'FREE_ECONOMY', 'SCHEDULED', 'SAME_DAY', 'PRIORITY'] as const;
/** One ship service level category. */
export type ServiceLevelCategory = (typeof SERVICE_LEVEL_CATEGORIES)[number];

const V0_SPELLING: Record<string, ServiceLevelCategory> = {
  STANDARD: 'STANDARD',
  EXPEDITED: 'EXPEDITED',
  SECONDDAY: 'SECOND_DAY',
  NEXTDAY: 'NEXT_DAY',
  FREEECONOMY: 'FREE_ECONOMY',
  SCHEDULED: 'SCHEDULED',
  SAMEDAY: 'SAME_DAY',
  PRIORITY: 'PRIORITY',
};

/**
 * Normalises a category written either way (v0 `SecondDay`, 2026 `SECOND_DAY`, any case) to the
 * 2026 spelling; null for free text that is not a category (e.g. `Std US D2D Dom`).
 */
export function normaliseServiceLevel(value: string | null | undefined): ServiceLevelCategory | null {
  if (!value) return null;
  return V0_SPELLING[value.replace(/[\s_-]/g, '').toUpperCase()] ?? null;
}
