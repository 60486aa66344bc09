/** Currencies without minor units among Amazon's marketplaces (JPY); everything else has two decimals. */
const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'CLP']);

/** Decimal places of `currency`'s minor unit. */
export function minorDigits(currency: string): number {
  return ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2;
}

/**
 * A major-unit amount (Amazon's decimal string or the mapping's number) as integer minor units;
 * null when it is not a finite number. Strings are converted digit by digit to avoid float error.
 */
export function toMinorUnits(amount: string | number | null | undefined, currency: string): number | null {
  if (amount === null || amount === undefined || amount === '') return null;
  const digits = minorDigits(currency);
  if (typeof amount === 'number') return Number.isFinite(amount) ? Math.round(amount * 10 ** digits) : null;
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) return null;
  const fraction = (match[3] ?? '').padEnd(digits + 1, '0');
  let minor = Number(match[2]) * 10 ** digits + Number(fraction.slice(0, digits) || '0');
  // Half-up on the first dropped digit; Amazon's amounts normally have exactly the minor digits.
  if (Number(fraction[digits]) >= 5) minor += 1;
  return match[1] ? -minor : minor;
}
