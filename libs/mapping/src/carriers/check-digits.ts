/**
 * Check digits of the carriers that define one. Each returns `true`/`false`, or `null` when the
 * number is not in a form the carrier's check applies to (e.g. letters in a USPS number).
 */

/**
 * UPS `1Z` numbers (18 characters): the 15 characters between `1Z` and the check digit, letters
 * as `(code − 63) mod 10` (A=2 … Z=7), odd positions ×1 and even ×2; check = (10 − sum mod 10) mod 10.
 */
export function upsCheckDigitValid(trackingNumber: string): boolean | null {
  const tn = trackingNumber.toUpperCase();
  if (!/^1Z[0-9A-Z]{16}$/.test(tn)) return null;
  const body = tn.slice(2, 17);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    const value = c >= '0' && c <= '9' ? Number(c) : (c.charCodeAt(0) - 63) % 10;
    sum += i % 2 === 1 ? value * 2 : value;
  }
  return (10 - (sum % 10)) % 10 === Number(tn[17]);
}

/**
 * The GS1 mod-10 check used by USPS IMpb (20 and 22 digits) and FedEx Ground (15) / SSCC (20):
 * from the digit left of the check digit leftwards, weights 3, 1, 3, …; check = (10 − sum mod 10) mod 10.
 */
export function gs1Mod10Valid(digits: string): boolean | null {
  if (!/^[0-9]{2,}$/.test(digits)) return null;
  let sum = 0;
  let weight = 3;
  for (let i = digits.length - 2; i >= 0; i--) {
    sum += Number(digits[i]) * weight;
    weight = weight === 3 ? 1 : 3;
  }
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}

/** USPS Intelligent Mail package barcode (20 or 22 digits): GS1 mod 10. Letters or other lengths: not checkable. */
export function uspsImpbCheckDigitValid(trackingNumber: string): boolean | null {
  if (!/^([0-9]{20}|[0-9]{22})$/.test(trackingNumber)) return null;
  return gs1Mod10Valid(trackingNumber);
}

/**
 * FedEx: 12 digits (Express) mod 11 with weights 3, 1, 7 repeating from the left over the first 11
 * digits, remainder 10 read as 0; 15 (Ground) and 20 digits (SSCC) GS1 mod 10.
 */
export function fedexCheckDigitValid(trackingNumber: string): boolean | null {
  if (/^[0-9]{12}$/.test(trackingNumber)) {
    const weights = [3, 1, 7];
    let sum = 0;
    for (let i = 0; i < 11; i++) sum += Number(trackingNumber[i]) * weights[i % 3];
    return (sum % 11) % 10 === Number(trackingNumber[11]);
  }
  if (/^([0-9]{15}|[0-9]{20})$/.test(trackingNumber)) return gs1Mod10Valid(trackingNumber);
  return null;
}
